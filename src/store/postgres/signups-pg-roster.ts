/**
 * One occurrence's roster in PostgreSQL, as the sign-up decisions see it. `lockRoster` takes the
 * occurrence's row lock (the `occurrences` row, created on first use, then `SELECT … FOR UPDATE`)
 * and loads the roster into a one-roster book, so the domain decides exactly as on the JSON store
 * while every other decision for that occurrence, from any instance, waits for this transaction.
 * `record` logs an event, folds it into the book and writes what the fold changed: the list order
 * is the `seq` column (a promoted person takes a new one, going to the end of the confirmed).
 */
import { sql, type Transaction } from "kysely";
import type { SignupEvent } from "../../domain/signups/events.js";
import { applyEvent, createRoster, createRosterBook, locate, type Promotion, type RosterBook } from "../../domain/signups/index.js";
import type { PgDb } from "./database.js";
import type { Tables } from "./tables.js";

export type Tx = Transaction<Tables>;
/** An event as `record` takes it: its seq comes from the log, its instant from the caller. */
export type NewEvent = Omit<SignupEvent, "seq">;

/** Takes the occurrence's row lock until the transaction ends (the row is made when missing). */
export async function lockOccurrence(tx: Tx, community: string, id: string, capacity: number | undefined): Promise<void> {
  await tx.insertInto("occurrences").values({ community, id, capacity: capacity ?? null })
    .onConflict((oc) => oc.columns(["community", "id"]).doNothing()).execute();
  await tx.selectFrom("occurrences").select("id").where("community", "=", community).where("id", "=", id).forUpdate().execute();
}

/** Loads one occurrence's roster and marks into a book of its own (in a transaction or not). */
export async function loadRoster(db: PgDb | Tx, community: string, id: string): Promise<RosterBook> {
  const rows = await db.selectFrom("roster").select(["user_id", "status", "headcount", "joined_at"])
    .where("community", "=", community).where("occurrence_id", "=", id).orderBy("seq").execute();
  const marks = await db.selectFrom("signup_marks").select(["user_id", "heads", "walk_in", "at", "by"])
    .where("community", "=", community).where("occurrence_id", "=", id).orderBy("seq").execute();
  const book = createRosterBook();
  const r = createRoster(id);
  for (const row of rows) {
    (row.status === "c" ? r.confirmed : r.waitlist).append(row.user_id, row.headcount, row.joined_at.toISOString());
    if (row.status === "c") r.heads += row.headcount;
    book.byUser.add(row.user_id, id);
  }
  for (const m of marks) {
    r.attended.mark(m.user_id, m.heads, m.walk_in, m.at.toISOString(), m.by ?? undefined);
    book.byUser.add(m.user_id, id);
  }
  if (rows.length > 0 || marks.length > 0) book.rosters.set(id, r);
  return book;
}

/** Locks an occurrence and loads its roster: what every decision starts from. */
export async function lockRoster(tx: Tx, community: string, id: string, capacity: number | undefined): Promise<RosterBook> {
  await lockOccurrence(tx, community, id, capacity);
  return loadRoster(tx, community, id);
}

/** Writes promotions in their order: each goes to the end of the confirmed. */
export async function savePromotions(tx: Tx, community: string, promoted: readonly Promotion[]): Promise<void> {
  for (const p of promoted) {
    await tx.updateTable("roster")
      .set({ status: "c", seq: sql<number>`nextval(pg_get_serial_sequence('roster', 'seq'))` })
      .where("community", "=", community).where("occurrence_id", "=", p.occurrenceId).where("user_id", "=", p.userId).execute();
  }
}

/** Deletes a user's place and mark on one roster. */
export async function dropFromRoster(tx: Tx, community: string, id: string, userId: number): Promise<void> {
  await tx.deleteFrom("roster").where("community", "=", community).where("occurrence_id", "=", id).where("user_id", "=", userId).execute();
  await tx.deleteFrom("signup_marks").where("community", "=", community).where("occurrence_id", "=", id).where("user_id", "=", userId).execute();
}

/**
 * Logs one event, folds it into the locked book and stores what changed; resolves with the
 * promotions the fold made (the user's own included). Call only holding the occurrence's lock.
 */
export async function record(tx: Tx, community: string, book: RosterBook, e: NewEvent, capacity: number | undefined): Promise<Promotion[]> {
  const { seq } = await tx.insertInto("signup_events")
    .values({ community, at: e.at, user_id: e.userId, occurrence_id: e.occurrenceId, type: e.type, headcount: e.headcount ?? null, via: e.via, by: e.by ?? null })
    .returning("seq").executeTakeFirstOrThrow();
  const id = e.occurrenceId;
  const before = book.rosters.get(id);
  const was = before && locate(before, e.userId);
  const wasMarked = before?.attended.has(e.userId) ?? false;
  const { promoted } = applyEvent(book, { ...e, seq }, () => capacity);
  const r = book.rosters.get(id);
  const where = r && locate(r, e.userId);
  if (e.type === "join" && was && where) {
    await tx.updateTable("roster").set({ headcount: where.headcount })
      .where("community", "=", community).where("occurrence_id", "=", id).where("user_id", "=", e.userId).execute();
  } else if (e.type === "join" && where) {
    // one promoted at once (a capacity raised since) is written waiting, then promoted in turn
    const status = where.waitlisted || promoted.some((p) => p.userId === e.userId) ? "w" : "c";
    await tx.insertInto("roster").values({ community, occurrence_id: id, user_id: e.userId, status, headcount: where.headcount, joined_at: e.at }).execute();
  } else if (e.type === "cancel" && was) {
    await tx.deleteFrom("roster").where("community", "=", community).where("occurrence_id", "=", id).where("user_id", "=", e.userId).execute();
  } else if (e.type === "attended" && !wasMarked) {
    const mark = r?.attended.get(e.userId);
    if (mark) await tx.insertInto("signup_marks").values({ community, occurrence_id: id, user_id: e.userId, heads: mark.heads, walk_in: mark.walkIn, at: mark.at, by: mark.by ?? null }).execute();
  } else if (e.type === "unattended" && wasMarked) {
    await tx.deleteFrom("signup_marks").where("community", "=", community).where("occurrence_id", "=", id).where("user_id", "=", e.userId).execute();
  }
  await savePromotions(tx, community, promoted);
  return promoted;
}
