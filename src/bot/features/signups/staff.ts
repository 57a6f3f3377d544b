import type { Composer } from "grammy";
import { FlatComposer } from "../../flat-composer.js";
import { escapeHtml, MAX_MESSAGE_LENGTH, truncate } from "../../../domain/html.js";
import { isLocalDate } from "../../../domain/recurrence.js";
import { attendanceCallbackData, parseAttendanceCallback, type InlineKeyboardMarkup } from "../../../domain/signups/buttons.js";
import { hasStarted, occurrenceId as makeOccurrenceId } from "../../../domain/signups/index.js";
import type { SignupOccurrence } from "../../../store/signup-repo.js";
import type { Db } from "../../../store/schema.js";
import type { BotContext } from "../../context.js";
import { commandArgs, staffOnly } from "../../guards.js";
import { occurrenceArgs, type SignupFeatureServices } from "./shared.js";
import { recordWalkIns, takeWalkIns } from "./walk-ins.js";

/** People listed (and given an attendance button) on one /signups message; the rest: /attended, /export. */
const LIST_LIMIT = 60;

/** Room kept under Telegram's 4,096 characters for the counts and the closing hint of /signups. */
const LIST_BUDGET = MAX_MESSAGE_LENGTH - 400;

/** At most `max` characters, cut between code points (half an emoji is invalid UTF-8 to Telegram). */
export function shorten(text: string, max: number): string {
  return truncate(text, max - 1, max);
}

/** A resident's name for staff, not escaped: `王芳 (@wangfang)`, or `#id` once forgotten. */
export function displayName(db: Db, userId: number): string {
  const u = db.users[String(userId)];
  if (!u) return `#${userId}`;
  const name = [u.firstName, u.lastName].filter(Boolean).join(" ");
  return u.username ? `${name} (@${u.username})` : name;
}

/**
 * Staff: `/signups <notice-id> [date]` (private chat only: it shows residents' names), attendance
 * buttons on that list, `/attended <notice-id> [date] <user-id…>`, `/party <user-id> on|off`.
 * Without a date, the occurrence is the next one, or one that started less than a day ago.
 * Attendance is taken only once the occurrence has started: it feeds the campaign's figures.
 */
