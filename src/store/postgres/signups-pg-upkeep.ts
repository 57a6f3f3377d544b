/**
 * The sign-up repo's upkeep over PostgreSQL, each step under the row lock of the occurrence it
 * changes: /forgetme (the user's places, marks and events go; whoever now fits is promoted),
 * a capacity changed (the waitlists of dates not started move up), a date moved (its roster follows).
 * Occurrences are locked in id order, so two of these never wait for each other in a circle.
 */
import { forgetUser, promote, type Promotion } from "../../domain/signups/index.js";
import { occurrenceId as makeOccurrenceId } from "../../domain/signups/events.js";
import type { SignupRepo } from "../signup-repo.js";
import { dropFromRoster, lockOccurrence, lockRoster, savePromotions } from "./signups-pg-roster.js";
import type { PgSignupParts } from "./signups-pg-writes.js";

export type SignupUpkeep = Pick<SignupRepo, "forget" | "capacityChanged" | "occurrenceMoved">;

export function createPgSignupUpkeep(parts: PgSignupParts): SignupUpkeep {
  const { db, community, occurrences, now } = parts;
  const notStarted = (p: Promotion) => (occurrences.occurrence(p.occurrenceId)?.startsAt.getTime() ?? 0) > now().getTime();

  return {
    async forget(userId) {
      const promoted = await db.transaction().execute(async (tx) => {
        const ids = await tx.selectFrom("roster").select("occurrence_id").where("community", "=", community).where("user_id", "=", userId)
          .union(tx.selectFrom("signup_marks").select("occurrence_id").where("community", "=", community).where("user_id", "=", userId))
          .execute();
        const all: Promotion[] = [];
        for (const id of ids.map((r) => r.occurrence_id).sort()) {
          const capacity = occurrences.capacityOf(id);
          const book = await lockRoster(tx, community, id, capacity);
          const moved = forgetUser(book, userId, () => capacity);
          await dropFromRoster(tx, community, id, userId);
          await savePromotions(tx, community, moved);
          all.push(...moved);
        }
        // no copy of their sign-ups stays; as the staff member who marked attendance, their id goes
        await tx.deleteFrom("signup_events").where("community", "=", community).where("user_id", "=", userId).execute();
        await tx.updateTable("signup_events").set({ by: null }).where("community", "=", community).where("by", "=", userId).execute();
        await tx.updateTable("signup_marks").set({ by: null }).where("community", "=", community).where("by", "=", userId).execute();
        return all;
      });
      return promoted.filter(notStarted);
    },
    async capacityChanged(noticeId) {
      const rows = await db.selectFrom("roster").select("occurrence_id").distinct().where("community", "=", community)
        .where("status", "=", "w").where("occurrence_id", "like", `${noticeId.replace(/[\\%_]/g, "\\$&")}:%`).execute();
      const promoted: Promotion[] = [];
      for (const id of rows.map((r) => r.occurrence_id).sort()) {
        const occ = occurrences.occurrence(id);
        if (!occ || occ.startsAt.getTime() <= now().getTime()) continue;
        promoted.push(...(await db.transaction().execute(async (tx) => {
          const book = await lockRoster(tx, community, id, occ.capacity);
          const roster = book.rosters.get(id);
          const moved = roster ? promote(roster, occ.capacity) : [];
          await savePromotions(tx, community, moved);
          await tx.updateTable("occurrences").set({ capacity: occ.capacity ?? null }).where("community", "=", community).where("id", "=", id).execute();
          return moved;
        })));
      }
      return promoted;
    },
    occurrenceMoved: (noticeId, fromDate, toDate) => moveRoster(parts, makeOccurrenceId(noticeId, fromDate), makeOccurrenceId(noticeId, toDate)),
  };
}

/** Moves a roster and its marks to the occurrence's new id, both ids locked (in id order). */
async function moveRoster(parts: PgSignupParts, from: string, to: string): Promise<void> {
  const { db, community, occurrences } = parts;
  if (from === to) return;
  await db.transaction().execute(async (tx) => {
    for (const id of [from, to].sort()) await lockOccurrence(tx, community, id, occurrences.capacityOf(id));
    // a move goes to a new date: a target with a roster already is left alone. The old date's
    // occurrences row stays: a decision waiting for its lock must still find it to lock
    const taken = await tx.selectFrom("roster").select("user_id").where("community", "=", community).where("occurrence_id", "=", to)
      .union(tx.selectFrom("signup_marks").select("user_id").where("community", "=", community).where("occurrence_id", "=", to))
      .limit(1).execute();
    if (taken.length > 0) return;
    for (const table of ["roster", "signup_marks"] as const) {
      await tx.updateTable(table).set({ occurrence_id: to }).where("community", "=", community).where("occurrence_id", "=", from).execute();
    }
  });
}
