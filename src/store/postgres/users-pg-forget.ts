/**
 * /forgetme on PostgreSQL: in one transaction, every row about the person goes (profile, private
 * chat, role unless a configured admin, sign-ups and their roster places, their deliveries, their
 * drafts, webhook updates in the inbox that hold their id, idempotency keys naming them) and their
 * id goes from everything else (broadcasts they created or watched, sign-ups they made for others,
 * progress they recorded). Progress records stay, anonymous: an attendance record's id named the
 * attendee, so it gets one without (`forgotten-<n>`). As on the JSON store.
 *
 * Deleted rows stay in PostgreSQL's files until VACUUM reclaims them (autovacuum does, in time).
 */
import { forgetPgSurveyAnswers } from "./survey-pg-forget.js";
import { sql, type Transaction } from "kysely";
import type { PgDb } from "./database.js";
import type { Tables } from "./tables.js";

export async function forgetPgUser(db: PgDb, community: string, userId: number, keepRole: boolean): Promise<{ signups: number }> {
  const key = String(userId);
  return db.transaction().execute(async (tx) => {
    const c = (table: keyof Tables) => sql`${sql.ref(`${table}.community`)} = ${community}`;
    await tx.deleteFrom("users").where("community", "=", community).where("id", "=", userId).execute();
    await tx.deleteFrom("chats").where("community", "=", community).where("id", "=", userId).execute();
    if (!keepRole) await tx.deleteFrom("roles").where("community", "=", community).where("user_id", "=", userId).execute();
    await tx.deleteFrom("deliveries").where("community", "=", community).where("chat_key", "=", key).execute();
    await tx.deleteFrom("drafts").where("community", "=", community).where("owner", "=", userId).execute();
    await sql`DELETE FROM inbox WHERE ${c("inbox")} AND jsonb_path_exists(body, '$.** ? (@ == $id)', jsonb_build_object('id', ${userId}::bigint))`.execute(tx);
    await sql`DELETE FROM schedule_keys WHERE ${c("schedule_keys")} AND ${key} = ANY(string_to_array(key, ':'))`.execute(tx);
    await sql`UPDATE broadcasts SET key = NULL WHERE ${c("broadcasts")} AND ${key} = ANY(string_to_array(key, ':'))`.execute(tx);
    await tx.updateTable("broadcasts").set({ created_by: null }).where("community", "=", community).where("created_by", "=", userId).execute();
    await sql`UPDATE broadcasts SET progress = NULL WHERE ${c("broadcasts")} AND (progress->>'chatId') = ${key}`.execute(tx);
    // their sign-ups are the sign-up repository's to drop (SignupRepo.forget, which createBot's
    // onForget calls next): it promotes whoever moves up and tells them; here they are only counted
    const gone = await tx.selectFrom("signup_events").select((eb) => eb.fn.countAll<number>().as("n"))
      .where("community", "=", community).where("user_id", "=", userId).executeTakeFirstOrThrow();
    await anonymizeProgress(tx, community, userId);
    await forgetPgSurveyAnswers(tx, community, userId);
    return { signups: Number(gone.n) };
  });
}

/** Their id leaves the progress records; the figures stay (the buckets do not move, the version does). */
async function anonymizeProgress(tx: Transaction<Tables>, community: string, userId: number): Promise<void> {
  const theirs = await tx.selectFrom("campaign_records").select(["id", "source"]).where("community", "=", community).where("by", "=", userId).execute();
  if (theirs.length === 0) return;
  const state = await tx
    .insertInto("campaign_state").values({ community }).onConflict((oc) => oc.column("community").doUpdateSet((eb) => ({ version: eb("campaign_state.version", "+", 1) })))
    .returning("next_id").executeTakeFirstOrThrow();
  let next = state.next_id;
  for (const r of theirs) {
    const id = r.source === "attendance" ? r.id.replace(`:${userId}:`, `:forgotten-${next++}:`) : r.id;
    await tx.updateTable("campaign_records").set({ by: null, id }).where("community", "=", community).where("id", "=", r.id).execute();
  }
  await tx.updateTable("campaign_state").set({ next_id: next }).where("community", "=", community).execute();
}
