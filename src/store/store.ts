import { link, mkdir, readdir, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { Low } from "lowdb";
import { DurableJsonFile, StoreFileError } from "./durable-file.js";
import { openEventLog, type EventLog } from "./event-log.js";
import { openJournal } from "./journal.js";
import { acquireLock } from "./lock.js";
import { loadDocument, storePaths, type StorePaths } from "./load.js";
import type { Db, StoredSignupEvent } from "./schema.js";
import { createTracker, type Op } from "./tracker.js";

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
   * throws, when the store is closed, or when the write fails (the change then stays in memory and
   * goes to disk with the next write, flush or close).
   */
  update<R>(fn: (db: Db) => R): Promise<R>;
  /** Applies `fn` now and schedules a write without waiting for it (for batched progress). */
  mutate<R>(fn: (db: Db) => R): R;
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
  /** Counts calls to `update` and `mutate`: tells whether anything changed since an earlier look. */
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
}

/** The journal is folded into a new snapshot once it grows past this, or past the snapshot's size. */
const MIN_JOURNAL_BYTES = 8 * 2 ** 20;

/** Opens (or creates) the store: takes the lock, reads the snapshot, replays the journal, validates. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const { file } = options;
  await mkdir(dirname(file), { recursive: true });
  const release = await acquireLock(file);
  try {
    const paths = storePaths(file);
    await removeLeftoverTempFiles(paths);
    const snapshot = new DurableJsonFile<Db>(file, options.keepBackup ?? true);
    const loaded = await loadDocument(snapshot, paths, true);
    const log = await openEventLog<StoredSignupEvent>(paths.signups);
    // events the log already has are skipped by it
    if (loaded.events.length > 0) {
      await log.append(loaded.events);
      await log.sync();
    }
    const snapshotBytes = await sizeOf(file);
    const journal = await (options.openJournal ?? openJournal)(paths.journal);
    const store = createJournaledStore({
      data: loaded.data, commit: loaded.commit, snapshot, paths, log, journal, release, snapshotBytes,
      journalBytes: options.journalBytes ?? MIN_JOURNAL_BYTES,
      verify: options.verify ?? process.env.STORE_VERIFY === "1",
    });
    // an old file that still held sign-up events: write the new layout now, once they are in the log
    if (loaded.migrated) await store.checkpoint();
    return store;
  } catch (err) {
    await release();
    throw err;
  }
}

const sizeOf = (file: string): Promise<number> => stat(file).then((s) => s.size, () => 0);

/** Temporary files a killed process left half-written (safe to delete: the lock is ours). */
async function removeLeftoverTempFiles(paths: StorePaths): Promise<void> {
  const prefixes = [paths.snapshot, paths.signups].map((f) => `.${basename(f)}.`);
  const dir = dirname(paths.snapshot);
  for (const name of await readdir(dir)) {
    if (name.endsWith(".tmp") && prefixes.some((p) => name.startsWith(p))) await unlink(join(dir, name)).catch(() => undefined);
  }
}

interface Parts {
  data: Db;
  commit: number;
  snapshot: DurableJsonFile<Db>;
  paths: StorePaths;
  log: EventLog<StoredSignupEvent>;
  journal: Awaited<ReturnType<typeof openJournal>>;
  release: () => Promise<void>;
  snapshotBytes: number;
  journalBytes: number;
  verify: boolean;
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // awaited by callers; avoid unhandled rejection noise
  return { promise, resolve, reject };
}

