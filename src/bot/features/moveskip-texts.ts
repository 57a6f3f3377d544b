/** The words of /move and /skip: errors, previews, and what those signed up are told. */
import type { DateProblem } from "../../domain/date-overrides.js";
import { escapeHtml } from "../../domain/html.js";
import type { LocalDate, NoticeDef } from "../../domain/notice.js";
import { formatDate } from "../../domain/notice-text.js";
import { noticeNameList } from "../../domain/notice-names.js";
import { addDays, localDateOf } from "../../domain/zoned-time.js";
import { noticeDatesBetween } from "../../domain/occurrences.js";
import type { Locale, Localized, Translate } from "../../domain/translate.js";

/** How many upcoming dates an error lists. */
const LISTED_DATES = 4;
/** How far ahead those dates are looked for. */
const LOOK_AHEAD_DAYS = 400;

/** A notice's title in a language, escaped. */
export const titleOf = (notice: NoticeDef, locale: Locale): string => escapeHtml(notice.title[locale]);

/** The known ids, for an error (escaped). */
export const idList = (notices: readonly NoticeDef[], locale: Locale): string => escapeHtml(noticeNameList(notices, locale));

/** The next dates a notice has from today, for an error or a prompt. */
export function upcomingDates(t: Translate, notice: NoticeDef, tz: string, now: Date): string {
  const today = localDateOf(now, tz);
  const dates = noticeDatesBetween(notice, today, addDays(today, LOOK_AHEAD_DAYS)).slice(0, LISTED_DATES);
  return dates.length > 0 ? dates.join(", ") : t("moveskip-no-dates");
}

/** The message for a date problem, in the reader's language. */
export function problemText(t: Translate, problem: DateProblem, args: { notice: NoticeDef; locale: Locale; tz: string; now: Date; value: string; when?: Date }): string {
  const { notice, locale, tz, now, value } = args;
  const title = titleOf(notice, locale);
  switch (problem) {
    case "bad-date":
      return t("moveskip-bad-date", { value: escapeHtml(value) });
    case "bad-time":
      return t("moveskip-bad-time", { value: escapeHtml(value) });
    case "not-a-date":
      return t("moveskip-not-a-date", { title, date: value, dates: upcomingDates(t, notice, tz, now) });
    case "past":
      return t("moveskip-past", { title, date: value });
    case "to-past":
      return t("moveskip-to-past", { when: args.when ? formatDate(args.when, tz, locale) : escapeHtml(value) });
    case "same":
      return t("moveskip-same", { date: value });
    case "taken":
      return t("moveskip-taken", { title, date: value });
  }
}

/** What those signed up for a moved date are told, in both languages. */
export function toldMove(translators: (l: Locale) => Translate, notice: NoticeDef, tz: string, from: Date, to: Date): Localized {
  const one = (l: Locale) => translators(l)("moveskip-told-move", { title: titleOf(notice, l), from: formatDate(from, tz, l), to: formatDate(to, tz, l) });
  return { zh: one("zh"), en: one("en") };
}

/** What those signed up for a skipped date are told, with the reason as staff typed it. */
export function toldSkip(translators: (l: Locale) => Translate, notice: NoticeDef, date: LocalDate, reason: string | undefined): Localized {
  const one = (l: Locale) => {
    const t = translators(l);
    return t("moveskip-told-skip", { title: titleOf(notice, l), date: formatDate(date, "UTC", l), reason: reason ? escapeHtml(reason) : t("moveskip-no-reason") });
  };
  return { zh: one("zh"), en: one("en") };
}

/** How to move or skip a date of a notice (the /events menu's start), with its next dates. */
export function promptText(t: Translate, kind: "move" | "skip", notice: NoticeDef, at: { locale: Locale; tz: string; now: Date }): string {
  const dates = upcomingDates(t, notice, at.tz, at.now);
  return t(kind === "move" ? "moveskip-prompt-move" : "moveskip-prompt-skip", { title: titleOf(notice, at.locale), id: escapeHtml(notice.id), dates });
}
