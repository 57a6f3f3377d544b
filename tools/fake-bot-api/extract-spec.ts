/**
 * Copies the part of the Bot API spec that the fake server validates against into spec.json.
 *
 *   npx tsx tools/fake-bot-api/extract-spec.ts [path/to/api.min.json]
 *
 * Source: api.min.json from PaulSonOfLars/telegram-bot-api-spec (MIT, see SPEC-LICENSE), which is
 * scraped from core.telegram.org/bots/api. We keep, for every method and for every type reachable
 * from a method's parameters: field names, their types and required flags, and the length limits
 * ("1-4096 characters", "1-64 bytes") stated in the field descriptions. Descriptions are dropped.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

interface SourceField { name: string; types: string[]; required: boolean; description: string }
interface SourceEntry { name: string; fields?: SourceField[]; subtypes?: string[]; returns?: string[] }
interface SourceSpec { version: string; release_date: string; methods: Record<string, SourceEntry>; types: Record<string, SourceEntry> }

/** [name, types, required, min, max, unit] — min/max/unit only when the description states a length. */
export type SpecField = [string, string[], boolean] | [string, string[], boolean, number, number, "c" | "b"];
export interface CompactSpec {
  source: string;
  version: string;
  methods: Record<string, { fields: SpecField[]; returns: string[] }>;
  types: Record<string, { fields?: SpecField[]; subtypes?: string[] }>;
}

const LENGTH = /(\d+)-(\d+) (characters|bytes)/;

function compactField(f: SourceField): SpecField {
  const m = LENGTH.exec(f.description);
  if (m === null) return [f.name, f.types, f.required];
  return [f.name, f.types, f.required, Number(m[1]), Number(m[2]), m[3] === "bytes" ? "b" : "c"];
}

const baseType = (t: string): string => t.replace(/^(Array of )+/, "");

export function extract(src: SourceSpec): CompactSpec {
  const out: CompactSpec = { source: "PaulSonOfLars/telegram-bot-api-spec api.min.json (MIT)", version: src.version, methods: {}, types: {} };
  const queue: string[] = [];
  for (const [name, m] of Object.entries(src.methods)) {
    const fields = (m.fields ?? []).map(compactField);
    out.methods[name] = { fields, returns: m.returns ?? [] };
    for (const f of fields) queue.push(...f[1].map(baseType));
  }
  while (queue.length > 0) {
    const name = queue.pop() as string;
    const t = src.types[name];
    if (t === undefined || name in out.types) continue;
    const entry: { fields?: SpecField[]; subtypes?: string[] } = {};
    if (t.fields) {
      entry.fields = t.fields.map(compactField);
      for (const f of entry.fields) queue.push(...f[1].map(baseType));
    }
    if (t.subtypes) {
      entry.subtypes = t.subtypes;
      queue.push(...t.subtypes);
    }
    out.types[name] = entry;
  }
  return out;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const input = process.argv[2] ?? "/work/shared/telegram-bot-api/api.min.json";
  const spec = extract(JSON.parse(readFileSync(input, "utf8")) as SourceSpec);
  const target = join(dirname(fileURLToPath(import.meta.url)), "spec.json");
  writeFileSync(target, JSON.stringify(spec) + "\n");
  console.error(`wrote ${target}: ${Object.keys(spec.methods).length} methods, ${Object.keys(spec.types).length} types`);
}
