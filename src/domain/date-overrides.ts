/** Moved and skipped dates of a notice (`/move`, `/skip`): the checks, and merging them into the notice. */
import type { DateMove, LocalDate, LocalTime, NoticeDef, Occurrence } from "./notice.js";
import { isRuleDate, occurrenceOn } from "./occurrences.js";
import { isLocalDate, isLocalTime, localToInstant } from "./zoned-time.js";

/** What staff changed on one notice's dates, as kept in the store. */
export interface DateOverrides {
  moves: readonly DateMove[];
  skips: readonly LocalDate[];
}

/**
 * The notice with its overrides merged in: skipped dates added to `skip`, `moves` replaced. Merging
 * again gives the same notice, so whoever rebuilds a notice (an edit) can merge once more.
 */
export function withDateOverrides(notice: NoticeDef, overrides: DateOverrides | undefined): NoticeDef {
  if (!overrides || (overrides.moves.length === 0 && overrides.skips.length === 0)) return notice;
  const skip = [...new Set([...(notice.skip ?? []), ...overrides.skips])].sort();
  return { ...notice, skip, moves: overrides.moves.map((m) => ({ ...m, ...(m.via ? { via: [...m.via] } : {}) })) };
}

/** The date an occurrence first logged under `date` is on now (it was moved), or undefined. */
export function movedDateOf(notice: NoticeDef, date: LocalDate): LocalDate | undefined {
  return notice.moves?.find((m) => m.from === date || m.via?.includes(date))?.to;
}

export type DateProblem = "bad-date" | "bad-time" | "not-a-date" | "past" | "to-past" | "same" | "taken";

/** A checked move: the occurrence as it is, where it goes, and the notice's moves afterwards. */
export interface MovePlan {
  occurrence: Occurrence;
  to: LocalDate;
  time: LocalTime;
  startsAt: Date;
  moves: DateMove[];
}

/** A date the notice has now, not yet started at `now`; or why not. */
function currentOccurrence(notice: NoticeDef, tz: string, now: Date, date: string): Occurrence | DateProblem {
  if (!isLocalDate(date)) return "bad-date";
  const occurrence = occurrenceOn(notice, tz, date);
  if (!occurrence) return "not-a-date";
  return occurrence.startsAt <= now ? "past" : occurrence;
}

/** Whether a date already means something for the notice: one of its rule's, skipped or moved. */
function taken(notice: NoticeDef, date: LocalDate): boolean {
  return (
    isRuleDate(notice.rule, date) ||
    (notice.skip?.includes(date) ?? false) ||
    (notice.moves?.some((m) => m.from === date || m.to === date || m.via?.includes(date)) ?? false)
  );
}

/**
 * Checks `/move <id> <from> <to> [HH:MM]`: `from` a date the notice has that has not started, `to`
 * a real date still ahead (at the given time, or the occurrence's), not `from`, and not a date the
 * notice has or had (its sign-ups would mix). A date moved before moves again, keeping its origin.
 */
export function planMove(notice: NoticeDef, tz: string, now: Date, from: string, to: string, time?: string): MovePlan | DateProblem {
  if (!isLocalDate(to)) return "bad-date";
  if (time !== undefined && !isLocalTime(time)) return "bad-time";
  const occurrence = currentOccurrence(notice, tz, now, from);
  if (typeof occurrence === "string") return occurrence;
  if (to === from) return "same";
  const current = notice.moves?.find((m) => m.to === from);
  const at = time ?? current?.time ?? notice.rule.time;
  const startsAt = localToInstant(to, at, tz);
  if (startsAt <= now) return "to-past";
  if (taken(notice, to)) return "taken";
  const others = (notice.moves ?? []).filter((m) => m !== current);
  const move: DateMove = current
    ? { from: current.from, to, time: at, via: [...(current.via ?? []), from] }
    : { from, to, time: at };
  return { occurrence, to, time: at, startsAt, moves: [...others, move] };
}

/** Checks `/skip <id> <date>`: a date the notice has, not started yet. */
export function planSkip(notice: NoticeDef, tz: string, now: Date, date: string): Occurrence | DateProblem {
  return currentOccurrence(notice, tz, now, date);
}
