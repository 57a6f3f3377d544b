import { MAX_HEADCOUNT } from "./events.js";
import { cloneRoster, createRoster, locate, placeJoin, removeFromRoster, type Promotion, type RosterBook } from "./roster-model.js";

export * from "./roster-model.js";
export { applyEvent, type Applied } from "./fold.js";

/** An instant: ISO string, Date or epoch milliseconds. */
export type Instant = string | Date | number;

const ms = (t: Instant): number => (typeof t === "number" ? t : new Date(t).getTime());

/**
 * True once an occurrence has begun: `now` at or past its start, the same instant at which sign-ups
 * answer "started". Attendance is taken only from then on (earlier marks would count in the
 * campaign's figures for an event that has not happened).
 */
export function hasStarted(startsAt: Instant, now: Instant): boolean {
  return ms(now) >= ms(startsAt);
}

export interface JoinRequest {
  userId: number;
  occurrenceId: string;
  /**
   * Total people (the volunteer included). Omit it for a button press or a text without a number:
   * a new sign-up then counts 1 and an existing one keeps its headcount.
   */
  headcount?: number;
  /**
   * "+N" from the chat: N more people on top of the user's current party (a new sign-up: N in all).
   * Takes precedence over `headcount`.
   */
  add?: number;
  now: Instant;
  startsAt: Instant;
  /** Sign-ups close this many minutes before the start (0: open until the start). */
  cutoffMinutes: number;
  /** Heads; undefined means unlimited. Must be what `capacityOf` gives the fold. */
  capacity: number | undefined;
}

export type JoinDecision =
  | { outcome: "joined"; position: number; headcount: number }
  | { outcome: "waitlisted"; position: number; headcount: number }
  | {
      outcome: "already";
      /** Place after the change, if any (a smaller party may have been promoted). */
      position: number;
      waitlisted: boolean;
      headcount: number;
      headcountChanged?: { from: number; to: number };
      /** Others promoted because this party shrank. */
      promoted: Promotion[];
    }
  | { outcome: "closed" }
  | { outcome: "started" }
  | {
      outcome: "too-many";
      /** The largest headcount that would be accepted. */
      max: number;
      /**
       * Which bound refused it, so the answer tells the truth: `party` the most one sign-up may
       * bring ({@link MAX_HEADCOUNT}); `capacity` all the places there are; `places` the places
       * still free for a confirmed party that grows (its own included).
       */
      limit: "party" | "capacity" | "places";
    };

/** True when the caller must append (and fold) a join event before answering. */
export function joinNeedsWrite(d: JoinDecision): boolean {
  return d.outcome === "joined" || d.outcome === "waitlisted" || (d.outcome === "already" && d.headcountChanged !== undefined);
}

/**
 * Decides a join without touching the book (the caller appends the event, folds it with
 * `applyEvent`, and answers only once it is on disk). Order of checks: started; unchanged repeat
 * ("already", pressing twice counts once, even after the cut-off); past the cut-off ("closed");
 * headcount not 1..min(10, capacity) or a confirmed party growing past the free seats ("too-many",
 * with the largest headcount that would be accepted). A different headcount from someone already on
 * the roster updates it in place: they keep their place in line. O(roster size).
 */
export function decideJoin(book: RosterBook, req: JoinRequest): JoinDecision {
  const { userId, occurrenceId, capacity } = req;
  const now = ms(req.now);
  const starts = ms(req.startsAt);
  if (now >= starts) return { outcome: "started" };
  const roster = book.rosters.get(occurrenceId) ?? createRoster(occurrenceId);
  const current = locate(roster, userId);
  const headcount = req.add !== undefined ? (current?.headcount ?? 0) + req.add : (req.headcount ?? current?.headcount ?? 1);
  if (current && current.headcount === headcount) {
    return { outcome: "already", position: current.position, waitlisted: current.waitlisted, headcount, promoted: [] };
  }
  if (now >= starts - req.cutoffMinutes * 60_000) return { outcome: "closed" };
  const bound = partyBound(capacity, current && !current.waitlisted ? roster.heads - current.headcount : undefined);
  if (!Number.isInteger(headcount) || headcount < 1 || headcount > bound.max) return { outcome: "too-many", ...bound };
  const sim = cloneRoster(roster);
  const promoted = placeJoin(sim, userId, headcount, new Date(now).toISOString(), capacity).filter((p) => p.userId !== userId);
  const after = locate(sim, userId);
  if (!after) throw new Error("unreachable: a join always places the user");
  if (!current) return { outcome: after.waitlisted ? "waitlisted" : "joined", position: after.position, headcount };
  return {
    outcome: "already",
    position: after.position,
    waitlisted: after.waitlisted,
    headcount,
    headcountChanged: { from: current.headcount, to: headcount },
    promoted,
  };
}

/**
 * The largest party one sign-up may have, and what sets it: the per-sign-up limit, the capacity,
 * or (for a confirmed party, given the heads of everyone else) the places still free.
 */
function partyBound(capacity: number | undefined, othersHeads: number | undefined): { max: number; limit: "party" | "capacity" | "places" } {
  let bound: { max: number; limit: "party" | "capacity" | "places" } = { max: MAX_HEADCOUNT, limit: "party" };
  if (capacity !== undefined && capacity < bound.max) bound = { max: capacity, limit: "capacity" };
  if (capacity !== undefined && othersHeads !== undefined && capacity - othersHeads < bound.max) bound = { max: Math.max(0, capacity - othersHeads), limit: "places" };
  return bound;
}

export interface CancelRequest {
  userId: number;
  occurrenceId: string;
  capacity: number | undefined;
  /** With both given, cancelling once the occurrence began answers "started". */
  now?: Instant;
  startsAt?: Instant;
}

export type CancelDecision =
  | { outcome: "cancelled"; wasWaitlisted: boolean; promoted: Promotion[] }
  | { outcome: "not-signed-up" }
  | { outcome: "started" };

/**
 * Decides a cancellation without touching the book. Cancelling is allowed past the cut-off (people
 * fall ill); promotion is strict FIFO by heads, so one cancelled party of 3 may promote several
 * people, hence `promoted` is a list (usually of 0 or 1). O(roster size).
 */
export function decideCancel(book: RosterBook, req: CancelRequest): CancelDecision {
  if (req.now !== undefined && req.startsAt !== undefined && ms(req.now) >= ms(req.startsAt)) return { outcome: "started" };
  const roster = book.rosters.get(req.occurrenceId);
  const current = roster && locate(roster, req.userId);
  if (!roster || !current) return { outcome: "not-signed-up" };
  const { promoted } = removeFromRoster(cloneRoster(roster), req.userId, req.capacity);
  return { outcome: "cancelled", wasWaitlisted: current.waitlisted, promoted };
}
