/** When the reminders of notice occurrences fall due, and which are still worth sending. */
import type { DueReminder, NoticeCatalog, NoticeDef, Occurrence, ReminderSpec } from "./notice.js";
import { reminderKey } from "./notice.js";
import { addDays, localDateOf, localToInstant } from "./zoned-time.js";
import { nextOccurrence, noticeDatesBetween, occurrenceAt } from "./occurrences.js";

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
    for (const date of noticeDatesBetween(notice, from, to)) {
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
