import type { Locale, Localized } from "./translate.js";

/** A local wall-clock time, `HH:mm`, 24-hour (`"08:30"`, `"19:00"`). */
export type LocalTime = string;
/** A calendar date in the community time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

/** 1st…4th or the last (`-1`) given weekday of a month. */
export type NthOfMonth = 1 | 2 | 3 | 4 | -1;
/** 0 = Sunday … 6 = Saturday (as `Date#getDay`). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** e.g. the last Saturday of every month at 08:30. */
export interface MonthlyNthWeekdayRule {
  kind: "monthly-nth-weekday";
  nth: NthOfMonth;
  weekday: Weekday;
  time: LocalTime;
}

/**
 * A fixed day of the month, optionally only in some months (1–12; default every month).
 * A month that does not have that day (31 in April, 29–31 in February) is skipped, not moved.
 */
export interface MonthlyDayRule {
  kind: "monthly-day";
  day: number;
  months?: number[];
  time: LocalTime;
}

/** Every week on one weekday. */
export interface WeeklyRule {
  kind: "weekly";
  weekday: Weekday;
  time: LocalTime;
}

/** A single dated event. */
export interface OnceRule {
  kind: "once";
  date: LocalDate;
  time: LocalTime;
}

/**
 * When a notice's event happens, in the community's time zone. A new kind is added here, in
 * `daysOfRuleInMonth` (occurrences.ts) and in the store's schema; the compiler points at the rest.
 */
export type NoticeRule = MonthlyNthWeekdayRule | MonthlyDayRule | WeeklyRule | OnceRule;
export type NoticeRuleKind = NoticeRule["kind"];

/**
 * One reminder sent for every occurrence: `dayOffset` days relative to the event's local date
 * (0 = the event day, -1 = the day before) at the local `time`. `id` is unique within the notice and
 * is part of the idempotency key, so it must not be renamed once reminders were sent.
 */
export interface ReminderSpec {
  id: string;
  dayOffset: number;
  time: LocalTime;
}

/** Volunteer/attendee sign-up settings of a notice. */
export interface SignupSpec {
  enabled: boolean;
  /** Places per occurrence; absent = unlimited (no waitlist). */
  capacity?: number;
  /** A different capacity for particular occurrences, by date (`YYYY-MM-DD`), e.g. a smaller room. */
  capacityByDate?: Record<string, number>;
  /** Sign-ups close this many minutes before the start. */
  cutoffMinutes?: number;
  /** Those signed up get a personal reminder this many minutes before the start. */
  personalReminderMinutes?: number;
}

/**
 * A scheduled notice (data, from `data/notices.json`). `text` is the reminder body, PLAIN TEXT (not
 * HTML), with placeholders filled by `renderNoticeText` (see `NOTICE_PLACEHOLDERS` in
 * notice-text.ts). `bulletin: true` means each occurrence publishes the bulletin chosen by
 * `bulletinFor`.
 */
export interface NoticeDef {
  id: string;
  title: Localized;
  text: Localized;
  place?: Localized;
  rule: NoticeRule;
  durationMinutes: number;
  reminders: ReminderSpec[];
  signup?: SignupSpec;
  bulletin?: boolean;
  /**
   * Dates the rule yields but the event does not happen (a holiday, bad weather): no occurrence,
   * so no reminder, no sign-ups, not in /next. Staff add one to data/notices.json and restart.
   */
  skip?: LocalDate[];
  /** Paused from the chat (/events): no occurrence at all (no reminder, no sign-up) until resumed. */
  paused?: boolean;
  /** Compound ids the notice goes to (a one-off event's `to=`); absent = everyone. */
  to?: string[];
  /**
   * Dates staff moved (`/move`, kept in the store, merged in by `withDateOverrides`): the rule's
   * date `from` does not happen; the occurrence happens on `to` at `time` instead.
   */
  moves?: DateMove[];
}

/**
 * One moved occurrence. `from` is the date the rule yields; `to` where it is now; `via` the dates it
 * was on in between (moved twice), so sign-ups logged under any of them follow it.
 */
export interface DateMove {
  from: LocalDate;
  to: LocalDate;
  time: LocalTime;
  via?: LocalDate[];
}

/** A photo or PDF sent by its Telegram file_id: the issue is that file, its text the caption. */
export interface BulletinFile {
  type: "photo" | "document";
  fileId: string;
  fileName?: string;
}

/**
 * One issue of the health bulletin (`data/bulletins/<id>.json`, or published by staff with
 * /bulletin). `id` is the month, `YYYY-MM`; it is published from `publishOn`, default the
 * 1st of that month. Text is plain text. Where staff gave one language only, both hold it.
 */
export interface Bulletin {
  id: string;
  publishOn?: LocalDate;
  title: Localized;
  body: Localized;
  /** per language, the file its readers get (with the text as caption); none: a text issue */
  file?: Partial<Record<Locale, BulletinFile>>;
  /** the languages given (absent: a data file, both) */
  languages?: Locale[];
  /** the staff member who published it from the chat (absent: a data file) */
  publishedBy?: number;
}

/** Everything scheduled, as loaded from `data/`. `timezone` is an IANA name (`Asia/Shanghai`). */
export interface NoticeCatalog {
  timezone: string;
  notices: NoticeDef[];
  bulletins: Bulletin[];
}

/** One occurrence of a notice's event. */
export interface Occurrence {
  noticeId: string;
  /** The community-local calendar date of the event. */
  date: LocalDate;
  /** The instant the event starts. */
  startsAt: Date;
}

/** One reminder of one occurrence, with the instant it falls due. */
export interface DueReminder {
  noticeId: string;
  date: LocalDate;
  reminderId: string;
  dueAt: Date;
  startsAt: Date;
  /** `${noticeId}:${date}:${reminderId}` — enqueue each key once, ever. */
  key: string;
}

/** The idempotency key of one reminder of one occurrence. */
export function reminderKey(noticeId: string, date: LocalDate, reminderId: string): string {
  return `${noticeId}:${date}:${reminderId}`;
}
