// Reference copy of the Map-based roster book as it was before the compact columns (src/domain/signups),
// kept only so equivalence.test.ts can check the compact one gives identical results. Not used by the bot.
/** One sign-up on a roster. Entries are replaced, never mutated, so a roster clone is cheap. */
export interface RosterEntry {
  userId: number;
  headcount: number;
  joinedAt: string;
}

/** A staff mark that someone came. `heads` is what the mark counted as person-times. */
export interface AttendanceMark {
  userId: number;
  heads: number;
  /** Not on the roster (neither confirmed nor waiting) when marked. */
  walkIn: boolean;
  at: string;
  by?: number;
}

/**
 * The sign-ups of one occurrence. Map insertion order is the order: sign-up order for `confirmed`,
 * queue order for `waitlist`. `heads` is the sum of confirmed headcounts (capacity counts heads).
 */
export interface Roster {
  occurrenceId: string;
  confirmed: Map<number, RosterEntry>;
  waitlist: Map<number, RosterEntry>;
  heads: number;
  attended: Map<number, AttendanceMark>;
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
  /** Occurrences where a user is confirmed, waiting or marked attended. */
  byUser: Map<number, Set<string>>;
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
  return { rosters: new Map(), byUser: new Map(), participation: new Map(), lastSeq: -Infinity };
}

/** An empty roster for one occurrence. */
export function createRoster(occurrenceId: string): Roster {
  return { occurrenceId, confirmed: new Map(), waitlist: new Map(), heads: 0, attended: new Map() };
}

/** A copy that can be mutated without touching the original: O(roster size). */
export function cloneRoster(r: Roster): Roster {
  return { ...r, confirmed: new Map(r.confirmed), waitlist: new Map(r.waitlist), attended: new Map(r.attended) };
}

function fits(r: Roster, headcount: number, capacity: number | undefined): boolean {
  return capacity === undefined || r.heads + headcount <= capacity;
}

/** Where a user stands on a roster (1-based), or undefined when neither confirmed nor waiting. */
export function locate(r: Roster, userId: number): { position: number; waitlisted: boolean; headcount: number } | undefined {
  for (const [list, waitlisted] of [[r.confirmed, false], [r.waitlist, true]] as const) {
    const entry = list.get(userId);
    if (!entry) continue;
    let position = 1;
    for (const id of list.keys()) {
      if (id === userId) break;
      position += 1;
    }
    return { position, waitlisted, headcount: entry.headcount };
  }
  return undefined;
}

/**
 * Strict FIFO promotion: while the first waiting entry fits, it moves to confirmed. If it does not
 * fit, nobody behind it jumps the queue (a party of 3 first in line is not overtaken by a single).
 */
export function promote(r: Roster, capacity: number | undefined): Promotion[] {
  const promoted: Promotion[] = [];
  for (const entry of r.waitlist.values()) {
    if (!fits(r, entry.headcount, capacity)) break;
    r.waitlist.delete(entry.userId);
    r.confirmed.set(entry.userId, entry);
    r.heads += entry.headcount;
    promoted.push({ occurrenceId: r.occurrenceId, userId: entry.userId, position: r.confirmed.size, headcount: entry.headcount });
  }
  return promoted;
}

/**
 * Folds a join into a roster. A user already on it keeps their place and gets the new headcount
 * (the log is trusted: a confirmed party may grow past a capacity lowered since). A new user is
 * confirmed when their party fits and nobody waits, otherwise queued at the end.
 */
export function placeJoin(r: Roster, userId: number, headcount: number, at: string, capacity: number | undefined): Promotion[] {
  const confirmed = r.confirmed.get(userId);
  const waiting = r.waitlist.get(userId);
  if (confirmed) {
    r.heads += headcount - confirmed.headcount;
    r.confirmed.set(userId, { ...confirmed, headcount });
  } else if (waiting) {
    r.waitlist.set(userId, { ...waiting, headcount });
  } else if (r.waitlist.size === 0 && fits(r, headcount, capacity)) {
    r.confirmed.set(userId, { userId, headcount, joinedAt: at });
    r.heads += headcount;
  } else {
    r.waitlist.set(userId, { userId, headcount, joinedAt: at });
  }
  return promote(r, capacity);
}

/** Takes a user off a roster (confirmed or waiting) and promotes whoever now fits. */
export function removeFromRoster(r: Roster, userId: number, capacity: number | undefined): { removed: boolean; promoted: Promotion[] } {
  const confirmed = r.confirmed.get(userId);
  if (confirmed) {
    r.confirmed.delete(userId);
    r.heads -= confirmed.headcount;
  } else if (!r.waitlist.delete(userId)) {
    return { removed: false, promoted: [] };
  }
  return { removed: true, promoted: promote(r, capacity) };
}
