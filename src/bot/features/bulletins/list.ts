import { InlineKeyboard } from "grammy";
import { escapeHtml, truncate } from "../../../domain/html.js";
import type { Bulletin } from "../../../domain/notice.js";
import { formatDate } from "../../../domain/notice-text.js";
import type { BotContext } from "../../context.js";
import { bulletinNotice, isReleased, issueHtml, monthLabel, releaseAt, replyParts, type BulletinServices } from "./shared.js";
import { senderIsStaff } from "../../guards.js";

/** Past issues listed at most (the latest); upcoming ones are always listed. */
const MAX_PAST = 12;

/**
 * /bulletins (anyone): the issues published so far, latest first, and those to come, each with a
 * button that opens it again. An issue whose date has not come is listed with its date only:
 * residents read it when it is sent (staff may open it to check).
 */
export async function listBulletins(ctx: BotContext, s: BulletinServices): Promise<void> {
  const notice = await bulletinNotice(s.notices);
  const all = await s.repo.list();
  if (!notice || all.length === 0) {
    await ctx.reply(ctx.t("bulletin-list-empty"));
    return;
  }
  const now = ctx.deps.now();
  const tz = s.catalog.timezone;
  const staff = await senderIsStaff(ctx);
  const past: Bulletin[] = [];
  const upcoming: Bulletin[] = [];
  for (const b of all) ((await isReleased(s, notice, b, now)) ? past : upcoming).push(b);
  past.reverse();
  const shownPast = past.slice(0, MAX_PAST);
  const locale = ctx.locale;
  const lines = [ctx.t("bulletin-list-title", { notice: escapeHtml(notice.title[locale]) })];
  const keyboard = new InlineKeyboard();
  const button = (id: string, title: string) => keyboard.text(`📖 ${monthLabel(id, locale)} · ${truncate(title, 18)}`, `bl:o:${id}`).row();
  if (shownPast.length > 0) lines.push("", ctx.t("bulletin-list-past"));
  for (const b of shownPast) {
    lines.push(ctx.t("bulletin-list-item", { month: monthLabel(b.id, locale), title: escapeHtml(b.title[locale]) }));
    button(b.id, b.title[locale]);
  }
  if (past.length > shownPast.length) lines.push(ctx.t("bulletin-list-more", { n: past.length - shownPast.length }));
  if (upcoming.length > 0) lines.push("", ctx.t("bulletin-list-upcoming"));
  for (const b of upcoming) {
    const when = formatDate(releaseAt(notice, b, tz), tz, locale);
    const args = { month: monthLabel(b.id, locale), when, title: escapeHtml(b.title[locale]) };
    lines.push(ctx.t(staff ? "bulletin-list-item-upcoming-staff" : "bulletin-list-item-upcoming", args));
    if (staff) button(b.id, b.title[locale]);
  }
  lines.push("", ctx.t(keyboard.inline_keyboard.length > 0 ? "bulletin-list-footer" : "bulletin-list-footer-none"));
  await ctx.reply(lines.join("\n"), keyboard.inline_keyboard.length > 0 ? { reply_markup: keyboard } : {});
}

/** A button of the list: the issue again, in the reader's language, as text parts or as its file. */
export async function openBulletin(ctx: BotContext, s: BulletinServices, id: string): Promise<void> {
  const notice = await bulletinNotice(s.notices);
  const bulletin = await s.repo.get(id);
  if (!notice || !bulletin) {
    await ctx.answerCallbackQuery({ text: ctx.t("bulletin-open-unknown"), show_alert: true });
    return;
  }
  const staff = await senderIsStaff(ctx);
  if (!staff && !(await isReleased(s, notice, bulletin, ctx.deps.now()))) {
    const when = formatDate(releaseAt(notice, bulletin, s.catalog.timezone), s.catalog.timezone, ctx.locale);
    await ctx.answerCallbackQuery({ text: ctx.t("bulletin-open-not-yet", { when }), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  const locale = ctx.locale;
  await replyParts(ctx, issueHtml(ctx, notice, bulletin, locale), bulletin.file?.[locale]);
}
