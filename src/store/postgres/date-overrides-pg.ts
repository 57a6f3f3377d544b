/**
 * Moved and skipped dates of notices over PostgreSQL (one community): `date_moves` (a notice's moves
 * in order, by the rule's date) and `date_skips` (one row per skipped date: skipping twice is one).
 * `apply` decorates notices synchronously while the catalog is built, so the factory loads every
 * notice's overrides first and keeps them in memory; a move or skip made here refreshes that copy
 * and the catalog at once. A move made on another instance is caught up with by `refresh` (the
 * notices repository calls it before every read): one query compares a digest of the community's
 * rows with the one loaded, and loads them again only when it differs. `skipReason` reads the table.
 */
import type { DateOverrides } from "../../domain/date-overrides.js";
import { withDateOverrides } from "../../domain/date-overrides.js";
import type { DateMove, NoticeCatalog, NoticeDef } from "../../domain/notice.js";
import type { DateOverridesRepo } from "../date-overrides-repo.js";
import { sql } from "kysely";
import type { PgDb } from "./database.js";

async function load(db: PgDb, community: string, noticeId?: string): Promise<Map<string, DateOverrides>> {
  let moves = db.selectFrom("date_moves").select(["notice_id", "from_date", "to_date", "time", "via"]).where("community", "=", community);
  let skips = db.selectFrom("date_skips").select(["notice_id", "date"]).where("community", "=", community);
  if (noticeId !== undefined) {
    moves = moves.where("notice_id", "=", noticeId);
    skips = skips.where("notice_id", "=", noticeId);
  }
  const found = new Map<string, { moves: DateMove[]; skips: string[] }>();
  const of = (id: string) => found.get(id) ?? found.set(id, { moves: [], skips: [] }).get(id)!;
  for (const m of await moves.orderBy("notice_id").orderBy("pos").execute()) {
    of(m.notice_id).moves.push({ from: m.from_date, to: m.to_date, time: m.time, ...(m.via ? { via: [...m.via] } : {}) });
  }
  for (const s of await skips.orderBy("notice_id").orderBy("seq").execute()) of(s.notice_id).skips.push(s.date);
  return found;
}

/** A digest of the community's moves and skips: another one means something changed. */
async function digest(db: PgDb, community: string): Promise<string> {
  const r = await sql<{ d: string }>`SELECT md5(
      coalesce((SELECT string_agg(concat_ws('|', notice_id, pos, from_date, to_date, time, via::text), ',' ORDER BY notice_id, pos)
        FROM date_moves WHERE community = ${community}), '') || '#' ||
      coalesce((SELECT string_agg(concat_ws('|', notice_id, date), ',' ORDER BY notice_id, date)
        FROM date_skips WHERE community = ${community}), '')) AS d`.execute(db);
  return r.rows[0]?.d ?? "";
}

/** Builds the repo: loads what is stored, then merges it into the catalog's notices. */
export async function createPgDateOverridesRepo(db: PgDb, community: string, catalog: NoticeCatalog, now: () => Date): Promise<DateOverridesRepo> {
  let seen = await digest(db, community);
  let kept = await load(db, community);
  const refresh = async (noticeId: string): Promise<void> => {
    const one = (await load(db, community, noticeId)).get(noticeId);
    if (one) kept.set(noticeId, one);
    else kept.delete(noticeId);
  };
  const apply = (notice: NoticeDef): NoticeDef => withDateOverrides(notice, kept.get(notice.id));
  const applyAll = (): void => {
    catalog.notices = catalog.notices.map(apply);
  };

  const repo: DateOverridesRepo = {
    apply,
    applyAll,
    async moveDate(noticeId, plan, by) {
      const at = now();
      await db.transaction().execute(async (tx) => {
        const before = await tx.selectFrom("date_moves").selectAll().where("community", "=", community).where("notice_id", "=", noticeId).forUpdate().execute();
        const byFrom = new Map(before.map((m) => [m.from_date, m]));
        await tx.deleteFrom("date_moves").where("community", "=", community).where("notice_id", "=", noticeId).execute();
        if (plan.moves.length === 0) return;
        await tx.insertInto("date_moves").values(plan.moves.map((m, pos) => {
          const old = byFrom.get(m.from);
          const same = old !== undefined && old.to_date === m.to;
          return {
            community, notice_id: noticeId, from_date: m.from, to_date: m.to, time: m.time, via: m.via ? JSON.stringify(m.via) : null, pos,
            by: same ? old.by : by, at: same ? old.at : at,
          };
        })).execute();
      });
      await refresh(noticeId);
      applyAll();
      await repo.onMoved?.(noticeId, plan.occurrence.date, plan.to);
    },
    async skipDate(noticeId, date, reason, by) {
      await db.insertInto("date_skips").values({ community, notice_id: noticeId, date, reason: reason || null, by, at: now() })
        .onConflict((oc) => oc.doNothing()).execute();
      await refresh(noticeId);
      applyAll();
    },
    // the digest is read before the rows: a change landing in between is loaded now and seen again next time
    async refresh() {
      const current = await digest(db, community);
      if (current === seen) return;
      seen = current;
      kept = await load(db, community);
      applyAll();
    },
    async skipReason(noticeId, date) {
      const r = await db.selectFrom("date_skips").select("reason").where("community", "=", community)
        .where("notice_id", "=", noticeId).where("date", "=", date).executeTakeFirst();
      return r?.reason ?? undefined;
    },
  };
  applyAll();
  return repo;
}
