import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import type {
  Bulletin,
  DueReminder,
  LocalDate,
  LocalTime,
  NoticeCatalog,
  NoticeDef,
  NoticeRule,
  Occurrence,
  ReminderSpec,
} from "./notice.js";
import { reminderKey } from "./notice.js";

// Only calendar arithmetic on `YYYY-MM-DD` goes through dayjs (in UTC, so no zone can shift a
// day). Zone conversions are done here with Intl: dayjs.tz is wrong for local times inside a DST gap.
dayjs.extend(utc);

const DAY_MS = 86_400_000;
/** How far `nextOccurrence` looks ahead (a Feb-29-only rule can skip 8 years around 2100). */
const HORIZON_MONTHS = 12 * 12;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a real calendar date written `YYYY-MM-DD` (rejects `2027-02-29`). */
export function isLocalDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** True for a 24-hour `HH:mm` time (`00:00`…`23:59`). */
export function isLocalTime(text: string): boolean {
  return TIME_RE.test(text);
}

/** True when `tz` is an IANA time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Adds whole calendar days to a `YYYY-MM-DD` date. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return dayjs.utc(date).add(days, "day").format("YYYY-MM-DD");
}

// Building an Intl formatter is costly and they are immutable: one per time zone.
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** Returns a function giving the wall-clock time in `tz` at an instant, as if it were UTC ms. */
function wallClock(tz: string): (instant: number) => number {
  const fmt = wallClockFormats.get(tz) ?? new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  wallClockFormats.set(tz, fmt);
  return (instant) => {
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(new Date(instant))) p[part.type] = Number(part.value);
    return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  };
}

/** The community-local calendar date of an instant. */
export function localDateOf(instant: Date, tz: string): LocalDate {
  return new Date(wallClock(tz)(instant.getTime())).toISOString().slice(0, 10);
}

/** The community-local `HH:mm` of an instant. */
export function localTimeOf(instant: Date, tz: string): LocalTime {
  return new Date(wallClock(tz)(instant.getTime())).toISOString().slice(11, 16);
}

/**
 * The instant of a local date and time in `tz`. A time that does not exist (inside a spring-forward
 * gap) is moved forward by the gap: 02:30 on a 02:00→03:00 day is 03:30. A time that exists twice
 * (fall-back) is the first of the two. So every local time maps to exactly one instant.
 */
