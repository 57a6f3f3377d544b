import { occurrenceSummary, userRecord, type OccurrenceSummary, type UserRecord } from "../domain/signups/index.js";
import type { AttendanceMark } from "../domain/signups/roster-lists.js";
import type { StoredSignupEvent } from "./schema.js";
import type { SignupParts } from "./signup-occurrences.js";

/** One attendance mark with the occurrence it is for (export). */
export interface OccurrenceMark extends Readonly<AttendanceMark> {
  readonly occurrenceId: string;
}

/** How full one occurrence is right now. */
export interface SignupCountsNow {
  heads: number;
  confirmed: number;
  waiting: number;
  capacity: number | undefined;
}

/** The questions a sign-up repo answers from its folded book (and the log, for export). */
export interface SignupReads {
  /** A user's own record for `/my`: upcoming sign-ups and participation so far. */
  userRecord(userId: number): Promise<UserRecord>;
  /** Who signed up for one occurrence, for staff (`/signups`, export). */
  summary(occurrenceId: string): Promise<OccurrenceSummary>;
  /** Heads, confirmed and waiting right now, with the capacity (for live counts). */
  counts(occurrenceId: string): Promise<SignupCountsNow>;
  /** Streams the presses and marks of the log, oldest first (for export): it is kept on disk, not in memory. */
  replayEvents(fn: (event: StoredSignupEvent) => void): Promise<void>;
  /** Every attendance mark, by occurrence id (sorted), then in marking order (export). */
  attendanceMarks(): Promise<readonly OccurrenceMark[]>;
  /**
   * The occurrences that have had sign-ups or marks, sorted (the monthly report, /stats); one whose
   * roster has emptied since may be among them.
   */
  occurrenceIds(): Promise<readonly string[]>;
  /** Everyone on a roster (confirmed, waiting, marked) or with participation, ascending (export). */
  volunteerIds(): Promise<readonly number[]>;
}

/** Builds the read side over a folded book; nothing here writes. */
export function createSignupReads(options: SignupParts): SignupReads {
  const { store, book, occurrences, now } = options;
  return {
    async userRecord(userId) {
      return userRecord(book, userId, now(), (id) => occurrences.occurrence(id)?.startsAt);
    },
    summary: async (occurrenceId) => occurrenceSummary(book, occurrenceId),
    async counts(occurrenceId) {
      const r = book.rosters.get(occurrenceId);
      let waiting = 0;
      for (const e of r?.waitlist.values() ?? []) waiting += e.headcount;
      return { heads: r?.heads ?? 0, confirmed: r?.confirmed.size ?? 0, waiting, capacity: occurrences.capacityOf(occurrenceId) };
    },
    // settled rosters are the store's own bookkeeping, not presses (PostgreSQL keeps live rows instead)
    replayEvents: (fn) =>
      store.signups.replay((e) => {
        if (e.type !== "settled") fn(e);
      }),
    async attendanceMarks() {
      const out: OccurrenceMark[] = [];
      for (const occurrenceId of [...book.rosters.keys()].sort()) {
        for (const a of book.rosters.get(occurrenceId)?.attended.values() ?? []) out.push({ occurrenceId, ...a });
      }
      return out;
    },
    occurrenceIds: async () => [...book.rosters.keys()].sort(),
    async volunteerIds() {
      return [...new Set<number>([...book.byUser.keys(), ...book.participation.keys()])].sort((a, b) => a - b);
    },
  };
}
