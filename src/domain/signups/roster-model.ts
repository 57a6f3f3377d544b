import { EntryList, MarkList } from "./roster-lists.js";
import { UserIndex } from "./user-index.js";

export { EntryList, MarkList, type AttendanceMark, type RosterEntry, type UserMapView } from "./roster-lists.js";
export { UserIndex } from "./user-index.js";

/**
 * The sign-ups of one occurrence. List order is the order: sign-up order for `confirmed`, queue
 * order for `waitlist`, marking order for `attended`. `heads` is the sum of confirmed headcounts
 * (capacity counts heads). The lists read like Maps keyed by user id; only the fold changes them.
 */
export interface Roster {
  readonly occurrenceId: string;
  readonly confirmed: EntryList;
  readonly waitlist: EntryList;
  heads: number;
  readonly attended: MarkList;
}

/** Attendance (not sign-ups) is participation. */
export interface Participation {
  /** Occurrences the user was marked as attending. */
  occurrences: number;
  /** Sum of the heads counted by those marks (the sign-up's headcount, 1 for a walk-in). */
  personTimes: number;
}

/** All rosters folded from the log, with per-user indexes so no operation scans the log. */
export interface RosterBook {
  rosters: Map<string, Roster>;
  /** Occurrences where a user is confirmed, waiting or marked attended (reads like a Map of Sets). */
  byUser: UserIndex;
  /**
   * Occurrences each user ever joined, cancelled since or not: their presses may have placed others,
   * so forgetting them settles those rosters (the store logs them as they stand).
   */
  joined: UserIndex;
  participation: Map<number, Participation>;
  /** Highest `seq` folded; events at or below it are ignored, so replays never double. */
  lastSeq: number;
}

/** Someone moved from the waitlist to confirmed; the caller tells them. */
export interface Promotion {
  occurrenceId: string;
  userId: number;
  /** 1-based place among the confirmed. */
  position: number;
  headcount: number;
}

/** Capacity in heads of an occurrence; undefined means unlimited. */
export type CapacityOf = (occurrenceId: string) => number | undefined;

/** An empty book. */
export function createRosterBook(): RosterBook {
  return { rosters: new Map(), byUser: new UserIndex(), joined: new UserIndex(), participation: new Map(), lastSeq: -Infinity };
}

/** An empty roster for one occurrence. */
export function createRoster(occurrenceId: string): Roster {
  return { occurrenceId, confirmed: new EntryList(), waitlist: new EntryList(), heads: 0, attended: new MarkList() };
}

/** A copy that can be mutated without touching the original: O(roster size). */
export function cloneRoster(r: Roster): Roster {
  return { ...r, confirmed: r.confirmed.copy(), waitlist: r.waitlist.copy(), attended: r.attended.copy() };
}

function fits(r: Roster, headcount: number, capacity: number | undefined): boolean {
  return capacity === undefined || r.heads + headcount <= capacity;
}

/** Where a user stands on a roster (1-based), or undefined when neither confirmed nor waiting. */
export function locate(r: Roster, userId: number): { position: number; waitlisted: boolean; headcount: number } | undefined {
  let row = r.confirmed.rowOf(userId);
  if (row >= 0) return { position: r.confirmed.position(row), waitlisted: false, headcount: r.confirmed.valueAt(row) };
  row = r.waitlist.rowOf(userId);
  if (row >= 0) return { position: r.waitlist.position(row), waitlisted: true, headcount: r.waitlist.valueAt(row) };
  return undefined;
}

/**
 * Strict FIFO promotion: while the first waiting entry fits, it moves to confirmed. If it does not
 * fit, nobody behind it jumps the queue (a party of 3 first in line is not overtaken by a single).
 */
export function promote(r: Roster, capacity: number | undefined): Promotion[] {
  const promoted: Promotion[] = [];
  for (let row = r.waitlist.firstRow(); row >= 0; row = r.waitlist.firstRow()) {
    const headcount = r.waitlist.valueAt(row);
    if (!fits(r, headcount, capacity)) break;
    const userId = r.waitlist.idAt(row);
    r.waitlist.moveTo(row, r.confirmed);
    r.heads += headcount;
    promoted.push({ occurrenceId: r.occurrenceId, userId, position: r.confirmed.size, headcount });
  }
  return promoted;
}

/**
 * Folds a join into a roster. A user already on it keeps their place and gets the new headcount
 * (the log is trusted: a confirmed party may grow past a capacity lowered since). A new user is
 * confirmed when their party fits and nobody waits, otherwise queued at the end. `headcount` must be
 * an integer 1..255 (the fold gives 1..10), else a RangeError.
 */
export function placeJoin(r: Roster, userId: number, headcount: number, at: string, capacity: number | undefined): Promotion[] {
  const confirmed = r.confirmed.rowOf(userId);
  const waiting = confirmed < 0 ? r.waitlist.rowOf(userId) : -1;
  if (confirmed >= 0) {
    const before = r.confirmed.valueAt(confirmed);
    r.confirmed.setValue(confirmed, headcount);
    r.heads += headcount - before;
  } else if (waiting >= 0) {
    r.waitlist.setValue(waiting, headcount);
  } else if (r.waitlist.size === 0 && fits(r, headcount, capacity)) {
    r.confirmed.append(userId, headcount, at);
    r.heads += headcount;
  } else {
    r.waitlist.append(userId, headcount, at);
  }
  return promote(r, capacity);
}

/** Takes a user off a roster (confirmed or waiting) and promotes whoever now fits. */
export function removeFromRoster(r: Roster, userId: number, capacity: number | undefined): { removed: boolean; promoted: Promotion[] } {
  const confirmed = r.confirmed.rowOf(userId);
  if (confirmed >= 0) {
    r.heads -= r.confirmed.valueAt(confirmed);
    r.confirmed.remove(confirmed);
  } else if (!r.waitlist.delete(userId)) {
    return { removed: false, promoted: [] };
  }
  return { removed: true, promoted: promote(r, capacity) };
}
