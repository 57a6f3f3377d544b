import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Localized } from "../domain/translate.js";

const fileSchema = z.object({ compounds: z.array(z.object({ id: z.string().min(1), name: z.object({ zh: z.string().min(1), en: z.string().min(1) }) })) });

/**
 * The compounds' names by id from `<dataDir>/compounds.json`, for showing survey results per
 * compound; empty when the file is missing. (A read-only view: /home owns the compounds.)
 */
export async function loadCompoundNames(dataDir: string): Promise<Map<string, Localized>> {
  const file = join(dataDir, "compounds.json");
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Map();
    throw new Error(`${file}: cannot read compounds: ${(error as Error).message}`, { cause: error });
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: invalid compounds:\n${z.prettifyError(parsed.error)}`);
  return new Map(parsed.data.compounds.map((c) => [c.id, c.name]));
}
