import { Composer } from "grammy";
import { escapeHtml } from "../../../domain/html.js";
import { isLocalDate } from "../../../domain/recurrence.js";
import { parseAttendanceCallback } from "../../../domain/signups/buttons.js";
import { hasStarted, occurrenceId as makeOccurrenceId } from "../../../domain/signups/index.js";
import { noticeNameList, resolveNoticeName, splitNoticeArgs } from "../../../domain/notice-names.js";
import type { SignupOccurrence } from "../../../store/signup-repo.js";
import type { BotContext } from "../../context.js";
import { commandArgs, staffOnly } from "../../guards.js";
import { occurrenceArgs, type SignupFeatureServices } from "./shared.js";
import { shorten, signupList } from "./staff-list.js";
import { recordWalkIns, takeWalkIns } from "./walk-ins.js";
import { FlatComposer } from "../../flat-composer.js";

// other features import this from here
export { shorten } from "./staff-list.js";

/**
 * Staff: `/signups <notice-id> [date]` (private chat only: it shows residents' names), attendance
 * buttons on that list, `/attended <notice-id> [date] <user-id…>`, `/party <user-id> on|off`.
 * Without a date, the occurrence is the next one, or one that started less than a day ago.
 * Attendance is taken only once the occurrence has started: it feeds the campaign's figures.
 */
