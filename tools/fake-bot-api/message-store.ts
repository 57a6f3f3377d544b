/**
 * Per-chat message store: message ids increase per chat (shared with the users' messages, as in
 * Telegram), so edits and deletes work on real ids and "message is not modified" is detected.
 */
import type { Chat, Message } from "grammy/types";

interface Stored { seq: number; fromBot: boolean; key: string; message: Message }
interface ChatStore { next: number; messages: Map<number, Stored> }

export interface MessageStore {
  chat(chatId: number | string): Chat;
  rememberChat(chat: Chat): void;
  /** Stores a message the bot sent, giving it the chat's next id. */
  addBotMessage(chatId: number | string, build: (id: number, chat: Chat) => Message): Message;
  /** Stores a message from a user (pushed update), keeping ids increasing. */
  addUserMessage(message: Message): void;
  get(chatId: number | string, messageId: number): { fromBot: boolean; key: string; message: Message } | undefined;
  replace(chatId: number | string, message: Message): void;
  delete(chatId: number | string, messageId: number): boolean;
  sent(chatId?: number | string): Message[];
  clear(): void;
}

/** What Telegram compares for "message is not modified": text or caption, entities and markup. */
export function contentKey(m: Message): string {
  const text = m.text ?? m.caption ?? "";
  const entities = m.entities ?? m.caption_entities ?? [];
  return `${text}\u0000${JSON.stringify(entities)}\u0000${JSON.stringify(m.reply_markup ?? null)}`;
}

const normalize = (id: number | string): number | string => (typeof id === "string" && /^-?\d+$/.test(id) ? Number(id) : id);

function synthChat(id: number | string): Chat {
  if (typeof id === "string") return { id: -1_000_000_000_000 - id.length, type: "channel", title: id.slice(1), username: id.slice(1) };
  if (id > 0) return { id, type: "private", first_name: `User ${id}` };
  if (id < -1_000_000_000_000) return { id, type: "supergroup", title: `Supergroup ${-id}` };
  return { id, type: "group", title: `Group ${-id}` };
}

export function createMessageStore(maxPerChat = 2000): MessageStore {
  const chats = new Map<number | string, ChatStore>();
  const known = new Map<number | string, Chat>();
  let seq = 0;
  const storeOf = (id: number | string): ChatStore => {
    let s = chats.get(id);
    if (s === undefined) chats.set(id, (s = { next: 1, messages: new Map() }));
    return s;
  };
  const put = (s: ChatStore, id: number, entry: Stored): void => {
    s.messages.set(id, entry);
    if (s.messages.size > maxPerChat) {
      const oldest = s.messages.keys().next();
      if (!oldest.done) s.messages.delete(oldest.value);
    }
  };
  const store: MessageStore = {
    chat: (id) => known.get(normalize(id)) ?? synthChat(normalize(id)),
    rememberChat: (chat) => void known.set(chat.id, chat),
    addBotMessage(chatId, build) {
      const key = normalize(chatId);
      const s = storeOf(key);
      const message = build(s.next++, store.chat(key));
      put(s, message.message_id, { seq: ++seq, fromBot: true, key: contentKey(message), message });
      return message;
    },
    addUserMessage(message) {
      store.rememberChat(message.chat);
      const s = storeOf(message.chat.id);
      s.next = Math.max(s.next, message.message_id + 1);
      if (s.messages.has(message.message_id)) return;
      put(s, message.message_id, { seq: ++seq, fromBot: false, key: contentKey(message), message });
    },
    get: (chatId, id) => chats.get(normalize(chatId))?.messages.get(id),
    replace(chatId, message) {
      const entry = chats.get(normalize(chatId))?.messages.get(message.message_id);
      if (entry) Object.assign(entry, { message, key: contentKey(message) });
    },
    delete: (chatId, id) => chats.get(normalize(chatId))?.messages.delete(id) ?? false,
    sent(chatId) {
      const pool = chatId === undefined ? [...chats.values()] : [chats.get(normalize(chatId))].filter((s) => s !== undefined);
      return pool
        .flatMap((s) => [...s.messages.values()])
        .filter((e) => e.fromBot)
        .sort((a, b) => a.seq - b.seq)
        .map((e) => e.message);
    },
    clear() {
      chats.clear();
      seq = 0;
    },
  };
  return store;
}
