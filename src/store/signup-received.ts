import type { Store } from "./engine/store.js";

/** Reminders remembered per chat: enough for every notice taking sign-ups, eve and morning. */
const MAX_PER_CHAT = 8;

/** A reminder with sign-up buttons that reached a chat. */
export interface ReceivedReminder {
  /** occurrence id */
  o: string;
  /** the message id, when Telegram gave one */
  m?: number;
  /** when it was delivered (ISO) */
  at: string;
}

/**
 * Remembers that a reminder of an occurrence reached a chat (for the sender's onSent hook), so a
 * text sign-up can be bound to the notice the chat actually received. Batched: losing one only
 * makes the bot ask which notice is meant. Chats without a record (not subscribers) are skipped.
 */
export function recordReceived(store: Store, chatId: number, occurrenceId: string, messageId: number | undefined, at: Date): void {
  if (!store.data.chats[String(chatId)]) return;
  store.write((db) => {
    const chat = db.chats[String(chatId)];
    if (!chat) return;
    const kept = (chat.received ?? []).filter((r) => !(r.o === occurrenceId && r.m === messageId));
    kept.push({ o: occurrenceId, ...(messageId === undefined ? {} : { m: messageId }), at: at.toISOString() });
    chat.received = kept.slice(-MAX_PER_CHAT);
  }, "batched");
}

/** The reminders remembered for a chat, oldest first. */
export function receivedIn(store: Store, chatId: number): readonly ReceivedReminder[] {
  return store.data.chats[String(chatId)]?.received ?? [];
}

/** The reminders each chat received: which notice a text sign-up there means. */
export interface ReceivedReminders {
  /** The reminders remembered for a chat, oldest first (a copy). */
  receivedIn(chatId: number): Promise<readonly ReceivedReminder[]>;
  /** A reminder of an occurrence reached a chat (the sender's onSent); batched, subscribers only. */
  recordReceived(chatId: number, occurrenceId: string, messageId: number | undefined, at: Date): Promise<void>;
}

/** Builds the received-reminders part of a sign-up repo. */
export function createReceivedReminders(store: Store): ReceivedReminders {
  return {
    receivedIn: async (chatId) => receivedIn(store, chatId).map((r) => ({ ...r })),
    recordReceived: async (chatId, occurrenceId, messageId, at) => recordReceived(store, chatId, occurrenceId, messageId, at),
  };
}