export function createStaffHandlers(services: SignupFeatureServices): Composer<BotContext> {
  const { repo } = services;
  const feature = new FlatComposer<BotContext>();
  const ids = () => repo.notices.map((n) => n.id).join(", ");

  /** Resolves `<notice-id> [date]` or replies why not. */
  const resolve = async (ctx: BotContext, id: string | undefined, date: string | undefined): Promise<SignupOccurrence | undefined> => {
    if (!id || !repo.notices.some((n) => n.id === id)) {
      await ctx.reply(id ? ctx.t("signup-unknown-notice", { id: escapeHtml(shorten(id, 40)), ids: ids() }) : ctx.t("signup-list-usage", { ids: ids() }));
      return undefined;
    }
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
        const remaining = repo.summary(occ.occurrenceId).attended.length;
        await services.onAttendance(occ.noticeId, { date: occ.date, startsAt: occ.startsAt.toISOString() }, changed, { attended: mark, remaining });
      } catch (err) {
        ctx.deps.log.error({ err, occurrenceId: occ.occurrenceId }, "attendance did not reach the campaign");
      }
    }
    return changed;
  };

  const list = (ctx: BotContext, occ: SignupOccurrence): { text: string; reply_markup: InlineKeyboardMarkup } => {
    const db = ctx.deps.store.data;
    const s = repo.summary(occ.occurrenceId);
    const marked = new Map(s.attended.map((a) => [a.userId, a]));
    // no buttons before the start: a mark then would count an event that has not happened
    const open = hasStarted(occ.startsAt, ctx.deps.now());
    const lines = [
      ctx.t("signup-list-title", occurrenceArgs(occ, ctx.deps.timezone, ctx.locale)),
      ctx.t("signup-list-counts", {
        confirmed: s.confirmed.length, heads: s.heads, capacity: occ.capacity ?? "none", waiting: s.waitingHeads, attended: s.attendedHeads,
      }),
    ];
    const people: number[] = [];
    // names are typed by residents (up to 64 + 64 characters, more once escaped): stop before 4,096
    let size = lines.reduce((n, l) => n + l.length + 1, 0);
    let full = false;
    const section = (key: string, entries: Array<{ userId: number; headcount: number; position: number }>) => {
      if (entries.length === 0 || full) return;
      const header = ctx.t(key);
      lines.push("", header);
      size += header.length + 2;
      for (const e of entries) {
        const heads = e.headcount > 1 ? ` ×${e.headcount}` : "";
        const line = `${e.position}. ${escapeHtml(shorten(displayName(db, e.userId), 48))} <code>${e.userId}</code>${heads}${marked.has(e.userId) ? " ✅" : ""}`;
        if (people.length >= LIST_LIMIT || size + line.length + 1 > LIST_BUDGET) {
          full = true;
          break;
        }
        people.push(e.userId);
        lines.push(line);
        size += line.length + 1;
      }
    };
    section("signup-list-confirmed", s.confirmed);
    section("signup-list-waitlist", s.waitlist);
    section("signup-list-walkins", s.attended.filter((a) => a.walkIn).map((a, i) => ({ userId: a.userId, headcount: a.heads, position: i + 1 })));
    if (people.length === 0) lines.push("", ctx.t("signup-list-empty"));
    const total = s.confirmed.length + s.waitlist.length + s.attended.filter((a) => a.walkIn).length;
    if (!open) {
      if (total > people.length) lines.push("", ctx.t("signup-list-more-upcoming", { shown: people.length }));
      if (people.length > 0) lines.push("", ctx.t("signup-list-not-started", { id: occ.noticeId }));
    } else if (total > people.length) lines.push("", ctx.t("signup-list-more", { shown: people.length }));
    else if (people.length > 0) lines.push("", ctx.t("signup-list-hint"));
    const buttons = (open ? people : []).map((userId) => {
      const on = marked.has(userId);
      return { text: `${on ? "✅" : "⬜"} ${shorten(displayName(db, userId), 24)}`, callback_data: attendanceCallbackData(!on, userId, occ.occurrenceId) };
    });
    const rows: InlineKeyboardMarkup["inline_keyboard"] = [];
    for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
    return { text: lines.join("\n"), reply_markup: { inline_keyboard: rows } };
  };

  feature.command("signups", staffOnly, async (ctx) => {
    if (ctx.chat.type !== "private") {
      await ctx.reply(ctx.t("signup-private-only"));
      return;
    }
    const [id, date, ...rest] = commandArgs(ctx).split(/\s+/).filter(Boolean);
    if (rest.length > 0 || (date !== undefined && !isLocalDate(date))) {
      await ctx.reply(ctx.t("signup-list-usage", { ids: ids() }));
      return;
    }
    const occ = await resolve(ctx, id, date);
    if (!occ) return;
    const { text, reply_markup } = list(ctx, occ);
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
    const { text, reply_markup } = list(ctx, occ);
    await ctx.editMessageText(text, { reply_markup }).catch((err: unknown) => {
      if (!String((err as { description?: string }).description).includes("message is not modified")) throw err;
    });
  });

  feature.command("attended", staffOnly, async (ctx) => {
    const args = commandArgs(ctx).split(/\s+/).filter(Boolean);
    const [id] = args;
    const date = args[1] !== undefined && isLocalDate(args[1]) ? args[1] : undefined;
    const { rest: userArgs, count: walkIns } = takeWalkIns(args.slice(date === undefined ? 1 : 2));
    if (!id || Number.isNaN(walkIns) || (userArgs.length === 0 && walkIns === undefined) || userArgs.some((u) => !/^[1-9]\d{0,14}$/.test(u))) {
      await ctx.reply(ctx.t("signup-attended-usage"));
      return;
    }
    const occ = await resolve(ctx, id, date);
    if (!occ) return;
    const early = notStarted(ctx, occ, true);
    if (early) {
      await ctx.reply(early);
      return;
    }
    const changed = userArgs.length > 0 ? await attended(ctx, occ, userArgs.map(Number), true) : [];
    const total = repo.summary(occ.occurrenceId).attended.length;
    if (userArgs.length > 0) await ctx.reply(ctx.t("signup-attended-done", { ...occurrenceArgs(occ, ctx.deps.timezone, ctx.locale), count: changed.length, total }));
    if (walkIns !== undefined) await ctx.reply(await recordWalkIns(ctx, services.onWalkIns, occ, walkIns, total));
  });

  feature.command("party", staffOnly, async (ctx) => {
    const [idText, flag, ...rest] = commandArgs(ctx).split(/\s+/).filter(Boolean);
    if (!idText || !/^\d{1,15}$/.test(idText) || (flag !== "on" && flag !== "off") || rest.length > 0) {
      await ctx.reply(ctx.t("signup-party-usage"));
      return;
    }
    const known = ctx.deps.store.data.users[idText] !== undefined;
    if (known) {
      await ctx.deps.store.update((db) => {
        const user = db.users[idText];
        if (user && flag === "on") user.partyMember = true;
        else if (user) delete user.partyMember;
      });
    }
    await ctx.reply(ctx.t(known ? (flag === "on" ? "signup-party-on" : "signup-party-off") : "signup-party-unknown", { id: idText }));
  });

  return feature;
}
