import type { DeepReadonly } from "../domain/deep-readonly.js";
import type { BroadcastRecord } from "./schema.js";
import type { Store } from "./engine/store.js";

/** Telegram lets a bot edit its messages for 48 hours. */
export const EDIT_WINDOW_MS = 48 * 3_600_000;

/** The staff broadcast whose progress / summary message this is, in this chat. */
export function broadcastOfSummary(store: Store, chatId: number, messageId: number): DeepReadonly<BroadcastRecord> | undefined {
  return Object.values(store.data.broadcasts).find((b) => b.progress?.chatId === chatId && b.progress.messageId === messageId);
}

/** The delivered copies of a broadcast that can be edited: chat id and message id. */
export function deliveredCopies(b: DeepReadonly<BroadcastRecord>): { chatId: number; messageId: number }[] {
  const out: { chatId: number; messageId: number }[] = [];
  for (const [key, r] of Object.entries(b.recipients)) if (r.s === "s" && r.mid !== undefined) out.push({ chatId: Number(key), messageId: r.mid });
  return out;
}

/** Keeps the corrected text on the broadcast (a later correction, or a resumed send, uses it). */
export function saveCorrection(store: Store, id: string, html: string): Promise<void> {
  return store.write((db) => {
    const b = db.broadcasts[id];
    if (b) b.text = { zh: html, en: html };
  }, "durable");
}
