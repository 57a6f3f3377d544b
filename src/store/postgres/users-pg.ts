/** The users repository over PostgreSQL (one community): the same contract as users-repo.ts. */
import { sql, type Selectable } from "kysely";
import { personName } from "../../domain/display-name.js";
import type { Locale } from "../../domain/translate.js";
import type { PersonProfile, Role, UserProfile, UsersRepo } from "../users-repo.js";
import type { UserInfo } from "../users.js";
import type { PgDb } from "./database.js";
import { forgetPgUser } from "./users-pg-forget.js";
import type { UsersTable } from "./tables.js";

function profileOfRow(r: Selectable<UsersTable>): UserProfile {
  return {
    id: r.id,
    firstName: r.first_name,
    ...(r.last_name !== null ? { lastName: r.last_name } : {}),
    ...(r.username !== null ? { username: r.username } : {}),
    ...(r.lang !== null ? { lang: r.lang as Locale } : {}),
    ...(r.party_member === true ? { partyMember: true } : {}),
    ...(r.compound !== null ? { compound: r.compound } : {}),
    seenAt: new Date(r.seen_at).toISOString(),
  };
}

const nameChanged = sql<boolean>`(users.first_name, users.last_name, users.username) IS DISTINCT FROM (excluded.first_name, excluded.last_name, excluded.username)`;

export function createPgUsersRepo(db: PgDb, community: string, now: () => Date = () => new Date()): UsersRepo {
  const user = (id: number) => db.selectFrom("users").selectAll().where("community", "=", community).where("id", "=", id);
  const role = (id: number) => db.selectFrom("roles").select("role").where("community", "=", community).where("user_id", "=", id);
  /**
   * Remembers the name Telegram gives (and the language, when given). An unchanged name writes
   * nothing (no new row version for every update a person sends); `seen_at` moves only with it.
   */
  const upsert = (info: UserInfo, lang?: Locale) =>
    db
      .insertInto("users")
      .values({ community, id: info.id, first_name: info.first_name, last_name: info.last_name ?? null, username: info.username ?? null, lang: lang ?? null, seen_at: now() })
      .onConflict((oc) =>
        oc
          .columns(["community", "id"])
          .doUpdateSet((eb) => ({
            first_name: eb.ref("excluded.first_name"),
            last_name: eb.ref("excluded.last_name"),
            username: eb.ref("excluded.username"),
            seen_at: sql<Date>`CASE WHEN ${nameChanged} THEN excluded.seen_at ELSE users.seen_at END`,
            lang: lang === undefined ? eb.ref("users.lang") : eb.ref("excluded.lang"),
          }))
          .where(lang === undefined ? nameChanged : sql<boolean>`true`),
      )
      .execute();
  return {
    async touch(info) {
      await upsert(info);
    },
    async get(id) {
      const r = await user(id).executeTakeFirst();
      return r ? profileOfRow(r) : undefined;
    },
    async setLanguage(info, lang) {
      await upsert(info, lang);
    },
    async rememberLanguage(id, lang) {
      const r = await db.updateTable("users").set({ lang }).where("community", "=", community).where("id", "=", id).where("lang", "is", null).executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    roleOf: async (id) => (await role(id).executeTakeFirst())?.role as Role | undefined,
    isStaff: async (id) => (await role(id).executeTakeFirst()) !== undefined,
    async names(userIds) {
      const ids = [...new Set(userIds)];
      const out = new Map<number, string>(ids.map((id) => [id, `#${id}`]));
      if (ids.length === 0) return out;
      const rows = await db.selectFrom("users").select(["id", "first_name", "last_name", "username"]).where("community", "=", community).where("id", "in", ids).execute();
      for (const r of rows) out.set(r.id, personName({ firstName: r.first_name, ...(r.last_name !== null ? { lastName: r.last_name } : {}), ...(r.username !== null ? { username: r.username } : {}) }, `#${r.id}`));
      return out;
    },
    async profiles() {
      const rows = await db.selectFrom("users").selectAll().where("community", "=", community).orderBy("id").execute();
      return new Map(rows.map((r) => [r.id, personOfRow(r)]));
    },
    async setPartyMember(userId, member) {
      const r = await db.updateTable("users").set({ party_member: member ? true : null }).where("community", "=", community).where("id", "=", userId).executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    async roleHolders() {
      const rows = await db
        .selectFrom("roles")
        .leftJoin("users", (j) => j.onRef("users.community", "=", "roles.community").onRef("users.id", "=", "roles.user_id"))
        .select(["roles.user_id", "roles.role", "users.first_name"])
        .where("roles.community", "=", community)
        .orderBy("roles.seq")
        .execute();
      return rows.map((r) => ({ id: r.user_id, role: r.role as Role, ...(r.first_name !== null ? { firstName: r.first_name } : {}) }));
    },
    staffIds: async () => (await db.selectFrom("roles").select("user_id").where("community", "=", community).orderBy("seq").execute()).map((r) => r.user_id),
    async grantStaff(id) {
      const r = await db.insertInto("roles").values({ community, user_id: id, role: "staff" }).onConflict((oc) => oc.doNothing()).returning("user_id").executeTakeFirst();
      return r !== undefined;
    },
    async revokeStaff(id) {
      return db.transaction().execute(async (tx) => {
        const r = await tx.selectFrom("roles").select("role").where("community", "=", community).where("user_id", "=", id).forUpdate().executeTakeFirst();
        if (r === undefined) return "not-staff" as const;
        if (r.role === "admin") return "is-admin" as const;
        await tx.deleteFrom("roles").where("community", "=", community).where("user_id", "=", id).execute();
        return "removed" as const;
      });
    },
    forget: (id, keepRole) => forgetPgUser(db, community, id, keepRole),
  };
}

const personOfRow = (r: Selectable<UsersTable>): PersonProfile => ({
  id: r.id,
  firstName: r.first_name,
  ...(r.last_name !== null ? { lastName: r.last_name } : {}),
  ...(r.username !== null ? { username: r.username } : {}),
  partyMember: r.party_member === true,
  seenAt: new Date(r.seen_at).toISOString(),
});
