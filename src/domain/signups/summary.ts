import { parseOccurrenceId } from "./events.js";
import { removeFromRoster, locate, type AttendanceMark, type CapacityOf, type Participation, type Promotion, type RosterBook, type RosterEntry } from "./roster-model.js";
import type { Instant } from "./roster.js";

export interface UpcomingSignup {
  occurrenceId: string;
  noticeId: string;
  date: string;
  startsAt: string;
  position: number;
  waitlisted: boolean;
  headcount: number;
}

export interface UserRecord {
  /** Sign-ups (confirmed or waiting) for occurrences that have not started, soonest first. */
  upcoming: UpcomingSignup[];
  /** Attendance so far (participation counts attendance, not sign-ups). */
  participation: Participation;
}

const ms = (t: Instant): number => (typeof t === "number" ? t : new Date(t).getTime());

/**
 * A user's own record for `/my`, in O(the user's occurrences × roster size). `startsAtOf` gives the
 * start of an occurrence; occurrences it does not know (a notice removed since) are left out.
 */
export function userRecord(book: RosterBook, userId: number, now: Instant, startsAtOf: (occurrenceId: string) => Instant | undefined): UserRecord {
  const upcoming: UpcomingSignup[] = [];
  const nowMs = ms(now);
  for (const id of book.byUser.occurrencesOf(userId)) {
    const roster = book.rosters.get(id);
    const where = roster && locate(roster, userId);
    const parsed = parseOccurrenceId(id);
    const startsAt = startsAtOf(id);
    if (!where || !parsed || startsAt === undefined || ms(startsAt) <= nowMs) continue;
    upcoming.push({ occurrenceId: id, ...parsed, startsAt: new Date(ms(startsAt)).toISOString(), ...where });
  }
  upcoming.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.occurrenceId.localeCompare(b.occurrenceId));
  const p = book.participation.get(userId);
  return { upcoming, participation: { occurrences: p?.occurrences ?? 0, personTimes: p?.personTimes ?? 0 } };
}

export interface OccurrenceSummary {
  occurrenceId: string;
  /** In sign-up order, position 1-based. */
  confirmed: Array<RosterEntry & { position: number }>;
  /** Sum of confirmed headcounts. */
  heads: number;
  /** In queue order. */
  waitlist: Array<RosterEntry & { position: number }>;
  waitingHeads: number;
  /** In marking order. */
  attended: AttendanceMark[];
  attendedHeads: number;
}

/** Who signed up for one occurrence, for staff (`/signups`, export). O(roster size). */
export function occurrenceSummary(book: RosterBook, occurrenceId: string): OccurrenceSummary {
  const r = book.rosters.get(occurrenceId);
  const numbered = (list: Iterable<RosterEntry>) => [...list].map((e, i) => ({ ...e, position: i + 1 }));
  const confirmed = numbered(r?.confirmed.values() ?? []);
  const waitlist = numbered(r?.waitlist.values() ?? []);
  const attended = [...(r?.attended.values() ?? [])];
  const sum = (xs: Array<{ headcount?: number; heads?: number }>) => xs.reduce((n, x) => n + (x.headcount ?? x.heads ?? 0), 0);
  return {
    occurrenceId,
    confirmed,
    heads: r?.heads ?? 0,
    waitlist,
    waitingHeads: sum(waitlist),
    attended,
    attendedHeads: sum(attended),
  };
}

/**
 * Removes a user from the in-memory book (`/forgetme`; the store deletes their events). Leaving a
 * confirmed place promotes the waitlist exactly like a cancellation. A replay of the pruned log may
 * NOT give the same rosters (their presses placed others: a party waiting behind them, grown since,
 * would be confirmed past capacity), so a store that rebuilds from its log settles every roster in
 * `rostersToSettle`, taken before this call. Returns every promotion, past occurrences included:
 * the caller should only notify those whose occurrence has not started.
 * O(the user's occurrences × roster size).
 */
export function forgetUser(book: RosterBook, userId: number, capacityOf: CapacityOf): Promotion[] {
  const promoted: Promotion[] = [];
  for (const id of book.byUser.occurrencesOf(userId)) {
    const r = book.rosters.get(id);
    if (!r) continue;
    r.attended.delete(userId);
    promoted.push(...removeFromRoster(r, userId, capacityOf(id)).promoted);
  }
  book.byUser.delete(userId);
  book.joined.delete(userId);
  book.participation.delete(userId);
  return promoted;
}

/** The occurrences whose rosters a user's presses may have shaped: where they are, or ever joined. */
export function rostersToSettle(book: RosterBook, userId: number): string[] {
  return [...new Set([...book.byUser.occurrencesOf(userId), ...book.joined.occurrencesOf(userId)])];
}
