// Reference copy of the Map-based roster book as it was before the compact columns (src/domain/signups),
// kept only so equivalence.test.ts can check the compact one gives identical results. Not used by the bot.
import { normalizeHeadcount, type SignupEvent } from "../../../../src/domain/signups/events.js";
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

function index(book: RosterBook, userId: number, id: string): void {
  let set = book.byUser.get(userId);
  if (!set) {
    set = new Set();
    book.byUser.set(userId, set);
  }
  set.add(id);
}

/** Drops the index entry once the user has nothing left on that roster. */
function unindexIfGone(book: RosterBook, r: Roster, userId: number): void {
  if (r.confirmed.has(userId) || r.waitlist.has(userId) || r.attended.has(userId)) return;
  const set = book.byUser.get(userId);
  set?.delete(r.occurrenceId);
  if (set?.size === 0) book.byUser.delete(userId);
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
 *   time, so a restart with a changed capacity may place late joiners differently than live.
 * - cancel: leaves the roster; the waitlist is promoted (strict FIFO). Re-joining goes to the end.
 * - attended: marks anyone, walk-ins included; counts the sign-up's headcount (1 for a walk-in) as
 *   person-times. Marking twice counts once. unattended takes the mark back.
 */
export function applyEvent(book: RosterBook, event: SignupEvent, capacityOf: CapacityOf): Applied {
  if (!(event.seq > book.lastSeq)) return { applied: false, promoted: [] };
  book.lastSeq = event.seq;
  const { userId, occurrenceId: id } = event;
  switch (event.type) {
    case "join": {
      const r = rosterFor(book, id);
      index(book, userId, id);
      return { applied: true, promoted: placeJoin(r, userId, normalizeHeadcount(event.headcount ?? 1), event.at, capacityOf(id)) };
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
      const entry = r.confirmed.get(userId) ?? r.waitlist.get(userId);
      const heads = entry?.headcount ?? 1;
      r.attended.set(userId, { userId, heads, walkIn: !entry, at: event.at, ...(event.by === undefined ? {} : { by: event.by }) });
      index(book, userId, id);
      const p = participationOf(book, userId);
      p.occurrences += 1;
      p.personTimes += heads;
      return { applied: true, promoted: [] };
    }
    case "unattended": {
      const r = book.rosters.get(id);
      const mark = r?.attended.get(userId);
      if (!r || !mark) return { applied: true, promoted: [] };
      r.attended.delete(userId);
      const p = participationOf(book, userId);
      p.occurrences -= 1;
      p.personTimes -= mark.heads;
      if (p.occurrences <= 0) book.participation.delete(userId);
      unindexIfGone(book, r, userId);
      return { applied: true, promoted: [] };
    }
    default:
      return { applied: false, promoted: [] };
  }
}
