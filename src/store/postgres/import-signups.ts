/**
 * `db:import`, sign-ups: the rosters as the JSON store folded them from its sign-up log (moved
 * dates, settled rosters and capacities already applied), written in their order (confirmed, then
 * the waitlist: `seq` is the order), the attendance marks in marking order, every press and mark of
 * the log with its numbers (what /export streams), and the group messages whose counts are kept live.
 */
import { sql } from "kysely";
import type { FoldedSignupRepo } from "../signup-repo.js";
import { insertAll, type ImportCounts, type ImportTx, type StoreDoc } from "./import-rows.js";

export async function importSignups(tx: ImportTx, community: string, doc: StoreDoc, signups: FoldedSignupRepo, counts: ImportCounts): Promise<void> {
  const rosters = [...signups.book.rosters.values()].sort((a, b) => a.occurrenceId.localeCompare(b.occurrenceId));
  counts.occurrences = await insertAll(tx, "occurrences", rosters.map((r) => ({
    community, id: r.occurrenceId, capacity: signups.occurrence(r.occurrenceId)?.capacity ?? null,
  })));
  const place = (status: "c" | "w") => rosters.flatMap((r) => [...(status === "c" ? r.confirmed : r.waitlist).values()].map((e) => ({
    community, occurrence_id: r.occurrenceId, user_id: e.userId, status, headcount: e.headcount, joined_at: e.joinedAt,
  })));
  // one list after the other, each in order: seq (bigserial) follows the insert order
  const confirmed = place("c");
  const waiting = place("w");
  for (const rows of [confirmed, waiting]) {
    for (const row of rows) await tx.insertInto("roster").values(row).execute();
  }
  counts.confirmed = confirmed.length;
  counts.waiting = waiting.length;
  const marks = rosters.flatMap((r) => [...r.attended.values()].map((m) => ({
    community, occurrence_id: r.occurrenceId, user_id: m.userId, heads: m.heads, walk_in: m.walkIn, at: m.at, by: m.by ?? null,
  })));
  for (const m of marks) await tx.insertInto("signup_marks").values(m).execute();
  counts.attendanceMarks = marks.length;
  const events: { seq: number; at: string; userId: number; occurrenceId: string; type: string; headcount?: number; via: string; by?: number }[] = [];
  await signups.replayEvents((e) => { if (e.type !== "settled") events.push(e); });
  counts.signupEvents = await insertAll(tx, "signup_events", events.map((e) => ({
    community, seq: e.seq, at: e.at, user_id: e.userId, occurrence_id: e.occurrenceId, type: e.type, headcount: e.headcount ?? null, via: e.via, by: e.by ?? null,
  })));
  // the log's numbers are kept (/export shows them); the sequence goes on past them, never back
  await sql`SELECT setval(s, GREATEST((SELECT coalesce(max(seq), 0) FROM signup_events), nextval(s)))
            FROM pg_get_serial_sequence('signup_events', 'seq') AS s`.execute(tx);
  counts.liveMessages = await insertAll(tx, "live_messages", Object.entries(doc.liveMessages).flatMap(([id, list]) =>
    list.map((m) => ({ community, occurrence_id: id, chat_id: m.chatId, message_id: m.messageId }))));
}
