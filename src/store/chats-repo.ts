import type { DeepReadonly } from "../domain/deep-readonly.js";
import type { Locale } from "../domain/translate.js";
import { activeSubscribers, deactivateChat, migrateChat, setChatLang, subscribeChat, unsubscribeChat, type ChatInfo } from "./chats.js";
import type { ChatRecord } from "./schema.js";
import type { Store } from "./engine/store.js";

export type { ChatInfo } from "./chats.js";

/** A chat as the store knows it (a copy: changing it changes nothing stored). */
export type ChatView = Readonly<Omit<ChatRecord, "received">>;

/** How many chats receive notices, and how many do not. */
export interface SubscriberStats {
  total: number;
  private: number;
  groups: number;
  inactive: number;
  unsubscribed: number;
}

/** Chats: who receives notices, in which language, and whether Telegram lets us write there. */
export interface ChatsRepo {
  /** The chat, if the bot ever knew it. */
  get(id: number): Promise<ChatView | undefined>;
  /**
   * Subscribes the chat (creating it), reactivating it if it had been marked unreachable.
   * `lang` is kept only if the chat has no language yet. Resolves once on disk.
   */
  subscribe(info: ChatInfo, lang?: Locale): Promise<ChatView>;
  /** Stops notices to the chat; resolves with whether it had been subscribed. */
  unsubscribe(id: number): Promise<boolean>;
  /** Sets the language the chat is spoken to in (a chat never seen is left alone). */
  setLanguage(id: number, lang: Locale): Promise<void>;
  /** Telegram will not let us write there (blocked, removed): nothing is sent until it comes back. */
  markUnreachable(id: number, reason: string): Promise<void>;
  /** Reachable again (a user unblocked the bot); still subscribed only if they were. */
  markReachable(id: number): Promise<void>;
  /** The bot left (or was removed from) a group: unsubscribed and unreachable. */
  leave(id: number, reason: string): Promise<void>;
  /** A group became a supergroup: its record and pending deliveries move to the new id. */
  migrate(fromId: number, toId: number): Promise<void>;
  /** Chats that receive notices (subscribed and reachable): their ids. */
  activeSubscriberIds(): Promise<number[]>;
  /** Private chats that receive notices: the people a survey asks. */
  privateSubscriberIds(): Promise<number[]>;
  /** Subscriber counts for /stats. */
  subscriberStats(): Promise<SubscriberStats>;
}

const copyChat = (c: DeepReadonly<ChatRecord>): ChatView => {
  const { received: _received, ...rest } = c;
  return rest;
};

/** The chats repository over the JSON store. */
export function createChatsRepo(store: Store, now: () => Date = () => new Date()): ChatsRepo {
  return {
    get(id) {
      const c = store.data.chats[String(id)];
      return Promise.resolve(c ? copyChat(c) : undefined);
    },
    subscribe: (info, lang) =>
      store.write((db) => {
        const saved = subscribeChat(db, info, now());
        if (lang !== undefined && !saved.lang) setChatLang(db, info.id, lang, now());
        return copyChat(saved);
      }, "durable"),
    unsubscribe: (id) => store.write((db) => unsubscribeChat(db, id, now()), "durable"),
    setLanguage: (id, lang) => store.write((db) => setChatLang(db, id, lang, now()), "durable"),
    markUnreachable: (id, reason) => store.write((db) => deactivateChat(db, id, reason, now()), "durable"),
    markReachable: (id) =>
      store.write((db) => {
        const chat = db.chats[String(id)];
        if (!chat) return;
        chat.active = true;
        delete chat.inactiveReason;
        chat.updatedAt = now().toISOString();
      }, "durable"),
    leave: (id, reason) =>
      store.write((db) => {
        unsubscribeChat(db, id, now());
        deactivateChat(db, id, reason, now());
      }, "durable"),
    migrate: async (fromId, toId) => {
      await store.write((db) => migrateChat(db, fromId, toId, now()), "durable");
    },
    activeSubscriberIds: async () => activeSubscribers(store.data).map((c) => c.id),
    privateSubscriberIds: async () => activeSubscribers(store.data).filter((c) => c.type === "private").map((c) => c.id),
    async subscriberStats() {
      const chats = Object.values(store.data.chats);
      const active = chats.filter((c) => c.subscribed && c.active);
      return {
        total: active.length,
        private: active.filter((c) => c.type === "private").length,
        groups: active.filter((c) => c.type !== "private").length,
        inactive: chats.filter((c) => !c.active).length,
        unsubscribed: chats.filter((c) => c.active && !c.subscribed).length,
      };
    },
  };
}
