import { Low, type Adapter } from "lowdb";
import { StoreFileError } from "./durable-file.js";
import { readJournal } from "./journal.js";
import { migrate } from "./migrations.js";
import { dbSchema, emptyDb, type Db, type StoredSignupEvent } from "../schema.js";
import { applyOps } from "./tracker.js";

/** The files of one store, named after its snapshot (`data/db.json` → `data/db.journal`, …). */
export interface StorePaths {
  snapshot: string;
  /** changes since the snapshot */
  journal: string;
  /** the journal before the last snapshot: with `<snapshot>.bak` it rebuilds the state from the previous snapshot */
  previous: string;
  /** the sign-up events */
  signups: string;
}

/** Where the store kept in `file` keeps its other files. */
export function storePaths(file: string): StorePaths {
  const stem = file.endsWith(".json") ? file.slice(0, -".json".length) : file;
  return { snapshot: file, journal: `${stem}.journal`, previous: `${stem}.journal.prev`, signups: `${stem}.signups.ndjson` };
}

/**
 * Reads the snapshot, brings it to the current layout, replays the journals written since, and
 * validates the result. Also returns the sign-up events found in an old snapshot or in the
 * journals: the caller appends those the log is missing (a crash can leave the log behind the journal).
 * `repair` (the store's owner only): a journal's torn last line is cut off the file.
 */
export async function loadDocument(
  snapshot: Adapter<Db>,
  paths: StorePaths,
  repair = false,
): Promise<{ data: Db; commit: number; migrated: boolean; events: StoredSignupEvent[] }> {
  const low = new Low<Db>(snapshot, emptyDb());
  await low.read();
  const raw: unknown = low.data;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new StoreFileError(paths.snapshot, "it does not hold a JSON object");
  }
  const record = raw as Record<string, unknown>;
  const oldVersion = record.version;
  const legacy = legacyEvents(record);
  let doc: Record<string, unknown>;
  try {
    doc = migrate(record);
  } catch (err) {
    throw new StoreFileError(paths.snapshot, (err as Error).message);
  }
  const events = [...legacy].sort((a, b) => a.seq - b.seq);
  const from = typeof doc.commit === "number" ? doc.commit : 0;
  let commit = from;
  for (const file of [paths.previous, paths.journal]) {
    for (const entry of await readJournal(file, repair)) {
      if (entry.n > from) applyOps(doc, entry.ops);
      if (entry.ev) events.push(...(entry.ev as StoredSignupEvent[]));
      commit = Math.max(commit, entry.n);
    }
  }
  return { data: validate(paths.snapshot, doc), commit, migrated: oldVersion !== doc.version, events };
}

/** Sign-up events of a version-1 file, which kept them in the document. */
function legacyEvents(raw: Record<string, unknown>): StoredSignupEvent[] {
  const signups = raw.signups as { events?: unknown } | undefined;
  return raw.version === 1 && Array.isArray(signups?.events) ? (signups.events as StoredSignupEvent[]) : [];
}

function validate(file: string, doc: Record<string, unknown>): Db {
  const parsed = dbSchema.safeParse(doc);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join(".")}: ${first.message}` : "invalid";
    throw new StoreFileError(file, `its content does not match the expected layout (${where})`);
  }
  return parsed.data;
}
