import { mkdir, readdir, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { DurableJsonFile, fileSize, StoreFileError, tempPrefixOf } from "./durable-file.js";
import { openEventLog } from "./event-log.js";
import { createGroupCommitStore } from "./group-commit.js";
import { openFile, type OpenFile } from "./file-io.js";
import { openJournal } from "./journal.js";
import { acquireLock } from "./lock.js";
import { loadDocument, storePaths, type StorePaths } from "./load.js";
import type { Db, StoredSignupEvent } from "./schema.js";

/**
 * The embedded store: one document in memory, saved as a snapshot (`db.json`, written with lowdb)
 * plus a journal of changes (`db.journal`), and an append-only sign-up log (`db.signups.ndjson`).
 *
 * A change costs an append of what it touched, not a rewrite of the document: `update` notes the
 * paths its callback writes, and changes arriving together share one journal entry and one sync
 * (group commit). `update` resolves only once that entry is on disk, which is when a user may be
 * told "done". When the journal outgrows the snapshot, a new snapshot is written and the journal
 * starts again (the previous one is kept beside it, with the previous snapshot as `db.json.bak`).
 */
export interface Store {
  /** The live data. Read freely; change it only inside `update` or `mutate`, through their argument. */
  readonly data: Db;
  /**
   * Applies `fn` now and resolves with its result once the change is on disk. Rejects when `fn`
   * throws, when the store is closed, or when the write fails (a full disk: nothing of it counts; the
   * change stays in memory and goes to disk with a retry after a pause, a flush or close).
   */
  update<R>(fn: (db: Db) => R): Promise<R>;
  /** Applies `fn` now and schedules a write without waiting for it (for batched progress). */
  mutate<R>(fn: (db: Db) => R): R;
  /**
   * Like `mutate`, for bookkeeping that is not an effect anyone acts on (the ids of handled
   * updates): saved with the next write, and not counted in `changes`.
   */
  note(fn: (db: Db) => void): void;
  /** Resolves once everything changed so far is on disk (writing again after a failed write); rejects if it cannot. */
  flush(): Promise<void>;
  /**
   * Refuses further `update`s, writes everything still pending (batched `mutate`s included), writes
   * a snapshot and releases the file lock, also when the last write fails (then it rejects).
   */
  close(): Promise<void>;
  /** The sign-up events, kept on disk rather than in `data`. */
  readonly signups: SignupLog;
  /** How many journal entries reached the disk (for tests and benchmarks). */
  readonly writes: number;
  /** Counts calls to `update` and `mutate` (not `note`): tells whether anything changed since an earlier look. */
  readonly changes: number;
}

/** The sign-up log as the store offers it. */
export interface SignupLog {
  /** Adds an event to the change being made (call it inside `update`); the store numbers it. */
  append(event: Omit<StoredSignupEvent, "seq">): StoredSignupEvent;
  /** Streams every saved event, oldest first. */
  replay(fn: (event: StoredSignupEvent) => void): Promise<void>;
  /**
   * Rewrites the log with each event mapped (undefined drops it), then writes a snapshot and
   * empties the journals, so no other copy of a dropped event stays on disk. Resolves with how many were dropped.
   */
  rewrite(map: (event: StoredSignupEvent) => StoredSignupEvent | undefined): Promise<number>;
}

export interface StoreOptions {
  file: string;
  /** Keep the previous snapshot as `<file>.bak` (default true). */
  keepBackup?: boolean;
  /**
   * On close, rebuild the document from the files and compare it with the one in memory (default:
   * the STORE_VERIFY environment variable is "1", which the test suite sets): a change made behind
   * the store's back, which the journal would not hold, fails loudly.
   */
  verify?: boolean;
  /** The journal is folded into a new snapshot past this size or the snapshot's, whichever is larger (default 8 MiB). */
  journalBytes?: number;
  /** Opens the journal for writing (tests inject failing disks here). */
  openJournal?: typeof openJournal;
  /** Opens every file the store writes (tests inject a disk that fills up; default the real one). */
  openFile?: OpenFile;
}

/** The journal is folded into a new snapshot once it grows past this, or past the snapshot's size. */
const MIN_JOURNAL_BYTES = 8 * 2 ** 20;

/** Opens (or creates) the store: takes the lock, reads the snapshot, replays the journal, validates. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const { file } = options;
  await mkdir(dirname(file), { recursive: true });
  const release = await acquireLock(file);
  const opened: { close(): Promise<void> }[] = [];
  try {
    const paths = storePaths(file);
    await removeLeftoverTempFiles(paths);
    const open = options.openFile ?? openFile;
    const snapshot = new DurableJsonFile<Db>(file, options.keepBackup ?? true, open);
    const loaded = await loadDocument(snapshot, paths, true);
    const log = await openEventLog<StoredSignupEvent>(paths.signups, open);
    opened.push(log);
    // events the log already has are skipped by it
    if (loaded.events.length > 0) {
      await log.append(loaded.events);
      await log.sync();
    }
    const journal = await (options.openJournal ?? openJournal)(paths.journal, open);
    opened.push(journal);
    const store = createGroupCommitStore({
      data: loaded.data, commit: loaded.commit, snapshot, paths, log, journal, release,
      snapshotBytes: await fileSize(file),
      journalBytes: options.journalBytes ?? MIN_JOURNAL_BYTES,
      verify: options.verify ?? process.env.STORE_VERIFY === "1",
    });
    // an old file that still held sign-up events: write the new layout now, once they are in the log
    if (loaded.migrated) await store.checkpoint();
    return store;
  } catch (err) {
    for (const file of opened) await file.close().catch(() => undefined);
    await release();
    throw err;
  }
}


/** Temporary files a killed process left half-written (safe to delete: the lock is ours). */
async function removeLeftoverTempFiles(paths: StorePaths): Promise<void> {
  const prefixes = [paths.snapshot, paths.signups].map(tempPrefixOf);
  const dir = dirname(paths.snapshot);
  for (const name of await readdir(dir)) {
    if (name.endsWith(".tmp") && prefixes.some((p) => name.startsWith(p))) await unlink(join(dir, name)).catch(() => undefined);
  }
}

export { StoreFileError };
