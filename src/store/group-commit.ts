import { link, unlink } from "node:fs/promises";
import { isDeepStrictEqual } from "node:util";
import { Low } from "lowdb";
import { DurableJsonFile, fileSize } from "./durable-file.js";
import type { EventLog } from "./event-log.js";
import type { JournalWriter } from "./journal.js";
import { loadDocument, type StorePaths } from "./load.js";
import type { Db, StoredSignupEvent } from "./schema.js";
import type { Store } from "./store.js";
import { createTracker, type Op } from "./tracker.js";

/** What an opened store is made of (see openStore). */
export interface Parts {
  data: Db;
  commit: number;
  snapshot: DurableJsonFile<Db>;
  paths: StorePaths;
  log: EventLog<StoredSignupEvent>;
  journal: JournalWriter;
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

/**
 * The store over its opened files: changes noted by the tracker are appended to the journal in
 * groups (one entry and one sync for everything changed while the previous entry was written),
 * sign-up events follow into their log, and a snapshot replaces the journal when it grows.
 */
export function createGroupCommitStore(parts: Parts): Store & { checkpoint(purge?: boolean): Promise<void> } {
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
    journalLimit = Math.max(parts.journalBytes, await fileSize(paths.snapshot));
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
      }
      // one task between entries at most, so a steady stream of changes cannot starve it
      const task = tasks.shift();
      if (task) await task.run();
      else if (!pending()) break;
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

  const apply = <R>(fn: (db: Db) => R, counts = true): R => {
    if (counts) changes++;
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
    note(fn) {
      apply(fn, false);
      if (!released) void schedule().catch(() => undefined);
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
          // the journals go first: rewritten before them, the log could take dropped events back
          // from them after a crash (they hold every event the log seems to be missing)
          await checkpoint(true);
          return log.rewrite(map);
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


