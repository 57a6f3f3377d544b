/** The chats repository over PostgreSQL (one community): the same contract as chats-repo.ts. */
import { sql, type Selectable } from "kysely";
import type { ChatsRepo, ChatView } from "../chats-repo.js";
import type { PgDb } from "./database.js";
import { moveChat } from "./chats-pg-moves.js";
import type { ChatsTable } from "./tables.js";

export function chatRowToView(r: Selectable<ChatsTable>): ChatView {
  return {
    id: r.id,
    type: r.type as ChatView["type"],
    ...(r.title !== null ? { title: r.title } : {}),
    subscribed: r.subscribed,
    active: r.active,
    ...(r.inactive_reason !== null ? { inactiveReason: r.inactive_reason } : {}),
    ...(r.lang !== null ? { lang: r.lang as NonNullable<ChatView["lang"]> } : {}),
    ...(r.compound !== null ? { compound: r.compound } : {}),
    since: r.since.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export function createPgChatsRepo(db: PgDb, community: string, now: () => Date = () => new Date()): ChatsRepo {
  const chat = (id: number) => db.updateTable("chats").where("community", "=", community).where("id", "=", id);
  return {
    async get(id) {
      const r = await db.selectFrom("chats").selectAll().where("community", "=", community).where("id", "=", id).executeTakeFirst();
      return r ? chatRowToView(r) : undefined;
    },
    async subscribe(info, lang) {
      const at = now();
      const r = await db
        .insertInto("chats")
        .values({ community, id: info.id, type: info.type, title: info.title ?? null, subscribed: true, active: true, lang: lang ?? null, since: at, updated_at: at })
        .onConflict((oc) =>
          oc.columns(["community", "id"]).doUpdateSet((eb) => ({
            type: info.type,
            title: info.title !== undefined ? info.title : eb.ref("chats.title"),
            subscribed: true,
            active: true,
            inactive_reason: null,
            lang: eb.fn.coalesce("chats.lang", eb.ref("excluded.lang")),
            updated_at: at,
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return chatRowToView(r);
    },
    async unsubscribe(id) {
      const r = await chat(id).set({ subscribed: false, updated_at: now() }).where("subscribed", "=", true).executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    async setLanguage(id, lang) {
      await chat(id).set({ lang, updated_at: now() }).execute();
    },
    async markUnreachable(id, reason) {
      await chat(id).set({ active: false, inactive_reason: reason, updated_at: now() }).execute();
    },
    async markReachable(id) {
      await chat(id).set({ active: true, inactive_reason: null, updated_at: now() }).execute();
    },
    async leave(id, reason) {
      await chat(id).set({ subscribed: false, active: false, inactive_reason: reason, updated_at: now() }).execute();
    },
    async migrate(fromId, toId) {
      await moveChat(db, community, fromId, toId, now());
    },
    ...subscriberReads(db, community),
  };
}

/** Who receives notices, and the counts /stats shows. */
function subscriberReads(db: PgDb, community: string): Pick<ChatsRepo, "activeSubscriberIds" | "privateSubscriberIds" | "subscriberStats"> {
  const active = () => db.selectFrom("chats").select(["id", "type"]).where("community", "=", community).where("subscribed", "=", true).where("active", "=", true);
  return {
    activeSubscriberIds: async () => (await active().orderBy("id").execute()).map((r) => r.id),
    privateSubscriberIds: async () => (await active().where("type", "=", "private").orderBy("id").execute()).map((r) => r.id),
    async subscriberStats() {
      const r = await sql<{ total: number; private: number; groups: number; inactive: number; unsubscribed: number }>`
        SELECT count(*) FILTER (WHERE subscribed AND active)::int AS total,
               count(*) FILTER (WHERE subscribed AND active AND type = 'private')::int AS private,
               count(*) FILTER (WHERE subscribed AND active AND type <> 'private')::int AS groups,
               count(*) FILTER (WHERE NOT active)::int AS inactive,
               count(*) FILTER (WHERE active AND NOT subscribed)::int AS unsubscribed
        FROM chats WHERE community = ${community}`.execute(db);
      return r.rows[0] ?? { total: 0, private: 0, groups: 0, inactive: 0, unsubscribed: 0 };
    },
  };
}
