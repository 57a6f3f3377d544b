/**
 * Reading a store in tests: the document lives in a snapshot plus a journal, and sign-up events in
 * their own log, so a test reads them through these rather than parsing `db.json` itself.
 */
import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DurableJsonFile } from "../../src/store/durable-file.js";
import { loadDocument, storePaths, type StorePaths } from "../../src/store/load.js";
import type { Db, StoredSignupEvent } from "../../src/store/schema.js";
import type { Store } from "../../src/store/store.js";

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

async function readCopies(paths: StorePaths): Promise<{ db: Db; events: StoredSignupEvent[] }> {
  // the document, and the events of an old (version 1) snapshot and of the journals
  const { data, events } = await loadDocument(new DurableJsonFile<Db>(paths.snapshot, false), paths);
  const bySeq = new Map<number, StoredSignupEvent>();
  if (existsSync(paths.signups)) {
    for (const line of readFileSync(paths.signups, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      try {
        const e = JSON.parse(line) as StoredSignupEvent;
        bySeq.set(e.seq, e);
      } catch {
        // a torn last line: the journal still has that event
      }
    }
  }
  for (const e of events) bySeq.set(e.seq, e);
  return { db: data, events: [...bySeq.values()].sort((a, b) => a.seq - b.seq) };
}
