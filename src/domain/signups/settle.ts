import { normalizeHeadcount, type SettledRoster } from "./events.js";
import type { Roster, RosterBook } from "./roster-model.js";

/** The confirmed and waiting lists of a roster as they stand, for a `settled` event. O(roster size). */
export function settlementOf(r: Roster): SettledRoster {
  const entries = (list: Roster["confirmed"]) => [...list.values()].map((e): [number, number, string] => [e.userId, e.headcount, e.joinedAt]);
  return { confirmed: entries(r.confirmed), waitlist: entries(r.waitlist) };
}

/**
 * Puts a roster exactly as settled: the confirmed and waiting lists are replaced, attendance marks
 * stay, and each person's index entry follows. Nobody is promoted: the lists are what happened
 * live. A user named twice (a hand-edited log) counts once, where first named. O(roster size).
 */
export function settleRoster(book: RosterBook, r: Roster, settled: SettledRoster): void {
  const before = new Set([...r.confirmed.keys(), ...r.waitlist.keys()]);
  for (const userId of before) if (!r.confirmed.delete(userId)) r.waitlist.delete(userId);
  r.heads = 0;
  const placed = new Set<number>();
  for (const [list, entries] of [[r.confirmed, settled.confirmed], [r.waitlist, settled.waitlist]] as const) {
    for (const [userId, headcount, at] of entries) {
      if (placed.has(userId)) continue;
      placed.add(userId);
      const heads = normalizeHeadcount(headcount);
      list.append(userId, heads, at);
      if (list === r.confirmed) r.heads += heads;
      if (!before.has(userId) && !r.attended.has(userId)) book.byUser.addNew(userId, r.occurrenceId);
    }
  }
  for (const userId of before) if (!placed.has(userId) && !r.attended.has(userId)) book.byUser.remove(userId, r.occurrenceId);
}