export function createStaffHandlers(services: SignupFeatureServices): Composer<BotContext> {
  const { repo } = services;
  const feature = new FlatComposer<BotContext>();
  /** The notices taking sign-ups, by id and name in the reader's language. */
  const ids = (ctx: BotContext) => escapeHtml(noticeNameList(repo.notices, ctx.locale));

  /** Resolves `<notice id or name> [date]` or replies why not. */
  const resolve = async (ctx: BotContext, name: string, date: string | undefined): Promise<SignupOccurrence | undefined> => {
    const notice = resolveNoticeName(name, repo.notices);
    if (!notice) {
      await ctx.reply(name ? ctx.t("signup-unknown-notice", { id: escapeHtml(shorten(name, 40)), ids: ids(ctx) }) : ctx.t("signup-list-usage", { ids: ids(ctx) }));
      return undefined;
    }
    const id = notice.id;
    const occ = date === undefined ? repo.current(id, ctx.deps.now()) : repo.occurrence(makeOccurrenceId(id, date));
    if (!occ) await ctx.reply(ctx.t("signup-no-occurrence", { id, date: date ?? "" }));
    return occ;
  };

  /** Why attendance cannot be taken yet (the start is still ahead), or undefined once it started. */
  const notStarted = (ctx: BotContext, occ: SignupOccurrence, escape: boolean): string | undefined =>
    hasStarted(occ.startsAt, ctx.deps.now()) ? undefined : ctx.t("signup-attendance-not-started", occurrenceArgs(occ, ctx.deps.timezone, ctx.locale, escape));

  const attended = async (ctx: BotContext, occ: SignupOccurrence, userIds: number[], mark: boolean) => {
    const { changed } = await repo.markAttended(ctx.from?.id ?? 0, occ.occurrenceId, userIds, mark);
    // an unmark takes the campaign's records back too, or a mistaken mark would count for ever
    if (changed.length > 0 && services.onAttendance) {
      try {
        const remaining = (await repo.summary(occ.occurrenceId)).attended.length;
        await services.onAttendance(occ.noticeId, { date: occ.date, startsAt: occ.startsAt.toISOString() }, changed, { attended: mark, remaining });
      } catch (err) {
        ctx.deps.log.error({ err, occurrenceId: occ.occurrenceId }, "attendance did not reach the campaign");
      }
    }
    return changed;
  };

  const list = (ctx: BotContext, occ: SignupOccurrence) => signupList(ctx, repo, services.users, occ);

  feature.command("signups", staffOnly, async (ctx) => {
    if (ctx.chat.type !== "private") {
      await ctx.reply(ctx.t("signup-private-only"));
      return;
    }
    const { name, rest: [date, ...rest] } = splitNoticeArgs(commandArgs(ctx).split(/\s+/).filter(Boolean));
    if (rest.length > 0 || (date !== undefined && !isLocalDate(date))) {
      await ctx.reply(ctx.t("signup-list-usage", { ids: ids(ctx) }));
      return;
    }
    const occ = await resolve(ctx, name, date);
    if (!occ) return;
    const { text, reply_markup } = await list(ctx, occ);
    await ctx.reply(text, { reply_markup });
  });

  feature.callbackQuery(/^at:/, staffOnly, async (ctx) => {
    const parsed = parseAttendanceCallback(ctx.callbackQuery.data);
    const occ = parsed && repo.occurrence(parsed.occurrenceId);
    if (!parsed || !occ) {
      await ctx.answerCallbackQuery({ text: ctx.t("signup-invalid"), show_alert: true });
      return;
    }
    // such a button is never shown before the start, but old or forged data can still arrive
    const early = notStarted(ctx, occ, false);
    if (early) {
      await ctx.answerCallbackQuery({ text: shorten(early, 200), show_alert: true });
      return;
    }
    await attended(ctx, occ, [parsed.userId], parsed.attended);
    await ctx.answerCallbackQuery({ text: ctx.t(parsed.attended ? "signup-attendance-on" : "signup-attendance-off") });
    if (ctx.chat?.type !== "private") return;
    const { text, reply_markup } = await list(ctx, occ);
    await ctx.editMessageText(text, { reply_markup }).catch((err: unknown) => {
      if (!String((err as { description?: string }).description).includes("message is not modified")) throw err;
    });
  });

  feature.command("attended", staffOnly, async (ctx) => {
    // the notice by id or by name of several words ("pest control"), then [date], then user ids and/or +N walk-ins
    const { name, rest } = splitNoticeArgs(commandArgs(ctx).split(/\s+/).filter(Boolean));
    const date = rest[0] !== undefined && isLocalDate(rest[0]) ? rest[0] : undefined;
    const { rest: userArgs, count: walkIns } = takeWalkIns(rest.slice(date === undefined ? 0 : 1));
    if (!name || Number.isNaN(walkIns) || (userArgs.length === 0 && walkIns === undefined) || userArgs.some((u) => !/^[1-9]\d{0,14}$/.test(u))) {
      await ctx.reply(ctx.t("signup-attended-usage"));
      return;
    }
    const occ = await resolve(ctx, name, date);
    if (!occ) return;
    const early = notStarted(ctx, occ, true);
    if (early) {
      await ctx.reply(early);
      return;
    }
    const changed = userArgs.length > 0 ? await attended(ctx, occ, userArgs.map(Number), true) : [];
    const total = (await repo.summary(occ.occurrenceId)).attended.length;
    if (userArgs.length > 0) await ctx.reply(ctx.t("signup-attended-done", { ...occurrenceArgs(occ, ctx.deps.timezone, ctx.locale), count: changed.length, total }));
    if (walkIns !== undefined) await ctx.reply(await recordWalkIns(ctx, services.onWalkIns, occ, walkIns, total));
  });

  feature.command("party", staffOnly, async (ctx) => {
    // it names a resident by id and what they are: not for a group's eyes
    if (ctx.chat.type !== "private") {
      await ctx.reply(ctx.t("group-private-only"));
      return;
    }
    const [idText, flag, ...rest] = commandArgs(ctx).split(/\s+/).filter(Boolean);
    if (!idText || !/^\d{1,15}$/.test(idText) || (flag !== "on" && flag !== "off") || rest.length > 0) {
      await ctx.reply(ctx.t("signup-party-usage"));
      return;
    }
    // ids are stored as written by Telegram: "007" names nobody
    const known = String(Number(idText)) === idText && (await services.users.setPartyMember(Number(idText), flag === "on"));
    await ctx.reply(ctx.t(known ? (flag === "on" ? "signup-party-on" : "signup-party-off") : "signup-party-unknown", { id: idText }));
  });

  return feature;
}