export function localToInstant(date: LocalDate, time: LocalTime, tz: string): Date {
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  const wall = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  const wallAt = wallClock(tz);
  const offsetAt = (t: number) => wallAt(t) - Math.floor(t / 1000) * 1000;
  // A day either side of the wall time (as UTC) is safely before / after any transition near it.
  const before = offsetAt(wall - DAY_MS);
  const after = offsetAt(wall + DAY_MS);
  const valid = [before, after].map((o) => wall - o).filter((t) => wallAt(t) === wall);
  if (valid.length > 0) return new Date(Math.min(...valid));
  // In the gap: read the wall time with the offset in force before the jump.
  return new Date(wall - before);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

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
function datesBetween(rule: NoticeRule, from: LocalDate, to: LocalDate): LocalDate[] {
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

function occurrenceAt(notice: NoticeDef, tz: string, date: LocalDate): Occurrence {
  return { noticeId: notice.id, date, startsAt: localToInstant(date, notice.rule.time, tz) };
}

/** Occurrences of a notice starting in `[fromInstant, toInstant)`, in order. */
export function occurrencesBetween(notice: NoticeDef, tz: string, fromInstant: Date, toInstant: Date): Occurrence[] {
  if (toInstant <= fromInstant) return [];
  // A day of margin either side: the gap shift can move a start across local midnight.
  const from = addDays(localDateOf(fromInstant, tz), -1);
  const to = addDays(localDateOf(toInstant, tz), 1);
  return datesBetween(notice.rule, from, to)
    .map((date) => occurrenceAt(notice, tz, date))
    .filter((o) => o.startsAt >= fromInstant && o.startsAt < toInstant);
}

/**
 * The first occurrence starting at or after `now` (an event already under way is not "next"), or
 * undefined when there is none in the next 12 years (a past `once`).
 */
export function nextOccurrence(notice: NoticeDef, tz: string, now: Date): Occurrence | undefined {
  const from = addDays(localDateOf(now, tz), -1);
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (let i = 0; i < HORIZON_MONTHS; i++) {
    for (const day of daysOfRuleInMonth(notice.rule, year, month)) {
      const date = ymd(year, month, day);
      if (date < from) continue;
      const occurrence = occurrenceAt(notice, tz, date);
      if (occurrence.startsAt >= now) return occurrence;
    }
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return undefined;
}

/** The occurrence on a local date (`2026-11-28`), or undefined when the notice has none that day. */
export function occurrenceOn(notice: NoticeDef, tz: string, date: LocalDate): Occurrence | undefined {
  if (!isLocalDate(date)) return undefined;
  const days = daysOfRuleInMonth(notice.rule, Number(date.slice(0, 4)), Number(date.slice(5, 7)));
  return days.includes(Number(date.slice(8, 10))) ? occurrenceAt(notice, tz, date) : undefined;
}

/** The instant a reminder of an occurrence falls due (`dayOffset` calendar days, local `time`). */
export function reminderTime(occurrence: Occurrence, reminder: ReminderSpec, tz: string): Date {
  return localToInstant(addDays(occurrence.date, reminder.dayOffset), reminder.time, tz);
}

function dueReminder(notice: NoticeDef, occurrence: Occurrence, spec: ReminderSpec, tz: string): DueReminder {
  return {
    noticeId: notice.id,
    date: occurrence.date,
    reminderId: spec.id,
    dueAt: reminderTime(occurrence, spec, tz),
    startsAt: occurrence.startsAt,
    key: reminderKey(notice.id, occurrence.date, spec.id),
  };
}

/**
 * Until when a reminder is still worth sending: before the event starts; or, for a reminder due at
 * or after the start (the bulletin published at 10:00 for a 10:00 "event"), until the end of the
 * reminder's local day.
 */
export function reminderDeadline(reminder: Pick<DueReminder, "dueAt" | "startsAt">, tz: string): Date {
  if (reminder.dueAt < reminder.startsAt) return reminder.startsAt;
  return localToInstant(addDays(localDateOf(reminder.dueAt, tz), 1), "00:00", tz);
}

const byDueAt = (a: DueReminder, b: DueReminder) =>
  a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Every reminder with `since < dueAt <= now` that is still useful at `now` (see
 * `reminderDeadline`: normally, the event has not begun), sorted by `dueAt`. A reminder missed while
 * the bot was down is therefore listed once the bot is back if still useful, and dropped otherwise.
 * The caller enqueues each `key` once ever (ticks may overlap).
 */
export function dueReminders(catalog: NoticeCatalog, since: Date, now: Date): DueReminder[] {
  if (now <= since) return [];
  const tz = catalog.timezone;
  const today = localDateOf(now, tz);
  // Reminder dates worth looking at: since's day to tomorrow, but none so old that its event has
  // surely begun (a reminder `lead` days before its event, plus a day of margin either side).
  const lead = Math.max(0, ...catalog.notices.flatMap((n) => n.reminders.map((r) => -r.dayOffset)));
  const sinceDay = addDays(localDateOf(since, tz), -1);
  const oldestUseful = addDays(today, -(lead + 2));
  const remFrom = sinceDay > oldestUseful ? sinceDay : oldestUseful;
  const remTo = addDays(today, 1);
  const out: DueReminder[] = [];
  for (const notice of catalog.notices) {
    if (notice.reminders.length === 0) continue;
    const offsets = notice.reminders.map((r) => r.dayOffset);
    const from = addDays(remFrom, -Math.max(...offsets));
    const to = addDays(remTo, -Math.min(...offsets));
    for (const date of datesBetween(notice.rule, from, to)) {
      const occurrence = occurrenceAt(notice, tz, date);
      for (const spec of notice.reminders) {
        const r = dueReminder(notice, occurrence, spec, tz);
        if (r.dueAt > since && r.dueAt <= now && now < reminderDeadline(r, tz)) out.push(r);
      }
    }
  }
  return out.sort(byDueAt);
}

/** The reminders of a notice's next occurrence (for `/sendnow`). */
export interface NextReminder {
  occurrence: Occurrence;
  /** Every reminder spec of that occurrence, sorted by `dueAt` (some may be past already). */
  reminders: DueReminder[];
  /** The first of them not yet due (`dueAt > now`), if any. */
  next: DueReminder | undefined;
}

/**
 * The next occurrence (`nextOccurrence`) with its reminders. `/sendnow` sends the notice's text for
 * this occurrence; the keys are those the scheduler uses, so a caller that wants the scheduled
 * reminder skipped afterwards can mark `next.key` as sent, or use a key of its own to keep both.
 */
export function nextReminder(notice: NoticeDef, tz: string, now: Date): NextReminder | undefined {
  const occurrence = nextOccurrence(notice, tz, now);
  if (!occurrence) return undefined;
  const reminders = notice.reminders.map((spec) => dueReminder(notice, occurrence, spec, tz)).sort(byDueAt);
  return { occurrence, reminders, next: reminders.find((r) => r.dueAt > now) };
}

/** The date a bulletin is published from: `publishOn`, or the 1st of its `YYYY-MM` id. */
export function bulletinDate(bulletin: Bulletin): LocalDate {
  return bulletin.publishOn ?? `${bulletin.id}-01`;
}

/**
 * The bulletin for an occurrence date: the one published that day, else the latest published
 * before it (so an issue keeps being the current one until the next is added); undefined when every
 * bulletin is later. Ties go to the greater id. Callers that must not repeat an issue compare ids.
 */
export function bulletinFor(catalog: Pick<NoticeCatalog, "bulletins">, date: LocalDate): Bulletin | undefined {
  let best: Bulletin | undefined;
  for (const b of catalog.bulletins) {
    const on = bulletinDate(b);
    if (on > date) continue;
    if (!best || on > bulletinDate(best) || (on === bulletinDate(best) && b.id > best.id)) best = b;
  }
  return best;
}
