import type { I18n } from "@grammyjs/i18n";
import { escapeHtml } from "../domain/html.js";
import type { NoticeCatalog } from "../domain/notice.js";
import { formatDate } from "../domain/notice-text.js";
import { nextOccurrence } from "../domain/recurrence.js";
import type { Locale } from "../domain/translate.js";
import type { BotContext } from "./context.js";

/**
 * The answer to "下次卫生日是哪天" / "when is the next cleanup day": one notice's next date and
 * place, or every notice's when none is named. HTML-safe.
 */
export function createNextNoticeAnswer(catalog: NoticeCatalog, i18n: I18n<BotContext>, now: () => Date) {
  const tz = catalog.timezone;
  return (noticeId: string | undefined, locale: Locale): string | undefined => {
    const notices = noticeId ? catalog.notices.filter((n) => n.id === noticeId) : catalog.notices;
    if (notices.length === 0) return undefined;
    const at = now();
    const lines = notices.map((notice) => {
      const title = escapeHtml(notice.title[locale]);
      const occurrence = nextOccurrence(notice, tz, at);
      if (!occurrence) return i18n.t(locale, "notices-next-none", { title });
      const date = escapeHtml(formatDate(occurrence.startsAt, tz, locale));
      if (!notice.place) return i18n.t(locale, "notices-next-line", { title, date });
      return i18n.t(locale, "notices-next-line-place", { title, date, place: escapeHtml(notice.place[locale]) });
    });
    return lines.join("\n");
  };
}
