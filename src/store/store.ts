import { mkdir, readdir, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { Low } from "lowdb";
import { DurableJsonFile, StoreFileError } from "./durable-file.js";
import { acquireLock } from "./lock.js";
import { migrate } from "./migrations.js";
import { dbSchema, emptyDb, type Db } from "./schema.js";

/**
 * The embedded store: one lowdb document kept in memory and written durably.
 *
 * lowdb rewrites the whole file on each write, so writes are grouped (group commit): changes made
 * while a write is running are all saved by the next single write. `update` resolves only once the
 * write holding its change is on disk, which is when a user may be told "done".
 */
export interface Store {
  /** The live data. Read freely; change it only inside `update` or `mutate`. */
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
   * Refuses further `update`s, writes everything still pending (batched `mutate`s included) and
   * releases the file lock, also when the last write fails (then it rejects).
   */
  close(): Promise<void>;
  /** How many writes reached the disk (for tests and benchmarks). */
  readonly writes: number;
  /** Counts calls to `update` and `mutate`: tells whether anything changed since an earlier look. */
  readonly changes: number;
}

export interface StoreOptions {
  file: string;
  /** Keep the previous file as `<file>.bak` on every write (default true). */
  keepBackup?: boolean;
}

/** Opens (or creates) the store: takes the lock, reads, migrates and validates. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const { file } = options;
  await mkdir(dirname(file), { recursive: true });
  const release = await acquireLock(file);
  try {
    await removeLeftoverTempFiles(file);
    const adapter = new DurableJsonFile<Db>(file, options.keepBackup ?? true);
    const db = new Low<Db>(adapter, emptyDb());
    await db.read();
    db.data = validate(file, db.data);
    return createGroupCommitStore(db, release);
  } catch (err) {
    await release();
    throw err;
  }
}

/**
 * Temporary files a killed process left half-written. Safe to delete: holding the lock, no other
 * process writes this store.
 */
async function removeLeftoverTempFiles(file: string): Promise<void> {
  const prefix = `.${basename(file)}.`;
  const dir = dirname(file);
  for (const name of await readdir(dir)) {
    if (name.startsWith(prefix) && name.endsWith(".tmp")) await unlink(join(dir, name)).catch(() => undefined);
  }
}

function validate(file: string, raw: unknown): Db {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new StoreFileError(file, "it does not hold a JSON object");
  }
  let migrated: Record<string, unknown>;
  try {
    migrated = migrate(raw as Record<string, unknown>);
  } catch (err) {
    throw new StoreFileError(file, (err as Error).message);
  }
  const parsed = dbSchema.safeParse(migrated);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join(".")}: ${first.message}` : "invalid";
    throw new StoreFileError(file, `its content does not match the expected layout (${where})`);
  }
  return parsed.data;
}

function createGroupCommitStore(db: Low<Db>, release: () => Promise<void>): Store {
  let dirty = false;
  let writing: Promise<void> | undefined;
  let writes = 0;
  let closed = false;
  let released = false;
  let closing: Promise<void> | undefined;
  // the last write failed: what it held is in memory only, until a later write succeeds
  let failed = false;
  let changes = 0;
  // resolves when the write that includes all changes made before the call finishes
  let next: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | undefined;

  const schedule = (): Promise<void> => {
    dirty = true;
    if (!next) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      promise.catch(() => undefined); // awaited by callers; avoid unhandled rejection noise
      next = { promise, resolve, reject };
    }
    const waiting = next.promise;
    if (!writing) writing = loop();
    return waiting;
  };

  const loop = async (): Promise<void> => {
    // let the current tick's changes join this write
    await new Promise((r) => setImmediate(r));
    while (dirty) {
      dirty = false;
      const batch = next;
      next = undefined;
      try {
        await db.write();
        writes++;
        failed = false;
        batch?.resolve();
      } catch (err) {
        // no retry loop here (a full disk would spin): the next change, flush or close writes again
        failed = true;
        batch?.reject(err);
      }
    }
    writing = undefined;
  };

  const flush = async (): Promise<void> => {
    if (writing && !dirty) await writing;
    if (dirty || failed) await schedule();
  };

  return {
    get data() {
      return db.data;
    },
    get writes() {
      return writes;
    },
    get changes() {
      return changes;
    },
    update(fn) {
      if (closed) return Promise.reject(new Error("store is closed"));
      changes++;
      let result: ReturnType<typeof fn>;
      try {
        result = fn(db.data);
      } catch (err) {
        return Promise.reject(err);
      }
      return schedule().then(() => result);
    },
    mutate(fn) {
      changes++;
      const result = fn(db.data);
      if (!released) void schedule().catch(() => undefined);
      return result;
    },
    flush,
    close() {
      closing ??= (async () => {
        closed = true;
        try {
          // batched changes (mutate) may still arrive while the last writes run: wait until none is left,
          // so nothing is written after the lock is released
          do await flush();
          while (dirty || writing);
        } finally {
          released = true;
          await release();
        }
      })();
      return closing;
    },
  };
}
