import type { Store } from "./store.js";

/** Reminder messages kept per occurrence for live counts (bounds the list in a busy month). */
const MAX_LIVE_MESSAGES = 500;

/**
 * Remembers a reminder message sent into a group, so its join button shows the live count. For
 * the sender's onSent hook; batched (no wait for the disk: losing one only loses a count update).
 */
export function recordLiveMessage(store: Store, occurrenceId: string, chatId: number, messageId: number): void {
  store.write((db) => {
    const list = (db.liveMessages[occurrenceId] ??= []);
    if (list.some((m) => m.chatId === chatId && m.messageId === messageId)) return;
    list.push({ chatId, messageId });
    if (list.length > MAX_LIVE_MESSAGES) list.splice(0, list.length - MAX_LIVE_MESSAGES);
  }, "batched");
}

/** The reminder messages recorded for an occurrence. */
export function liveMessagesOf(store: Store, occurrenceId: string): ReadonlyArray<{ chatId: number; messageId: number }> {
  return store.data.liveMessages[occurrenceId] ?? [];
}
