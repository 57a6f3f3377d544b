import type { DeepReadonly } from "../../domain/deep-readonly.js";
import type { Db, StoredSignupEvent } from "../schema.js";

/**
 * How far a write must get before the caller goes on. Every write is applied to the document at
 * once and saved by the group commit (one journal entry and one sync for everything written while
 * the previous entry was being written); the choice is only about waiting and counting:
 *
 * - `"durable"`: `write` returns a promise that resolves with the callback's result once the change
 *   is on disk, and rejects when it is not (a full disk, a closed store, a callback that threw).
 *   For anything a user is told is done, or that an effect outside the process depends on.
 * - `"batched"`: `write` returns the callback's result at once; the change is saved with the next
 *   entry, which is under way already (a crash before it loses it). For progress that is saved often
 *   and can be redone (a broadcast's outcomes between its durable checkpoints, a roster's message id).
 * - `"bookkeeping"`: like `"batched"`, and not counted in `changes`: for records nobody acts on, such
 *   as the ids of handled updates, so a read-only update does not look like a change.
 */
export type Durability = "durable" | "batched" | "bookkeeping";

/**
 * A write: changes the document through its argument only (a mutable, tracked view; every path it
 * sets or deletes goes into the journal). It runs synchronously, once, and must not keep the view
 * past its return: the view stops working then. It must not be async (a promise is refused).
 */
export type Writer<R> = (db: Db) => R;

/** The document as everyone outside a write sees it: deeply read-only. */
export type ReadonlyDb = DeepReadonly<Db>;

/**
 * The embedded store: one document in memory, saved as a snapshot (`db.json`, written through
 * lowdb's `Low` with a durable adapter) plus a journal of changes (`db.journal`), and an
 * append-only sign-up log (`db.signups.ndjson`).
 *
 * A change costs an append of what it touched, not a rewrite of the document: `write` notes the
 * paths its callback writes, and changes arriving together share one journal entry and one sync
 * (group commit). A `"durable"` write resolves only once that entry is on disk, which is when a
 * user may be told "done". When the journal outgrows the snapshot, a new snapshot is written and
 * the journal starts again (the previous one is kept beside it, with the previous snapshot as
 * `db.json.bak`).
 */
export interface Store {
  /** The live document, deeply read-only: it changes only through `write`. Do not keep parts of it across awaits expecting them to stay put. */
  readonly data: ReadonlyDb;
  /**
   * Applies `fn` now and resolves with its result once the change is on disk (see `Durability`).
   * Rejects when `fn` throws, when the store is closed, or when the write fails (a full disk:
   * nothing of it counts; the change stays in memory and goes to disk with a retry after a pause,
   * a flush or close).
   */
  write<R>(fn: Writer<R>, durability: "durable"): Promise<R>;
  /** Applies `fn` now and returns its result; the change is saved with the next entry, not awaited (see `Durability`). Throws what `fn` throws. */
  write<R>(fn: Writer<R>, durability: "batched" | "bookkeeping"): R;
  /** Resolves once everything changed so far is on disk (writing again after a failed write); rejects if it cannot. */
  flush(): Promise<void>;
  /**
   * Refuses further durable writes, saves everything still pending (batched ones included), writes
   * a snapshot and releases the file lock, also when the last write fails (then it rejects).
   */
  close(): Promise<void>;
  /** The sign-up events, kept on disk rather than in `data`. */
  readonly signups: SignupLog;
  /** How many journal entries reached the disk (for tests and benchmarks). */
  readonly writes: number;
  /** Counts durable and batched writes (not bookkeeping): tells whether anything changed since an earlier look. */
  readonly changes: number;
}

/** The sign-up log as the store offers it. */
export interface SignupLog {
  /** Adds an event to the change being made (call it inside `write`); the store numbers it. */
  append(event: Omit<StoredSignupEvent, "seq">): StoredSignupEvent;
  /** Streams every saved event, oldest first. */
  replay(fn: (event: StoredSignupEvent) => void): Promise<void>;
  /**
   * Rewrites the log with each event mapped (undefined drops it), then writes a snapshot and
   * empties the journals, so no other copy of a dropped event stays on disk. Resolves with how many were dropped.
   */
  rewrite(map: (event: StoredSignupEvent) => StoredSignupEvent | undefined): Promise<number>;
}
