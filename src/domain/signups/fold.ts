import { normalizeHeadcount, type SignupEvent } from "./events.js";
import { settleRoster } from "./settle.js";
import { createRoster, placeJoin, removeFromRoster, type CapacityOf, type Promotion, type Roster, type RosterBook } from "./roster-model.js";

/** What folding one event did. */
export interface Applied {
  /** False when the event was a replay (seq not above the last folded) or of an unknown type. */
  applied: boolean;
  /** People moved from the waitlist to confirmed by this event. */
  promoted: Promotion[];
}

function rosterFor(book: RosterBook, id: string): Roster {
  let r = book.rosters.get(id);
  if (!r) {
    r = createRoster(id);
    book.rosters.set(id, r);
  }
  return r;
}

/** Drops the index entry once the user has nothing left on that roster. */
function unindexIfGone(book: RosterBook, r: Roster, userId: number): void {
  if (r.confirmed.has(userId) || r.waitlist.has(userId) || r.attended.has(userId)) return;
  book.byUser.remove(userId, r.occurrenceId);
}

function participationOf(book: RosterBook, userId: number) {
  let p = book.participation.get(userId);
  if (!p) {
    p = { occurrences: 0, personTimes: 0 };
    book.participation.set(userId, p);
  }
  return p;
}

/**
 * Folds one logged event into the book in O(roster size). Events must arrive in `seq` order; an
 * event whose seq is not above the last folded one is ignored, so replaying the log is idempotent.
 *
 * - join: new users are confirmed if their party fits and nobody waits, else queued; a user already
 *   on the roster keeps their place with the new headcount. Capacity comes from `capacityOf` at fold
 *   time; the store logs a `settled` roster whenever that could place anyone differently than live.
 * - cancel: leaves the roster; the waitlist is promoted (strict FIFO). Re-joining goes to the end.
 * - attended: marks anyone, walk-ins included; counts the sign-up's headcount (1 for a walk-in) as
 *   person-times. Marking twice counts once. unattended takes the mark back.
 * - settled: the confirmed and waiting lists become exactly the ones logged (see `settleRoster`).
 */
export function applyEvent(book: RosterBook, event: SignupEvent, capacityOf: CapacityOf): Applied {
  if (!(event.seq > book.lastSeq)) return { applied: false, promoted: [] };
  book.lastSeq = event.seq;
  const { userId, occurrenceId: id } = event;
  switch (event.type) {
    case "join": {
      const r = rosterFor(book, id);
      const onRoster = r.confirmed.size + r.waitlist.size;
      const promoted = placeJoin(r, userId, normalizeHeadcount(event.headcount ?? 1), event.at, capacityOf(id));
      // promotions only move people between the lists: the sum grows by one exactly for a newcomer
      if (r.confirmed.size + r.waitlist.size > onRoster) {
        book.joined.add(userId, id);
        if (!r.attended.has(userId)) book.byUser.addNew(userId, id);
      }
      return { applied: true, promoted };
    }
    case "cancel": {
      const r = book.rosters.get(id);
      if (!r) return { applied: true, promoted: [] };
      const { promoted } = removeFromRoster(r, userId, capacityOf(id));
      unindexIfGone(book, r, userId);
      return { applied: true, promoted };
    }
    case "attended": {
      const r = rosterFor(book, id);
      if (r.attended.has(userId)) return { applied: true, promoted: [] };
      const headcount = r.confirmed.headcountOf(userId) ?? r.waitlist.headcountOf(userId);
      const heads = headcount ?? 1;
      r.attended.mark(userId, heads, headcount === undefined, event.at, event.by);
      if (headcount === undefined) book.byUser.addNew(userId, id);
      const p = participationOf(book, userId);
      p.occurrences += 1;
      p.personTimes += heads;
      return { applied: true, promoted: [] };
    }
    case "unattended": {
      const r = book.rosters.get(id);
      const heads = r?.attended.headsOf(userId);
      if (!r || heads === undefined) return { applied: true, promoted: [] };
      r.attended.delete(userId);
      const p = participationOf(book, userId);
      p.occurrences -= 1;
      p.personTimes -= heads;
      if (p.occurrences <= 0) book.participation.delete(userId);
      unindexIfGone(book, r, userId);
      return { applied: true, promoted: [] };
    }
    case "settled": {
      if (event.roster) settleRoster(book, rosterFor(book, id), event.roster);
      return { applied: true, promoted: [] };
    }
    default:
      return { applied: false, promoted: [] };
  }
}
