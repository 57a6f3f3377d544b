/**
 * The conversations in progress over PostgreSQL (one community): the plugin's JSON by key, one row
 * each, the same contract as conversation-repo.ts. Written as JSON text, so a field holding
 * `undefined` is dropped exactly as the JSON store's journal drops it.
 */
import type { ConversationRepo } from "../conversation-repo.js";
import type { PgDb } from "./database.js";

export function createPgConversationRepo<T>(db: PgDb, community: string): ConversationRepo<T> {
  return {
    async read(key) {
      const r = await db.selectFrom("conversations").select("value").where("community", "=", community).where("key", "=", key).executeTakeFirst();
      return r === undefined ? undefined : (r.value as T);
    },
    async write(key, value) {
      const json = JSON.stringify(value);
      await db.insertInto("conversations").values({ community, key, value: json })
        .onConflict((oc) => oc.columns(["community", "key"]).doUpdateSet({ value: json })).execute();
    },
    async delete(key) {
      await db.deleteFrom("conversations").where("community", "=", community).where("key", "=", key).execute();
    },
  };
}
