/**
 * The handled updates, the webhook's inbox and the schedule keys over PostgreSQL (one community).
 * Every write is durable when it resolves, so a change mark has nothing to tell apart.
 *
 * An inbox row is a claim: `owner` (the instance's holder id, as the lease's) handles it, and keeps
 * `claimed_at` fresh while it does (`renewClaims`); a claim not renewed for `claimTtlMs` (its owner
 * died) is taken over by whichever instance's `claimInbox` updates the row first. Times are the
 * database's (`now()`), so instances' clocks do not matter.
 */
import { sql } from "kysely";
import type { Update } from "grammy/types";
import type { ScheduleKeys } from "../schedule-keys.js";
import type { UpdatesRepo } from "../updates-repo.js";
import type { PgDb } from "./database.js";

/** A claim not renewed for 30 s is taken over (owners renew at every inbox sweep, 10 s). */
export const INBOX_CLAIM_TTL_MS = 30_000;

export interface PgUpdatesOptions {
  /** this instance's id (the lease's holder) */
  readonly holder: string;
  readonly claimTtlMs?: number;
}

export function createPgUpdatesRepo(db: PgDb, community: string, options: PgUpdatesOptions): UpdatesRepo {
  const { holder } = options;
  const ttl = sql<Date>`now() - ${options.claimTtlMs ?? INBOX_CLAIM_TTL_MS} * interval '1 millisecond'`;
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
      const kept = await db.insertInto("inbox").values({ community, update_id: update.update_id, body: JSON.stringify(update), owner: holder })
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
    // one UPDATE: a row two instances race for is re-checked after the first commits, so one gets it
    async claimInbox() {
      const rows = await db.updateTable("inbox").set({ owner: holder, claimed_at: sql<Date>`now()` })
        .where("community", "=", community).where("claimed_at", "<", ttl)
        .where((eb) => eb.or([eb("owner", "is", null), eb("owner", "<>", holder)]))
        .returning(["update_id", "body"]).execute();
      return rows.sort((a, b) => a.update_id - b.update_id).map((r) => r.body as Update);
    },
    async renewClaims(updateIds) {
      if (updateIds.length === 0) return;
      await db.updateTable("inbox").set({ claimed_at: sql<Date>`now()` }).where("community", "=", community)
        .where("owner", "=", holder).where("update_id", "in", [...updateIds]).execute();
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
