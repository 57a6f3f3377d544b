/**
 * Compounds over PostgreSQL (one community): those of `data/compounds.json` (passed in, as for the
 * JSON store) and those staff added (`compounds`, in the order added); a resident's compound is
 * `users.compound`, a group's `chats.compound`. Adding takes a per-community advisory lock, so two
 * instances adding the same name at once create it once (names are compared as `findCompound` does).
 */
import { sql } from "kysely";
import { findCompound, newCompoundId, type Compound } from "../../domain/compounds.js";
import type { CompoundsRepo } from "../compounds-repo.js";
import type { PgDb } from "./database.js";

/**
 * Each chat (or person, by the id of their private chat) with its compound, as `chatCompound`
 * decides: all of them, or only active subscribers (then optionally only those of an audience).
 */
function memberships(db: PgDb, community: string, o: { activeOnly: boolean; audience?: readonly string[] | undefined }) {
  const from = o.activeOnly
    ? sql`chats c LEFT JOIN users u ON u.community = c.community AND u.id = c.id WHERE c.community = ${community} AND c.subscribed AND c.active`
    : sql`chats c FULL JOIN users u ON u.community = c.community AND u.id = c.id WHERE coalesce(c.community, u.community) = ${community}`;
  const audience = o.audience === undefined ? sql`` : sql`WHERE m.compound = ANY(${[...o.audience]}::text[])`;
  return sql<{ id: number; compound: string | null }>`
    SELECT m.id, m.compound FROM (
      SELECT coalesce(c.id, u.id) AS id,
             CASE WHEN c.type IS NOT NULL AND c.type <> 'private' THEN c.compound ELSE coalesce(u.compound, c.compound) END AS compound
      FROM ${from}) m
    ${audience}
    ORDER BY m.id`;
}

export function createPgCompoundsRepo(db: PgDb, community: string, seeded: readonly Compound[], now: () => Date = () => new Date()): CompoundsRepo {
  const list = async (tx: Pick<PgDb, "selectFrom"> = db): Promise<Compound[]> => {
    const rows = await tx.selectFrom("compounds").select(["id", "name_zh", "name_en"]).where("community", "=", community).orderBy("seq").execute();
    return [...seeded.map(({ id, name }) => ({ id, name: { ...name } })), ...rows.map((r) => ({ id: r.id, name: { zh: r.name_zh, en: r.name_en } }))];
  };
  const known = async (id: string | undefined): Promise<void> => {
    if (id !== undefined && !(await list()).some((c) => c.id === id)) throw new Error(`unknown compound ${id}`);
  };
  return {
    list: () => list(),
    find: async (typed) => findCompound(await list(), typed),
    add: (name, by) =>
      db.transaction().execute(async (tx) => {
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`compounds:${community}`}))`.execute(tx);
        const all = await list(tx);
        const existing = findCompound(all, name);
        if (existing) return { compound: existing, created: false };
        const compound: Compound = { id: newCompoundId(all.map((c) => c.id)), name: { zh: name, en: name } };
        await tx.insertInto("compounds").values({ community, id: compound.id, name_zh: name, name_en: name, added_by: by, at: now() }).execute();
        return { compound, created: true };
      }),
    async setResident(userId, compoundId) {
      await known(compoundId);
      await db.updateTable("users").set({ compound: compoundId ?? null }).where("community", "=", community).where("id", "=", userId).execute();
    },
    async setGroup(chatId, compoundId) {
      await known(compoundId);
      await db.updateTable("chats").set({ compound: compoundId ?? null, updated_at: now() }).where("community", "=", community).where("id", "=", chatId).execute();
    },
    async compoundOf(chatId) {
      const r = await sql<{ compound: string | null }>`
        SELECT CASE WHEN c.type IS NOT NULL AND c.type <> 'private' THEN c.compound ELSE coalesce(u.compound, c.compound) END AS compound
        FROM (SELECT 1) one
        LEFT JOIN chats c ON c.community = ${community} AND c.id = ${chatId}
        LEFT JOIN users u ON u.community = ${community} AND u.id = ${chatId}`.execute(db);
      return r.rows[0]?.compound ?? undefined;
    },
    async members() {
      const rows = (await memberships(db, community, { activeOnly: false }).execute(db)).rows;
      return new Map(rows.flatMap((r) => (r.compound === null ? [] : [[r.id, r.compound] as const])));
    },
    recipients: async (audience) => (await memberships(db, community, { activeOnly: true, audience }).execute(db)).rows.map((r) => r.id),
    async breakdown() {
      const m = memberships(db, community, { activeOnly: true });
      const rows = (await sql<{ compound: string | null; n: number }>`SELECT compound, count(*)::int AS n FROM (${m}) s GROUP BY compound`.execute(db)).rows;
      const counts = new Map(rows.map((r) => [r.compound ?? undefined, r.n]));
      return [...(await list()).map((c) => c.id), undefined].map((id) => ({ id, count: counts.get(id) ?? 0 }));
    },
  };
}
