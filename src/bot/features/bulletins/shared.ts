import type { InlineKeyboardMarkup } from "grammy/types";
import { bulletinDate } from "../../../domain/bulletins.js";
import { escapeHtml } from "../../../domain/html.js";
import type { Bulletin, BulletinFile, NoticeDef } from "../../../domain/notice.js";
import { localToInstant, occurrenceOn, reminderTime } from "../../../domain/recurrence.js";
import type { Locale } from "../../../domain/translate.js";
import { messageParts } from "../../../delivery/message-parts.js";
import type { BulletinRepo } from "../../../store/bulletin-repo.js";
import type { CatalogReader } from "../../../store/catalog-reader.js";
import type { ChatsRepo } from "../../../store/chats-repo.js";
import type { NoticesRepo } from "../../../store/notices-repo.js";
import type { DraftsRepo } from "../../../store/drafts-repo.js";
import type { BotContext } from "../../context.js";

export interface BulletinServices {
  repo: BulletinRepo;
  /** the time zone; a preview renders the reminder with the new issue among the others */
  catalog: CatalogReader;
  notices: Pick<NoticesRepo, "list">;
  /** staff see upcoming issues; a preview says how many receive it */
  chats: Pick<ChatsRepo, "activeSubscriberIds">;
  /** previews waiting for Confirm, where every instance (and a restart) finds them */
  drafts: DraftsRepo;
}

/** The notice that publishes the bulletin (`bulletin: true` in data/notices.json). */
export async function bulletinNotice(notices: Pick<NoticesRepo, "list">): Promise<NoticeDef | undefined> {
  return (await notices.list()).find((n) => n.bulletin);
}

const monthNames: Record<Locale, Intl.DateTimeFormat> = {
  zh: new Intl.DateTimeFormat("zh-CN", { year: "numeric", month: "long", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "long", timeZone: "UTC" }),
};

/** `2027-03` → `2027年3月` / `March 2027`. */
export function monthLabel(month: string, locale: Locale): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return monthNames[locale].format(new Date(Date.UTC(y, m - 1, 15)));
}

/** When residents get an issue: the bulletin notice's first reminder that day (else the day's start). */
export function releaseAt(notice: NoticeDef, bulletin: Bulletin, tz: string): Date {
  const date = bulletinDate(bulletin);
  const occurrence = occurrenceOn(notice, tz, date);
  const times = occurrence ? notice.reminders.map((r) => reminderTime(occurrence, r, tz).getTime()) : [];
  return times.length > 0 ? new Date(Math.min(...times)) : localToInstant(date, "00:00", tz);
}

/** Whether residents may read an issue: its time has come, or it was sent early (/sendnow). */
export async function isReleased(s: BulletinServices, notice: NoticeDef, bulletin: Bulletin, now: Date): Promise<boolean> {
  return releaseAt(notice, bulletin, s.catalog.timezone) <= now || (await s.repo.sent(bulletinDate(bulletin)));
}

/** An issue to read again: its month and title, then its text (HTML, escaped). */
export function issueHtml(ctx: BotContext, notice: NoticeDef, bulletin: Bulletin, locale: Locale): string {
  const head = ctx.t("bulletin-issue-head", { notice: escapeHtml(notice.title[locale]), month: monthLabel(bulletin.id, locale) });
  const title = `<b>${escapeHtml(bulletin.title[locale])}</b>`;
  const body = bulletin.body[locale].trim();
  return body === "" ? `${head}\n${title}` : `${head}\n${title}\n\n${escapeHtml(body)}`;
}

/**
 * Sends an HTML text, or a file by file_id with it as caption, split as the sender splits it
 * (a caption over Telegram's limit: the file alone, then the text). The keyboard goes on the last.
 */
export async function replyParts(
  ctx: BotContext,
  html: string,
  file: BulletinFile | undefined,
  keyboard?: InlineKeyboardMarkup,
): Promise<void> {
  const parts = messageParts(html, file ? { type: file.type, fileId: file.fileId } : undefined);
  for (const [i, part] of parts.entries()) {
    const extra = i === parts.length - 1 && keyboard ? { reply_markup: keyboard } : {};
    if (!part.media) await ctx.reply(part.text, extra);
    else {
      const captioned = part.text === "" ? extra : { ...extra, caption: part.text };
      if (part.media.type === "photo") await ctx.replyWithPhoto(part.media.fileId, captioned);
      else await ctx.replyWithDocument(part.media.fileId, captioned);
    }
  }
}

