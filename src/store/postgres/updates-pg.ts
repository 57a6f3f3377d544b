/**
 * The handled updates, the webhook's inbox and the schedule keys over PostgreSQL (one community).
 * Every write is durable when it resolves, so a change mark has nothing to tell apart.
 */
import type { Update } from "grammy/types";
import type { ScheduleKeys } from "../schedule-keys.js";
import type { UpdatesRepo } from "../updates-repo.js";
import type { PgDb } from "./database.js";

export function createPgUpdatesRepo(db: PgDb, community: string): UpdatesRepo {
  return {
    async isHandled(updateId) {
      const r = await db.selectFrom("handled_updates").select("update_id").where("community", "=", community)
        .where("update_id", "=", updateId).executeTakeFirst();
      return r !== undefined;
    },
    changeMark: () => Promise.resolve({ changes: 0 }),
    async markHandled(updateId) {
      await db.insertInto("handled_updates").values({ community, update_id: updateId }).onConflict((oc) => oc.doNothing()).execute();
    },
    // the row is the claim: of two instances given the same update, only the one that inserted it handles it
    async keepInInbox(update) {
      const kept = await db.insertInto("inbox").values({ community, update_id: update.update_id, body: JSON.stringify(update) })
        .onConflict((oc) => oc.doNothing()).returning("update_id").executeTakeFirst();
      return kept !== undefined;
    },
    async dropFromInbox(updateId) {
      await db.deleteFrom("inbox").where("community", "=", community).where("update_id", "=", updateId).execute();
    },
    async inbox() {
      const rows = await db.selectFrom("inbox").select("body").where("community", "=", community).orderBy("update_id").execute();
      return rows.map((r) => r.body as Update);
    },
    flush: () => Promise.resolve(),
  };
}

export function createPgScheduleKeys(db: PgDb, community: string): ScheduleKeys {
  return {
    async isTaken(key) {
      const r = await db.selectFrom("schedule_keys").select("key").where("community", "=", community).where("key", "=", key).executeTakeFirst();
      return r !== undefined;
    },
    async take(keys, at) {
      if (keys.length === 0) return;
      await db.insertInto("schedule_keys").values([...new Set(keys)].map((key) => ({ community, key, at })))
        .onConflict((oc) => oc.doNothing()).execute();
    },
  };
}
