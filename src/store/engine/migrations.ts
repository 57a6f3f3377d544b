import { SCHEMA_VERSION } from "../schema.js";

/**
 * Migrations from version N to N+1, applied in order to a store file written by an older version.
 * Each takes the raw JSON of version N and returns the raw JSON of version N+1.
 */
const migrations: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {
  // 1 → 2: sign-up events leave the document for their own log (openStore moves them there first)
  1: ({ signups: _moved, ...raw }) => ({ ...raw, version: 2 }),
};

/**
 * Brings raw store JSON up to the current schema version. Throws on a file from a newer version
 * (an older bot must not rewrite what it does not understand).
 */
export function migrate(raw: Record<string, unknown>): Record<string, unknown> {
  let version = typeof raw.version === "number" ? raw.version : 0;
  if (version > SCHEMA_VERSION) {
    throw new Error(`it was written by a newer version of the bot (schema ${version}, this one knows ${SCHEMA_VERSION})`);
  }
  let data = raw;
  while (version < SCHEMA_VERSION) {
    const step = migrations[version];
    if (!step) throw new Error(`no migration from schema version ${version}`);
    data = step(data);
    version += 1;
  }
  return data;
}
