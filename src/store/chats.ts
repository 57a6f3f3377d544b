import type { Locale } from "../domain/translate.js";
import type { DeepReadonly } from "../domain/deep-readonly.js";
import type { ChatRecord, Db } from "./schema.js";
import type { ReadonlyDb } from "./engine/store-api.js";

/** What we learn of a chat from an update. */
export interface ChatInfo {
  id: number;
  type: ChatRecord["type"];
  title?: string;
}

/** Subscribes a chat (creating it), reactivating it if it had been marked inactive. */
export function subscribeChat(db: Db, info: ChatInfo, now: Date): ChatRecord {
  const key = String(info.id);
  const at = now.toISOString();
  const existing = db.chats[key];
  const chat: ChatRecord = {
    ...(existing ?? { since: at }),
    id: info.id,
    type: info.type,
    ...(info.title !== undefined ? { title: info.title } : {}),
    subscribed: true,
    active: true,
    updatedAt: at,
  };
  delete chat.inactiveReason;
  db.chats[key] = chat;
  return chat;
}

/** Stops notices to a chat; returns whether it had been subscribed. */
export function unsubscribeChat(db: Db, chatId: number, now: Date): boolean {
  const chat = db.chats[String(chatId)];
  if (!chat?.subscribed) return false;
  chat.subscribed = false;
  chat.updatedAt = now.toISOString();
  return true;
}

/**
 * Marks a chat as one we cannot write to (the user blocked the bot, it was removed from the group,
 * the account is gone). Nothing is sent there until it comes back.
 */
export function deactivateChat(db: Db, chatId: number, reason: string, now: Date): void {
  const chat = db.chats[String(chatId)];
  if (!chat) return;
  chat.active = false;
  chat.inactiveReason = reason;
  chat.updatedAt = now.toISOString();
}

/**
 * A group became a supergroup: its record (subscription, language) moves to the new id, and so do
 * pending deliveries addressed to the old id.
 */
export function migrateChat(db: Db, fromId: number, toId: number, now: Date): ChatRecord | undefined {
  const from = db.chats[String(fromId)];
  if (!from) return db.chats[String(toId)];
  const moved: ChatRecord = { ...from, id: toId, type: "supergroup", updatedAt: now.toISOString() };
  db.chats[String(toId)] = moved;
  delete db.chats[String(fromId)];
  for (const b of Object.values(db.broadcasts)) {
    const state = b.recipients[String(fromId)];
    if (state && state.s === "p") {
      delete b.recipients[String(fromId)];
      // the new id may already have its own state (it was subscribed too, or got it): keep that
      b.recipients[String(toId)] ??= state;
    }
  }
  return moved;
}

/** Sets the language a chat is spoken to in. */
export function setChatLang(db: Db, chatId: number, lang: Locale, now: Date): void {
  const chat = db.chats[String(chatId)];
  if (!chat) return;
  chat.lang = lang;
  chat.updatedAt = now.toISOString();
}

/** Chats that should receive notices: subscribed and not blocked. */
export function activeSubscribers(db: ReadonlyDb): DeepReadonly<ChatRecord>[] {
  return Object.values(db.chats).filter((c) => c.subscribed && c.active);
}
