import type { DeliveryCounts } from "./broadcast-counts.js";
import type { BroadcastView } from "./broadcast-view.js";
import { deactivateChat, migrateChat } from "./chats.js";
import { createHistoryReads, finishBroadcast, finishedView, resumeBroadcasts, type BroadcastHistory, type ResumeResult } from "./deliveries-reads.js";
import type { Store } from "./engine/store.js";

export type { BroadcastHistory, BroadcastSummary, CorrectableBroadcast, PendingSummary, ResumeResult, SendingBroadcast } from "./deliveries-reads.js";
export type { BroadcastMedia } from "./schema.js";
export { EDIT_WINDOW_MS } from "./corrections.js";

/** A recipient's final state: sent (with the message id where it is edited later), failed, or blocked. */
export interface DeliveryOutcome {
  readonly s: "s" | "f" | "b";
  readonly err?: string;
  readonly mid?: number;
}

/** One recipient's outcome in a batch. */
export interface RecipientOutcome {
  readonly broadcastId: string;
  /** the recipient's chat id as a string */
  readonly key: string;
  readonly outcome: DeliveryOutcome;
}

/** A recipient still pending, taken up for sending, with what the sender must know of its chat. */
export interface ClaimedRecipient {
  readonly key: string;
  /** absent when the bot has no record of the chat (it is sent to anyway) */
  readonly chat?: { readonly active: boolean; readonly subscribed: boolean; readonly inactiveReason?: string };
}

/** What finishing a broadcast came to. */
export type FinishResult =
  | { readonly status: "done"; readonly broadcast: BroadcastView; readonly counts: DeliveryCounts }
  /** recipients pending that were not claimed (added, or moved by a migration): send them first */
  | { readonly status: "more"; readonly pending: readonly string[] }
  | { readonly status: "gone" };

/**
 * The deliveries: each broadcast's recipients and what became of them, as the sender works
 * through the outbox. Changes are applied in the order the methods are called (a batch of outcomes
 * before the migration that follows it). A claim lasts the run: after a crash, claimed recipients
 * whose outcome was not saved are pending again and `resume` hands them back. Staff look back on
 * past broadcasts through its `BroadcastHistory` part.
 */
export interface DeliveriesRepo extends BroadcastHistory {
  /** The broadcasts being sent, oldest first, and the done ones whose summary was never shown; those in `skip` left out. */
  resume(skip: ReadonlySet<string>): Promise<ResumeResult>;
  /** Of `keys`, those still pending (with their chat), and those no longer recipients at all (`gone`: moved by a migration). */
  claim(broadcastId: string, keys: readonly string[]): Promise<{ pending: readonly ClaimedRecipient[]; gone: readonly string[] }>;
  /** Records a batch of outcomes (a key no longer a recipient is not recreated); resolves once on disk. */
  record(outcomes: readonly RecipientOutcome[]): Promise<void>;
  /** Resolves once everything recorded so far is on disk (writing again after a failed write). */
  flush(): Promise<void>;
  /**
   * Marks the broadcast done with its totals, its summary pending, and keeps of the delivered only
   * the message ids edited later; unless recipients outside `claimed` are still pending (`more`).
   * Resolves once on disk. Finishing a done broadcast again answers "done" and changes nothing.
   */
  finish(broadcastId: string, at: Date, claimed: ReadonlySet<string>): Promise<FinishResult>;
  /** Keeps the id of the staff member's progress message (batched: on disk with the next write). */
  progressShown(broadcastId: string, messageId: number): Promise<void>;
  /** The summary is on screen (or refused for good): it is not shown again at the next start (batched). */
  summaryShown(broadcastId: string): Promise<void>;
  /** Telegram refused a chat for good (blocked, kicked): nothing more goes there (batched). */
  chatBlocked(chatId: number, reason: string, at: Date): Promise<void>;
  /**
   * A group became a supergroup: its record and every pending recipient move to the new id (batched).
   * `merged`: the broadcasts where both ids were recipients (the group's pending entry is dropped).
   */
  chatMigrated(fromId: number, toId: number, at: Date): Promise<{ merged: readonly string[] }>;
}

/** The deliveries over the JSON store. */
export function createDeliveriesRepo(store: Store): DeliveriesRepo {
  return {
    ...createHistoryReads(store),
    resume: (skip) => Promise.resolve(resumeBroadcasts(store.data, skip)),
    claim(broadcastId, keys) {
      const b = store.data.broadcasts[broadcastId];
      const pending: ClaimedRecipient[] = [];
      const gone: string[] = [];
      for (const key of keys) {
        const r = b?.recipients[key];
        if (!r) gone.push(key);
        else if (r.s === "p") {
          const chat = store.data.chats[key];
          pending.push(chat ? { key, chat: { active: chat.active, subscribed: chat.subscribed, ...(chat.inactiveReason !== undefined ? { inactiveReason: chat.inactiveReason } : {}) } } : { key });
        }
      }
      return Promise.resolve({ pending, gone });
    },
    record(outcomes) {
      store.write((db) => {
        for (const { broadcastId, key, outcome } of outcomes) {
          const recipients = db.broadcasts[broadcastId]?.recipients;
          if (recipients?.[key]) recipients[key] = { ...outcome };
        }
      }, "batched");
      return store.flush();
    },
    flush: () => store.flush(),
    async finish(broadcastId, at, claimed) {
      const result = await store.write((db) => finishBroadcast(db, broadcastId, at, claimed), "durable");
      return result === "done" ? finishedView(store.data, broadcastId) : result;
    },
    progressShown(broadcastId, messageId) {
      store.write((db) => {
        const progress = db.broadcasts[broadcastId]?.progress;
        if (progress) progress.messageId = messageId;
      }, "batched");
      return Promise.resolve();
    },
    summaryShown(broadcastId) {
      store.write((db) => {
        const progress = db.broadcasts[broadcastId]?.progress;
        if (progress) delete progress.summaryPending;
      }, "batched");
      return Promise.resolve();
    },
    chatBlocked(chatId, reason, at) {
      store.write((db) => deactivateChat(db, chatId, reason, at), "batched");
      return Promise.resolve();
    },
    chatMigrated(fromId, toId, at) {
      const from = String(fromId);
      const to = String(toId);
      const merged = Object.values(store.data.broadcasts)
        .filter((b) => b.recipients[from]?.s === "p" && b.recipients[to] !== undefined)
        .map((b) => b.id);
      store.write((db) => {
        migrateChat(db, fromId, toId, at);
        // when the chat had no record, migrateChat moved no recipient
        for (const b of Object.values(db.broadcasts)) {
          const state = b.recipients[from];
          if (state?.s !== "p") continue;
          delete b.recipients[from];
          b.recipients[to] ??= state;
        }
      }, "batched");
      return Promise.resolve({ merged });
    },
  };
}
