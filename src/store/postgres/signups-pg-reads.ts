/**
 * The sign-up reads over PostgreSQL: a roster's summary is folded from its rows by the domain's own
 * `occurrenceSummary`; a user's record, counts, marks and the log are answered by SQL on indexes
 * (roster_user, roster_order, signup_marks_user), never by reading every roster.
 */
import { sql } from "kysely";
import { occurrenceSummary, parseOccurrenceId, type UpcomingSignup } from "../../domain/signups/index.js";
import type { StoredSignupEvent } from "../schema.js";
import type { SignupReads } from "../signup-reads.js";
import { loadRoster } from "./signups-pg-roster.js";
import type { PgDb } from "./database.js";
import type { PgSignupParts } from "./signups-pg-writes.js";

/** Events streamed per query by replayEvents. */
const PAGE = 5000;

export function createPgSignupReads(parts: PgSignupParts): SignupReads {
  const { db, community, occurrences, now } = parts;
  return {
    async userRecord(userId) {
      const places = await sql<{ occurrence_id: string; status: string; headcount: number; position: number }>`
        SELECT r.occurrence_id, r.status, r.headcount,
          (SELECT count(*) FROM roster o WHERE o.community = r.community AND o.occurrence_id = r.occurrence_id
             AND o.status = r.status AND o.seq <= r.seq)::int AS position
        FROM roster r WHERE r.community = ${community} AND r.user_id = ${userId}`.execute(db);
      const at = now().getTime();
      const upcoming: UpcomingSignup[] = [];
      for (const p of places.rows) {
        const parsed = parseOccurrenceId(p.occurrence_id);
        const startsAt = occurrences.occurrence(p.occurrence_id)?.startsAt;
        if (!parsed || !startsAt || startsAt.getTime() <= at) continue;
        upcoming.push({ occurrenceId: p.occurrence_id, ...parsed, startsAt: startsAt.toISOString(), position: p.position, waitlisted: p.status === "w", headcount: p.headcount });
      }
      upcoming.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.occurrenceId.localeCompare(b.occurrenceId));
      const p = await db.selectFrom("signup_marks").where("community", "=", community).where("user_id", "=", userId)
        .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.coalesce(eb.fn.sum<number>("heads"), eb.lit(0)).as("heads")])
        .executeTakeFirstOrThrow();
      return { upcoming, participation: { occurrences: Number(p.n), personTimes: Number(p.heads) } };
    },
    summary: async (occurrenceId) => occurrenceSummary(await loadRoster(db, community, occurrenceId), occurrenceId),
    async counts(occurrenceId) {
      const r = await sql<{ heads: number; confirmed: number; waiting: number }>`
        SELECT coalesce(sum(headcount) FILTER (WHERE status = 'c'), 0)::int AS heads,
               count(*) FILTER (WHERE status = 'c')::int AS confirmed,
               coalesce(sum(headcount) FILTER (WHERE status = 'w'), 0)::int AS waiting
        FROM roster WHERE community = ${community} AND occurrence_id = ${occurrenceId}`.execute(db);
      const c = r.rows[0] ?? { heads: 0, confirmed: 0, waiting: 0 };
      return { ...c, capacity: occurrences.capacityOf(occurrenceId) };
    },
    replayEvents: (fn) => replayLog(db, community, fn),
    async attendanceMarks() {
      const rows = await db.selectFrom("signup_marks").selectAll().where("community", "=", community)
        .orderBy(sql`occurrence_id COLLATE "C"`).orderBy("seq").execute();
      return rows.map((m) => ({
        occurrenceId: m.occurrence_id, userId: m.user_id, heads: m.heads, walkIn: m.walk_in, at: m.at.toISOString(), ...(m.by === null ? {} : { by: m.by }),
      }));
    },
    async occurrenceIds() {
      const rows = await db.selectFrom("roster").select("occurrence_id").where("community", "=", community)
        .union(db.selectFrom("signup_marks").select("occurrence_id").where("community", "=", community)).execute();
      return rows.map((r) => r.occurrence_id).sort();
    },
    async volunteerIds() {
      const rows = await db.selectFrom("roster").select("user_id").where("community", "=", community)
        .union(db.selectFrom("signup_marks").select("user_id").where("community", "=", community)).execute();
      return rows.map((r) => r.user_id).sort((a, b) => a - b);
    },
  };
}

/** Streams a community's sign-up log oldest first, a page at a time (never all of it in memory). */
async function replayLog(db: PgDb, community: string, fn: (event: StoredSignupEvent) => void): Promise<void> {
  for (let after = 0; ; ) {
    const rows = await db.selectFrom("signup_events").selectAll().where("community", "=", community).where("seq", ">", after)
      .orderBy("seq").limit(PAGE).execute();
    for (const e of rows) {
      const event: StoredSignupEvent = {
        seq: e.seq, at: e.at.toISOString(), userId: e.user_id, occurrenceId: e.occurrence_id,
        type: e.type as StoredSignupEvent["type"], via: e.via as StoredSignupEvent["via"],
        ...(e.headcount === null ? {} : { headcount: e.headcount }), ...(e.by === null ? {} : { by: e.by }),
      };
      fn(event);
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]?.seq ?? after;
  }
}
