/**
 * Local dates (`YYYY-MM-DD`) and times (`HH:mm`) in the community time zone: validation, calendar
 * arithmetic and conversion to and from instants.
 */
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import type { LocalDate, LocalTime } from "./notice.js";

// Only calendar arithmetic on `YYYY-MM-DD` goes through dayjs (in UTC, so no zone can shift a
// day). Zone conversions are done here with Intl: dayjs.tz is wrong for local times inside a DST gap.
dayjs.extend(utc);

const DAY_MS = 86_400_000;

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

/** The number of days (28–31) of `year`-`month` (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
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
