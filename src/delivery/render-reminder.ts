import { escapeHtml } from "../domain/html.js";
import type { Bulletin, DueReminder, NoticeCatalog, NoticeDef } from "../domain/notice.js";
import { formatDate, renderNoticeText } from "../domain/notice-text.js";
import { bulletinFor, occurrenceOn, occurrencesBetween } from "../domain/recurrence.js";
import type { Locale, Localized, Translate } from "../domain/translate.js";
import type { EnqueueInput } from "../store/outbox-repo.js";

/** What a reminder needs to know of its notice and occurrence. */
export type ReminderRef = Pick<DueReminder, "noticeId" | "date">;

const YEAR_MS = 366 * 86_400_000;

/** The notice of a reminder; throws if the catalog no longer has it. */
function noticeOf(catalog: NoticeCatalog, noticeId: string): NoticeDef {
  const notice = catalog.notices.find((n) => n.id === noticeId);
  if (!notice) throw new Error(`unknown notice "${noticeId}"`);
  return notice;
}

/**
 * The bulletin a bulletin notice publishes on an occurrence date, and whether it is a new issue
 * (not the one the previous occurrence already published). `undefined` bulletin: none published yet.
 */
export function reminderBulletin(
  catalog: NoticeCatalog,
  ref: ReminderRef,
  tz: string,
): { bulletin: Bulletin | undefined; fresh: boolean } {
  const bulletin = bulletinFor(catalog, ref.date);
  if (!bulletin) return { bulletin, fresh: false };
  const notice = noticeOf(catalog, ref.noticeId);
  const occurrence = occurrenceOn(notice, tz, ref.date);
  if (!occurrence) return { bulletin, fresh: true };
  const earlier = occurrencesBetween(notice, tz, new Date(occurrence.startsAt.getTime() - YEAR_MS), occurrence.startsAt);
  const previous = earlier.at(-1);
  return { bulletin, fresh: !previous || bulletinFor(catalog, previous.date)?.id !== bulletin.id };
}

/**
 * The reminder message of one occurrence of a notice, in one language, as HTML: the title, the date
 * and place, then the notice's text (with the current bulletin for a bulletin notice). Everything
 * from data is escaped. Used by the scheduler and by /sendnow, so both send the same words.
 */
export function renderReminder(catalog: NoticeCatalog, due: ReminderRef, locale: Locale, t: Translate, tz: string): string {
  const notice = noticeOf(catalog, due.noticeId);
  const occurrence = occurrenceOn(notice, tz, due.date);
  if (!occurrence) throw new Error(`${notice.id} has no occurrence on ${due.date}`);
  const bulletin = notice.bulletin ? bulletinFor(catalog, due.date) : undefined;
  const lines = [t("notices-reminder-title", { title: escapeHtml(notice.title[locale]) })];
  lines.push(t("notices-reminder-date", { date: escapeHtml(formatDate(occurrence.startsAt, tz, locale)) }));
  if (notice.place) lines.push(t("notices-reminder-place", { place: escapeHtml(notice.place[locale]) }));
  const body = renderNoticeText(notice, occurrence, tz, locale, bulletin);
  return `${lines.join("\n")}\n\n${escapeHtml(body)}`;
}

/**
 * The files a reminder sends with its text, per language: a bulletin notice's issue given as a photo
 * or PDF goes out as that file (by file_id), its text as the caption. Undefined for a text reminder.
 */
export function reminderMedia(catalog: NoticeCatalog, due: ReminderRef): EnqueueInput["media"] {
  const notice = noticeOf(catalog, due.noticeId);
  const file = notice.bulletin ? bulletinFor(catalog, due.date)?.file : undefined;
  if (!file) return undefined;
  const media: { zh?: { type: "photo" | "document"; fileId: string }; en?: { type: "photo" | "document"; fileId: string } } = {};
  for (const locale of ["zh", "en"] as const) {
    const f = file[locale];
    if (f) media[locale] = { type: f.type, fileId: f.fileId };
  }
  return media;
}

/** `renderReminder` in both languages (what the outbox stores). */
export function renderReminderBoth(
  catalog: NoticeCatalog,
  due: ReminderRef,
  translators: Record<Locale, Translate>,
  tz: string,
): Localized {
  return {
    zh: renderReminder(catalog, due, "zh", translators.zh, tz),
    en: renderReminder(catalog, due, "en", translators.en, tz),
  };
}
