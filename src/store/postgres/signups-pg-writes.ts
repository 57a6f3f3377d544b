/**
 * The sign-up writes over PostgreSQL: each decides in one transaction holding its occurrence's row
 * lock (signups-pg-roster.ts), with the domain's own decisions (`decideJoin`, `decideCancel`), so
 * sign-ups racing from any number of instances are placed one after another: capacity and the FIFO
 * waitlist hold, and the order is the order the transactions committed. Resolves once committed.
 */
import { decideCancel, decideJoin, joinNeedsWrite, type Promotion } from "../../domain/signups/index.js";
import type { OccurrenceResolver } from "../signup-occurrences.js";
import type { SignupWrites } from "../signup-writes.js";
import type { PgDb } from "./database.js";
import { lockRoster, record } from "./signups-pg-roster.js";

export interface PgSignupParts {
  db: PgDb;
  community: string;
  occurrences: OccurrenceResolver;
  now: () => Date;
}

export function createPgSignupWrites(parts: PgSignupParts): SignupWrites {
  const { db, community, occurrences, now } = parts;
  return {
    async join(userId, idAsGiven, via, headcount, add) {
      // only within the window: forged button data must not sign anyone up for a date years away
      const occ = occurrences.joinable(idAsGiven, now());
      if (!occ) return { outcome: "unknown" };
      const { occurrenceId, capacity } = occ;
      const decided = await db.transaction().execute(async (tx) => {
        const book = await lockRoster(tx, community, occurrenceId, capacity);
        const at = now();
        const decision = decideJoin(book, {
          userId, occurrenceId, now: at, startsAt: occ.startsAt, cutoffMinutes: occ.cutoffMinutes, capacity,
          ...(headcount === undefined ? {} : add ? { add: headcount } : { headcount }),
        });
        if (!joinNeedsWrite(decision)) return { decision, promoted: [] as Promotion[], written: false };
        const heads = "headcount" in decision ? decision.headcount : 1;
        const event = { at: at.toISOString(), userId, occurrenceId, type: "join" as const, via, ...(heads === 1 ? {} : { headcount: heads }) };
        const promoted = await record(tx, community, book, event, capacity);
        return { decision, promoted: promoted.filter((p) => p.userId !== userId), written: true };
      });
      return { outcome: "decided", occurrence: occ, ...decided };
    },
    async cancel(userId, idAsGiven, via) {
      const occ = occurrences.occurrence(idAsGiven);
      if (!occ) return { outcome: "unknown" };
      const { occurrenceId, capacity } = occ;
      const decided = await db.transaction().execute(async (tx) => {
        const book = await lockRoster(tx, community, occurrenceId, capacity);
        const at = now();
        const decision = decideCancel(book, { userId, occurrenceId, capacity, now: at, startsAt: occ.startsAt });
        if (decision.outcome !== "cancelled") return { decision, promoted: [] as Promotion[], written: false };
        const promoted = await record(tx, community, book, { at: at.toISOString(), userId, occurrenceId, type: "cancel", via }, capacity);
        return { decision, promoted, written: true };
      });
      return { outcome: "decided", occurrence: occ, ...decided };
    },
    async markAttended(staffId, idAsGiven, userIds, attended) {
      const occ = occurrences.occurrence(idAsGiven);
      if (!occ) return { changed: [] };
      const { occurrenceId, capacity } = occ;
      const changed = await db.transaction().execute(async (tx) => {
        const book = await lockRoster(tx, community, occurrenceId, capacity);
        const marked = (userId: number) => book.rosters.get(occurrenceId)?.attended.has(userId) ?? false;
        const done = [...new Set(userIds)].filter((id) => marked(id) !== attended);
        const at = now().toISOString();
        for (const userId of done) {
          await record(tx, community, book, { at, userId, occurrenceId, type: attended ? "attended" : "unattended", via: "staff", by: staffId }, capacity);
        }
        return done;
      });
      return { changed };
    },
  };
}
