/**
 * Reading a store in tests: the document lives in a snapshot plus a journal, and sign-up events in
 * their own log, so a test reads them through these rather than parsing `db.json` itself.
 */
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DurableJsonFile } from "../../src/store/engine/durable-file.js";
import { openEventLog } from "../../src/store/engine/event-log.js";
import { loadDocument, storePaths, type StorePaths } from "../../src/store/engine/load.js";
import type { Db, StoredSignupEvent } from "../../src/store/schema.js";
import type { Store } from "../../src/store/engine/store.js";

/** Every sign-up event an open store has saved, oldest first. */
export async function eventsOf(store: Store): Promise<StoredSignupEvent[]> {
  const out: StoredSignupEvent[] = [];
  await store.signups.replay((e) => out.push(e));
  return out;
}

/**
 * What a store's files hold, read without opening the store (no lock, nothing written): the
 * document rebuilt from snapshot and journal, and the sign-up events of the log and the journal.
 * For files of a process that is running or was killed.
 *
 * The files are copied first and read from the copies: reading a journal cuts a torn last line
 * off, which must never happen to the journal a running process is appending to.
 */
export async function readStoreFiles(file: string): Promise<{ db: Db; events: StoredSignupEvent[] }> {
  const dir = await mkdtemp(join(tmpdir(), "store-files-"));
  try {
    const paths = await copyStoreFiles(storePaths(file), storePaths(join(dir, "db.json")));
    return await readCopies(paths);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Copies in this order: log, previous journal, journal, snapshot. A snapshot copied last is at
 * least as new as the journals copied before it, so a checkpoint in between loses nothing.
 */
async function copyStoreFiles(from: StorePaths, to: StorePaths): Promise<StorePaths> {
  for (const key of ["signups", "previous", "journal", "snapshot"] as const) {
    await copyFile(from[key], to[key]).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "ENOENT") throw err;
    });
  }
  return to;
}

/** Reads the copies as the store itself would at start (which may repair them: they are copies). */
async function readCopies(paths: StorePaths): Promise<{ db: Db; events: StoredSignupEvent[] }> {
  // the document, and the events of an old (version 1) snapshot and of the journals
  const { data, events: fromJournals } = await loadDocument(new DurableJsonFile<Db>(paths.snapshot, false), paths);
  const log = await openEventLog<StoredSignupEvent>(paths.signups);
  try {
    // events the log already has are skipped by it, as at start
    await log.append(fromJournals);
    const events: StoredSignupEvent[] = [];
    await log.replay((e) => events.push(e));
    return { db: data, events };
  } finally {
    await log.close();
  }
}