function createJournaledStore(parts: Parts): Store & { checkpoint(purge?: boolean): Promise<void> } {
  const { data, snapshot, paths, log, journal, release } = parts;
  const tracker = createTracker();
  let commit = parts.commit;
  let journalLimit = Math.max(parts.journalBytes, parts.snapshotBytes);
  let nextSeq = log.lastSeq + 1;
  let events: StoredSignupEvent[] = [];
  // what a failed write held: it goes first into the next entry
  let carried: { ops: Op[]; ev: StoredSignupEvent[] } | undefined;
  // committed through the journal but not yet in the sign-up log (its append failed)
  let unlogged: StoredSignupEvent[] = [];
  const tasks: { run: () => Promise<void>; fail: (err: unknown) => void }[] = [];
  let inCallback = 0;
  let writing: Promise<void> | undefined;
  let next: Deferred | undefined;
  let writes = 0;
  let changes = 0;
  let closed = false;
  let released = false;
  let closing: Promise<void> | undefined;

  const pending = () => tracker.dirty || events.length > 0 || carried !== undefined;

  const writeEntry = async (): Promise<void> => {
    const ops = [...(carried?.ops ?? []), ...tracker.take(data)];
    const ev = [...(carried?.ev ?? []), ...events];
    events = [];
    carried = undefined;
    try {
      await journal.append(JSON.stringify({ n: commit + 1, ops, ...(ev.length > 0 ? { ev } : {}) }) + "\n");
    } catch (err) {
      carried = { ops, ev };
      throw err;
    }
    commit++;
    unlogged.push(...ev);
    if (unlogged.length > 0) {
      await log.append(unlogged);
      unlogged = [];
    }
  };

  /** Writes the document as a new snapshot and lets the journal go (it is all in the snapshot now). */
  const checkpoint = async (purge = false): Promise<void> => {
    if (unlogged.length > 0) await log.append(unlogged).then(() => (unlogged = []));
    await log.sync();
    data.commit = commit;
    await new Low(snapshot, data).write();
    if (purge) {
      await journal.purge(paths.previous);
      // the backup is the previous snapshot: after a purge it must not keep what was purged
      await unlink(`${paths.snapshot}.bak`).catch(() => undefined);
      await link(paths.snapshot, `${paths.snapshot}.bak`).catch(() => undefined);
    } else await journal.rotate(paths.previous);
    journalLimit = Math.max(parts.journalBytes, await sizeOf(paths.snapshot));
  };

  const schedule = (): Promise<void> => {
    next ??= deferred();
    const waiting = next.promise;
    writing ??= loop();
    return waiting;
  };

  const loop = async (): Promise<void> => {
    // let the current tick's changes join this write
    await new Promise((r) => setImmediate(r));
    for (;;) {
      if (pending()) {
        const batch = next;
        next = undefined;
        try {
          await writeEntry();
          writes++;
          batch?.resolve();
        } catch (err) {
          // no retry loop here (a full disk would spin): the next change, flush or close writes again
          batch?.reject(err);
          failTasks(err);
          break;
        }
        if (journal.size > journalLimit) await checkpoint().catch(() => undefined); // tried again after the next entry
        continue;
      }
      const task = tasks.shift();
      if (!task) break;
      await task.run();
    }
    writing = undefined;
    if (next) {
      // someone waits for a change that arrived while the last write failed: it gets a write of its
      // own; with nothing left to write, what they wait for is on disk already
      if (pending()) writing = loop();
      else {
        next.resolve();
        next = undefined;
      }
    }
  };

  /** Runs `task` between entries (nothing is written meanwhile). */
  const exclusive = <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      tasks.push({ run: () => task().then(resolve, reject), fail: reject });
      writing ??= loop();
    });

  /** A write failed: what waited to run after it fails too, rather than wait for a disk that may not come back. */
  const failTasks = (err: unknown): void => {
    for (const task of tasks.splice(0)) task.fail(err);
  };

  const flush = async (): Promise<void> => {
    if (writing && !pending()) await writing;
    if (pending()) await schedule();
  };

  const apply = <R>(fn: (db: Db) => R): R => {
    changes++;
    inCallback++;
    try {
      return tracker.run(data, fn);
    } finally {
      inCallback--;
    }
  };

  const verifyFiles = async (): Promise<void> => {
    const reread = await loadDocument(new DurableJsonFile<Db>(paths.snapshot, false), paths);
    const strip = (d: Db) => ({ ...d, commit: 0 });
    if (!isDeepStrictEqual(strip(reread.data), strip(data))) {
      throw new Error(`store ${paths.snapshot}: the journal does not reproduce the document in memory (a change made outside update/mutate?)`);
    }
  };

  return {
    get data() {
      return data;
    },
    get writes() {
      return writes;
    },
    get changes() {
      return changes;
    },
    update(fn) {
      if (closed) return Promise.reject(new Error("store is closed"));
      let result: ReturnType<typeof fn>;
      try {
        result = apply(fn);
      } catch (err) {
        return Promise.reject(err);
      }
      return schedule().then(() => result);
    },
    mutate(fn) {
      const result = apply(fn);
      if (!released) void schedule().catch(() => undefined);
      return result;
    },
    flush,
    checkpoint: (purge) => exclusive(() => checkpoint(purge)),
    signups: {
      append(event) {
        if (inCallback === 0) throw new Error("signups.append outside store.update");
        const stored = { seq: nextSeq++, ...event } as StoredSignupEvent;
        events.push(stored);
        return stored;
      },
      async replay(fn) {
        // everything committed so far is in the log once flushed; sign-ups go on while it streams
        await flush();
        await log.replay(fn);
      },
      async rewrite(map) {
        await flush();
        return exclusive(async () => {
          const dropped = await log.rewrite(map);
          await checkpoint(true);
          return dropped;
        });
      },
    },
    close() {
      closing ??= (async () => {
        closed = true;
        try {
          // batched changes (mutate) may still arrive while the last writes run: wait until none is left,
          // so nothing is written after the lock is released
          do await flush();
          while (pending() || writing);
          if (parts.verify) await verifyFiles();
          if (journal.size > 0) await checkpoint();
        } finally {
          released = true;
          await journal.close().catch(() => undefined);
          await log.close().catch(() => undefined);
          await release();
        }
      })();
      return closing;
    },
  };
}

export { StoreFileError };
