import type { Update } from "grammy/types";
import { createHandledIndex } from "./handled-updates.js";
import type { Store } from "./engine/store.js";

/** Where the store's changes stood when an update began to be handled (see `UpdatesRepo.markHandled`). */
export interface ChangeMark {
  readonly changes: number;
}

/**
 * The updates Telegram sent: which were handled (so one delivered again changes nothing) and the
 * webhook's inbox (updates answered 200 before they were handled, kept until they are).
 */
export interface UpdatesRepo {
  /** Whether the update was handled already (its effects saved, or nothing to save). */
  isHandled(updateId: number): Promise<boolean>;
  /** Marks where the store's changes stand; take it before handling an update. */
  changeMark(): Promise<ChangeMark>;
  /**
   * Records the update as handled. If anything changed since `since` (in this update or, meanwhile,
   * another), it resolves once that and the id are on disk, and rejects when the write fails (call
   * it again: nothing is recorded twice). If nothing changed (a question), the id is saved with the
   * next write, without waiting: redelivered after a crash before that, it would only be answered again.
   */
  markHandled(updateId: number, since: ChangeMark): Promise<void>;
  /**
   * Keeps an update received by webhook, claimed by this instance; resolves once it is on disk (then
   * Telegram may get its 200). Answers false when it was in the inbox already: it is being handled
   * (here, or by another instance on the same database, which got the same update) or a crash left
   * it there for `claimInbox`, so the caller must not handle it too.
   */
  keepInInbox(update: Update): Promise<boolean>;
  /** Drops a handled update from the inbox (saved with the next write). */
  dropFromInbox(updateId: number): Promise<void>;
  /** The updates in the inbox, whoever holds them, copies (tests, `/forgetme`). */
  inbox(): Promise<Update[]>;
  /**
   * Takes over the inbox's updates no live instance holds: kept by an instance that died or stopped
   * before handling them (on PostgreSQL, whose claim expired: not renewed for the claim's ttl), never
   * one this instance holds. Each is claimed for this instance at once, so of instances asking
   * together only one gets it. Copies, in update order.
   */
  claimInbox(): Promise<Update[]>;
  /** Keeps this instance's claims on updates it still handles (so a slow one is not taken over). */
  renewClaims(updateIds: readonly number[]): Promise<void>;
  /** Resolves once everything recorded so far is on disk. */
  flush(): Promise<void>;
}

/** The repository over the JSON store. */
export function createUpdatesRepo(store: Store): UpdatesRepo {
  const done = createHandledIndex(() => store.data);
  // ids whose durable save was asked for; a retry after a failed write waits for the same change
  const saving = new Set<number>();
  // inbox updates this process kept or took over (the JSON store has one process: no claim expires)
  const claimed = new Set<number>();

  return {
    isHandled: (updateId) => Promise.resolve(done.has(updateId)),
    changeMark: () => Promise.resolve({ changes: store.changes }),
    async markHandled(updateId, since) {
      if (saving.has(updateId)) {
        await store.flush();
        saving.delete(updateId);
        return;
      }
      if (store.changes === since.changes) {
        store.write((db) => done.mark(db, updateId), "bookkeeping");
        return;
      }
      saving.add(updateId);
      await store.write((db) => done.mark(db, updateId), "durable");
      saving.delete(updateId);
    },
    async keepInInbox(update) {
      if (store.data.inbox[String(update.update_id)] !== undefined) return false;
      claimed.add(update.update_id);
      await store.write((db) => {
        db.inbox[String(update.update_id)] = structuredClone(update);
      }, "durable");
      return true;
    },
    dropFromInbox(updateId) {
      store.write((db) => {
        delete db.inbox[String(updateId)];
      }, "bookkeeping");
      claimed.delete(updateId);
      return Promise.resolve();
    },
    inbox: () => Promise.resolve(Object.values(store.data.inbox).map((u) => structuredClone(u) as Update)),
    // one process: what this repository did not keep or claim was left by an earlier run
    claimInbox() {
      const left = Object.entries(store.data.inbox).filter(([id]) => !claimed.has(Number(id)))
        .map(([id, u]) => [Number(id), structuredClone(u) as Update] as const).sort(([a], [b]) => a - b);
      for (const [id] of left) claimed.add(id);
      return Promise.resolve(left.map(([, u]) => u));
    },
    renewClaims: () => Promise.resolve(),
    flush: () => store.flush(),
  };
}
