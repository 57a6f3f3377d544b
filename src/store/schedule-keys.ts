import type { ReadonlyDb, Store } from "./engine/store.js";

/**
 * The idempotency keys of everything enqueued under a key (`noticeId:date:reminderId`,
 * `campaign-report:YYYY-MM`, …): a reminder goes out once per key, ever, across restarts. The
 * outbox takes a key as it enqueues (see OutboxRepo.enqueue); this is for asking and for marking
 * keys done without a broadcast of their own.
 */
export interface ScheduleKeys {
  /** Whether the key was ever enqueued (by the scheduler, /sendnow, or marked with `take`). */
  isTaken(key: string): Promise<boolean>;
  /** Marks keys as enqueued without a broadcast (reminders superseded by a later one); resolves once on disk. */
  take(keys: readonly string[], at: Date): Promise<void>;
}

/** The schedule keys over the JSON store (`db.enqueued`). */
export function createScheduleKeys(store: Store): ScheduleKeys {
  return {
    isTaken: (key) => Promise.resolve(isKeyTaken(store.data, key)),
    take: (keys, at) =>
      store.write((db) => {
        for (const key of keys) db.enqueued[key] ??= at.toISOString();
      }, "durable"),
  };
}

/**
 * Whether an idempotency key was ever enqueued. `db.enqueued` is the index of every key taken (it
 * outlives the broadcasts themselves), so no scan of them is needed.
 */
export function isKeyTaken(db: ReadonlyDb, key: string): boolean {
  return db.enqueued[key] !== undefined;
}
