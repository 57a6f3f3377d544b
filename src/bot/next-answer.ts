import type { I18n } from "@grammyjs/i18n";
import { escapeHtml } from "../domain/html.js";
import type { NoticeDef, Occurrence } from "../domain/notice.js";
import { formatDate } from "../domain/notice-text.js";
import { nextOccurrence } from "../domain/recurrence.js";
import type { Locale, Translate } from "../domain/translate.js";
import type { NoticesRepo } from "../store/notices-repo.js";
import type { BotContext } from "./context.js";

/**
 * The answer to "下次卫生日是哪天" / "when is the next cleanup day": one notice's next date and
 * place, or every notice's when none is named. HTML-safe.
 */
export function createNextNoticeAnswer(repo: Pick<NoticesRepo, "list">, tz: string, i18n: I18n<BotContext>, now: () => Date) {
  return async (noticeId: string | undefined, locale: Locale): Promise<string | undefined> => {
    const all = await repo.list();
    const notices = noticeId ? all.filter((n) => n.id === noticeId) : all;
    if (notices.length === 0) return undefined;
    const at = now();
    const t: Translate = (key, args) => i18n.t(locale, key, args);
    // soonest first, as /next lists them; notices with nothing planned last
    const dated = notices.map((notice) => ({ notice, next: nextOccurrence(notice, tz, at) }));
    dated.sort((a, b) => (a.next?.startsAt.getTime() ?? Infinity) - (b.next?.startsAt.getTime() ?? Infinity));
    return dated.map(({ notice, next }) => nextNoticeLine(notice, next, tz, locale, t)).join("\n");
  };
}

/** One notice's next date (and place), as /next and the answers to questions show it. HTML-safe. */
export function nextNoticeLine(notice: NoticeDef, occurrence: Occurrence | undefined, tz: string, locale: Locale, t: Translate): string {
  const title = escapeHtml(notice.title[locale]);
  if (!occurrence) return t("notices-next-none", { title });
  const date = escapeHtml(formatDate(occurrence.startsAt, tz, locale));
  if (!notice.place) return t("notices-next-line", { title, date });
  return t("notices-next-line-place", { title, date, place: escapeHtml(notice.place[locale]) });
}
