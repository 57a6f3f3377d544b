import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Compound } from "../domain/compounds.js";

const name = z.string().trim().min(1).max(40);
const fileSchema = z.strictObject({
  $comment: z.string().optional(),
  compounds: z.array(
    z.strictObject({
      id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,23}$/, "ids are 1–24 of a-z, 0-9 and -"),
      name: z.strictObject({ zh: name, en: name }),
    }),
  ),
});

/**
 * Reads `<dataDir>/compounds.json` (`{ compounds: [{ id, name: { zh, en } }] }`). A missing file
 * means no compounds; a bad one throws an Error naming the file and the problem, so the bot stops at start.
 */
export async function loadCompounds(dataDir: string): Promise<Compound[]> {
  const file = join(dataDir, "compounds.json");
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new Error(`${file}: cannot be read (${(e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new Error(`${file}: is not valid JSON (${(e as Error).message})`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  const ids = parsed.data.compounds.map((c) => c.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`${file}: compound id "${twice}" is used twice`);
  return parsed.data.compounds;
}
