/** Expanding a notice's rule into dated occurrences (monthly and weekly rules, one-off dates). */
import type { LocalDate, NoticeDef, NoticeRule, Occurrence } from "./notice.js";
import { addDays, daysInMonth, isLocalDate, localDateOf, localToInstant } from "./zoned-time.js";

/** How far `nextOccurrence` looks ahead (a Feb-29-only rule can skip 8 years around 2100). */
const HORIZON_MONTHS = 12 * 12;

/** The days (1–31) of `year`-`month` (month 1–12) on which a rule has an occurrence. */
function daysOfRuleInMonth(rule: NoticeRule, year: number, month: number): number[] {
  const dim = daysInMonth(year, month);
  const firstWeekdayDay = (weekday: number) => {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return 1 + ((weekday - first + 7) % 7);
  };
  switch (rule.kind) {
    case "monthly-nth-weekday": {
      const first = firstWeekdayDay(rule.weekday);
      const day = rule.nth === -1 ? first + 7 * Math.floor((dim - first) / 7) : first + 7 * (rule.nth - 1);
      return day <= dim ? [day] : [];
    }
    case "monthly-day": {
      if (rule.months && !rule.months.includes(month)) return [];
      // A month without that day is skipped (31 in April, 30 in February): no event that month.
      return rule.day <= dim ? [rule.day] : [];
    }
    case "weekly": {
      const days: number[] = [];
      for (let day = firstWeekdayDay(rule.weekday); day <= dim; day += 7) days.push(day);
      return days;
    }
    case "once": {
      const [y, mo, d] = rule.date.split("-").map(Number);
      return y === year && mo === month && d !== undefined ? [d] : [];
    }
    default: {
      const unknown: never = rule;
      throw new Error(`unknown rule kind: ${JSON.stringify(unknown)}`);
    }
  }
}

function ymd(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The occurrence dates of a rule from `from` to `to`, both included, in order. */
export function datesBetween(rule: NoticeRule, from: LocalDate, to: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const endKey = to.slice(0, 7);
  while (ymd(year, month, 1).slice(0, 7) <= endKey) {
    for (const day of daysOfRuleInMonth(rule, year, month)) {
      const date = ymd(year, month, day);
      if (date >= from && date <= to) dates.push(date);
    }
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return dates;
}

/** Whether a rule yields this date (a notice's skipped dates aside). */
export function isRuleDate(rule: NoticeRule, date: LocalDate): boolean {
  return isLocalDate(date) && daysOfRuleInMonth(rule, Number(date.slice(0, 4)), Number(date.slice(5, 7))).includes(Number(date.slice(8, 10)));
}

/** Whether a date does not happen: the notice is paused, the date skipped (data or /skip) or moved away (`moves`). */
const skipped = (notice: NoticeDef, date: LocalDate): boolean =>
  notice.paused === true || (notice.skip?.includes(date) ?? false) || (notice.moves?.some((m) => m.from === date) ?? false);

/** The move that put an occurrence on `date`, if one did (and it was not skipped since). */
const movedTo = (notice: NoticeDef, date: LocalDate) =>
  notice.skip?.includes(date) ? undefined : notice.moves?.find((m) => m.to === date);

/** The dates a notice happens from `from` to `to`, both included: its rule's, minus the skipped ones, plus moved ones. */
export function noticeDatesBetween(notice: NoticeDef, from: LocalDate, to: LocalDate): LocalDate[] {
  const dates = datesBetween(notice.rule, from, to);
  const kept = notice.paused || notice.skip?.length || notice.moves?.length ? dates.filter((date) => !skipped(notice, date)) : dates;
  if (!notice.moves?.length || notice.paused) return kept;
  const moved = notice.moves.map((m) => m.to).filter((d) => d >= from && d <= to && movedTo(notice, d) && !kept.includes(d));
  return [...kept, ...moved].sort();
}

/** The occurrence of a notice on a date it has (the caller checks the date); a moved one at its new time. */
export function occurrenceAt(notice: NoticeDef, tz: string, date: LocalDate): Occurrence {
  const time = movedTo(notice, date)?.time ?? notice.rule.time;
  return { noticeId: notice.id, date, startsAt: localToInstant(date, time, tz) };
}

/** Occurrences of a notice starting in `[fromInstant, toInstant)`, in order. */
export function occurrencesBetween(notice: NoticeDef, tz: string, fromInstant: Date, toInstant: Date): Occurrence[] {
  if (toInstant <= fromInstant) return [];
  // A day of margin either side: the gap shift can move a start across local midnight.
  const from = addDays(localDateOf(fromInstant, tz), -1);
  const to = addDays(localDateOf(toInstant, tz), 1);
  return noticeDatesBetween(notice, from, to)
    .map((date) => occurrenceAt(notice, tz, date))
    .filter((o) => o.startsAt >= fromInstant && o.startsAt < toInstant);
}

/**
 * The first occurrence starting at or after `now` (an event already under way is not "next"), or
 * undefined when there is none in the next 12 years (a past `once`).
 */
export function nextOccurrence(notice: NoticeDef, tz: string, now: Date): Occurrence | undefined {
  const byRule = nextRuleOccurrence(notice, tz, now);
  const moved = (notice.moves ?? [])
    .filter((m) => movedTo(notice, m.to))
    .map((m) => occurrenceAt(notice, tz, m.to))
    .filter((o) => o.startsAt >= now && (!byRule || o.startsAt < byRule.startsAt))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return moved[0] ?? byRule;
}

function nextRuleOccurrence(notice: NoticeDef, tz: string, now: Date): Occurrence | undefined {
  const from = addDays(localDateOf(now, tz), -1);
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (let i = 0; i < HORIZON_MONTHS; i++) {
    for (const day of daysOfRuleInMonth(notice.rule, year, month)) {
      const date = ymd(year, month, day);
      if (date < from || skipped(notice, date)) continue;
      const occurrence = occurrenceAt(notice, tz, date);
      if (occurrence.startsAt >= now) return occurrence;
    }
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return undefined;
}

/** The occurrence on a local date (`2026-11-28`), or undefined when the notice has none that day. */
export function occurrenceOn(notice: NoticeDef, tz: string, date: LocalDate): Occurrence | undefined {
  const has = (isRuleDate(notice.rule, date) && !skipped(notice, date)) || movedTo(notice, date) !== undefined;
  return has ? occurrenceAt(notice, tz, date) : undefined;
}
