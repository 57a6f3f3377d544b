import type { Store } from "./engine/store.js";

/**
 * The state of grammY conversations in progress (/event step by step, an edit from /events), by
 * key (the chat), kept in the store so a restart resumes them. Values are the plugin's own JSON;
 * the store does not look inside. The shape matches the plugin's `VersionedStateStorage`.
 */
export interface ConversationRepo<T = unknown> {
  /** A copy of the state kept under `key`, or undefined when none. */
  read(key: string): Promise<T | undefined>;
  /** Durable when it resolves. */
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Builds the repo over `db.office.conversations`. */
export function createConversationRepo<T>(store: Store): ConversationRepo<T> {
  return {
    read: (key) => Promise.resolve(structuredClone(store.data.office.conversations[key]) as T | undefined),
    async write(key, value) {
      // as JSON: the store's journal keeps JSON, so an `undefined` field must not live on in memory only
      const copy = JSON.parse(JSON.stringify(value)) as T;
      await store.write((db) => {
        db.office.conversations[key] = copy;
      }, "durable");
    },
    async delete(key) {
      if (!(key in store.data.office.conversations)) return;
      await store.write((db) => {
        delete db.office.conversations[key];
      }, "durable");
    },
  };
}
