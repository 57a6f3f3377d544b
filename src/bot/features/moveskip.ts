import { Composer, InlineKeyboard } from "grammy";
import { planMove, planSkip } from "../../domain/date-overrides.js";
import { escapeHtml } from "../../domain/html.js";
import type { NoticeDef } from "../../domain/notice.js";
import { parseNoticeWords } from "../../domain/notice-names.js";
import { formatDate } from "../../domain/notice-text.js";
import { occurrenceId } from "../../domain/signups/events.js";
import type { SignupRepo } from "../../store/signup-repo.js";
import type { Locale, Translate } from "../../domain/translate.js";
import { isLocalDate } from "../../domain/zoned-time.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { DateOverridesRepo } from "../../store/date-overrides-repo.js";
import type { DraftsRepo } from "../../store/drafts-repo.js";
import type { NoticesRepo } from "../../store/notices-repo.js";
import type { BotContext } from "../context.js";
import { commandArgs, staffOnly } from "../guards.js";
import { idList, problemText, promptText, titleOf, toldMove, toldSkip } from "./moveskip-texts.js";
import { FlatComposer } from "../flat-composer.js";

export interface MoveSkipServices {
  notices: Pick<NoticesRepo, "list" | "get">;
  overrides: DateOverridesRepo;
  /** the sign-ups (read only): who is on an occurrence's roster */
  signups: Pick<SignupRepo, "summary">;
  outbox: Outbox;
  translate: (locale: Locale) => Translate;
  /** previews waiting for Confirm (the store: Confirm works after a restart) */
  drafts: DraftsRepo;
}

type Draft =
  | { kind: "move"; noticeId: string; from: string; to: string; time: string | undefined }
  | { kind: "skip"; noticeId: string; date: string; reason: string | undefined };

/** /move and /skip, plus what the /events menu calls to start one for a notice. */
export interface MoveSkipFeature {
  composer: Composer<BotContext>;
  /** Replies with how to move or skip one date of a notice, listing its next dates. */
  start(ctx: BotContext, noticeId: string, kind: "move" | "skip"): Promise<void>;
  /** Checks a move and replies with its preview (Confirm/Cancel) or the error. */
  previewMove(ctx: BotContext, noticeId: string, from: string, to: string, time?: string): Promise<void>;
  /** Checks a skip and replies with its preview (Confirm/Cancel) or the error. */
  previewSkip(ctx: BotContext, noticeId: string, date: string, reason?: string): Promise<void>;
}

/** Previews are kept in the store (DraftsRepo) under this kind, for 24 hours. */
const KIND = "moveskip";
const TIME = /^(\d{1,2}):(\d{2})$/;

/** Builds the feature. Nothing is stored or sent before Confirm. */
export function createMoveSkipFeature(services: MoveSkipServices): MoveSkipFeature {
  const { notices, overrides, signups, outbox, translate, drafts } = services;
  const feature = new FlatComposer<BotContext>();

  const noticeById = (id: string): Promise<NoticeDef | undefined> => notices.get(id);
  const clock = (ctx: BotContext) => ({ tz: ctx.deps.timezone, now: ctx.deps.now() });
  /** Everyone on an occurrence's roster, confirmed then waiting, in order. */
  const signedUp = async (noticeId: string, date: string): Promise<number[]> => {
    const r = await signups.summary(occurrenceId(noticeId, date));
    return [...r.confirmed, ...r.waitlist].map((e) => e.userId);
  };
  const keep = (ctx: BotContext, draft: Draft): Promise<string> => drafts.put(KIND, ctx.from!.id, draft);
  const buttons = (ctx: BotContext, token: string) =>
    new InlineKeyboard().text(ctx.t("moveskip-confirm"), `ms:y:${token}`).text(ctx.t("moveskip-cancel"), `ms:n:${token}`);

  /** Checks a move; the plan, or the error already replied. */
  const checkMove = async (ctx: BotContext, notice: NoticeDef, draft: Extract<Draft, { kind: "move" }>) => {
    const { tz, now } = clock(ctx);
    const bad = [draft.from, draft.to].find((d) => !isLocalDate(d));
    const plan = bad !== undefined ? "bad-date" : planMove(notice, tz, now, draft.from, draft.to, draft.time);
    if (typeof plan !== "string") return plan;
    const value = plan === "bad-date" ? (bad ?? draft.to) : plan === "bad-time" ? (draft.time ?? "") : plan === "same" || plan === "taken" ? draft.to : draft.from;
    const when = plan === "to-past" ? planMove(notice, tz, new Date(0), draft.from, draft.to, draft.time) : undefined;
    const startsAt = when && typeof when !== "string" ? when.startsAt : undefined;
    await ctx.reply(problemText(ctx.t, plan, { notice, locale: ctx.locale, tz, now, value, ...(startsAt ? { when: startsAt } : {}) }));
    return undefined;
  };
  const checkSkip = async (ctx: BotContext, notice: NoticeDef, date: string) => {
    const { tz, now } = clock(ctx);
    const occ = planSkip(notice, tz, now, date);
    if (typeof occ !== "string") return occ;
    await ctx.reply(problemText(ctx.t, occ, { notice, locale: ctx.locale, tz, now, value: date }));
    return undefined;
  };

  const unknown = async (ctx: BotContext, name: string) => ctx.reply(ctx.t("moveskip-unknown-notice", { name: escapeHtml(name), ids: idList(await notices.list(), ctx.locale) }));
  const previewMove: MoveSkipFeature["previewMove"] = async (ctx, noticeId, from, to, time) => {
    const notice = await noticeById(noticeId);
    if (!notice) return void (await unknown(ctx, noticeId));
    const draft = { kind: "move" as const, noticeId, from, to, time };
    const plan = await checkMove(ctx, notice, draft);
    if (!plan) return;
    const { tz } = clock(ctx);
    const text = ctx.t("moveskip-move-preview", {
      title: titleOf(notice, ctx.locale),
      from: formatDate(plan.occurrence.startsAt, tz, ctx.locale),
      to: formatDate(plan.startsAt, tz, ctx.locale),
      people: (await signedUp(noticeId, plan.occurrence.date)).length,
    });
    await ctx.reply(text, { reply_markup: buttons(ctx, await keep(ctx, draft)) });
  };

  const previewSkip: MoveSkipFeature["previewSkip"] = async (ctx, noticeId, date, reason) => {
    const notice = await noticeById(noticeId);
    if (!notice) return void (await unknown(ctx, noticeId));
    if (!(await checkSkip(ctx, notice, date))) return;
    const text = ctx.t("moveskip-skip-preview", {
      title: titleOf(notice, ctx.locale),
      date: formatDate(date, "UTC", ctx.locale),
      reason: reason ? escapeHtml(reason) : ctx.t("moveskip-no-reason"),
      people: (await signedUp(noticeId, date)).length,
    });
    await ctx.reply(text, { reply_markup: buttons(ctx, await keep(ctx, { kind: "skip", noticeId, date, reason })) });
  };

  const parse = async (ctx: BotContext) => parseNoticeWords(commandArgs(ctx), await notices.list());

  feature.command("move", staffOnly, async (ctx) => {
    const { notice, name, rest } = await parse(ctx);
    const [from, to, time, ...extra] = rest;
    if (!name || from === undefined || to === undefined || extra.length > 0) {
      return void (await ctx.reply(ctx.t("moveskip-usage-move", { ids: idList(await notices.list(), ctx.locale) })));
    }
    if (!notice) return void (await unknown(ctx, name));
    const m = time === undefined ? undefined : TIME.exec(time);
    await previewMove(ctx, notice.id, from, to, m ? `${(m[1] ?? "").padStart(2, "0")}:${m[2] ?? ""}` : time);
  });

  feature.command("skip", staffOnly, async (ctx) => {
    const { notice, name, rest } = await parse(ctx);
    const [date, ...reason] = rest;
    if (!name || date === undefined) return void (await ctx.reply(ctx.t("moveskip-usage-skip", { ids: idList(await notices.list(), ctx.locale) })));
    if (!notice) return void (await unknown(ctx, name));
    await previewSkip(ctx, notice.id, date, reason.join(" ").trim() || undefined);
  });

  feature.callbackQuery(/^ms:([yn]):([\w-]{1,16})$/, staffOnly, async (ctx) => {
    const token = ctx.match[2] ?? "";
    const yes = ctx.match[1] === "y";
    // claimed in one store write: a second press, even after a restart, finds it taken
    const claim = yes ? await drafts.claim<Draft>(KIND, token, ctx.from.id) : await drafts.drop(KIND, token, ctx.from.id);
    if (claim === "not-yours" || claim === "taken") return void (await ctx.answerCallbackQuery({ text: ctx.t(claim === "taken" ? "moveskip-already" : "moveskip-not-yours"), show_alert: true }));
    await ctx.answerCallbackQuery();
    if (claim === "missing") return void (await ctx.editMessageText(ctx.t("moveskip-expired")).catch(() => undefined));
    if (!yes) return void (await ctx.editMessageText(ctx.t("moveskip-cancelled")).catch(() => undefined));
    const draft = claim.value as Draft;
    let done: string | undefined;
    try {
      done = draft.kind === "move" ? await confirmMove(ctx, draft) : await confirmSkip(ctx, draft);
    } catch (err) {
      await drafts.settle(token, "pending");
      throw err;
    }
    await drafts.settle(token, "done");
    if (done) await ctx.editMessageText(done).catch(() => ctx.reply(done));
  });

  /** Checks again (time passed since the preview), keeps the move, tells those signed up. */
  const confirmMove = async (ctx: BotContext, draft: Extract<Draft, { kind: "move" }>): Promise<string | undefined> => {
    const notice = await noticeById(draft.noticeId);
    if (!notice) return void (await unknown(ctx, draft.noticeId));
    const plan = await checkMove(ctx, notice, draft);
    if (!plan) return undefined;
    const people = await signedUp(notice.id, plan.occurrence.date);
    const by = ctx.from?.id ?? 0;
    await overrides.moveDate(notice.id, plan, by);
    const { tz } = clock(ctx);
    if (people.length > 0) {
      const text = toldMove(translate, notice, tz, plan.occurrence.startsAt, plan.startsAt);
      await outbox.enqueue({ kind: "notice", key: `move:${notice.id}:${plan.occurrence.date}:${plan.to}`, text, recipients: people, createdBy: by });
    }
    const [from, to] = [plan.occurrence.startsAt, plan.startsAt].map((d) => formatDate(d, tz, ctx.locale));
    return ctx.t("moveskip-moved", { title: titleOf(notice, ctx.locale), from: from ?? "", to: to ?? "", people: people.length });
  };

  const confirmSkip = async (ctx: BotContext, draft: Extract<Draft, { kind: "skip" }>): Promise<string | undefined> => {
    const notice = await noticeById(draft.noticeId);
    if (!notice) return void (await unknown(ctx, draft.noticeId));
    if (!(await checkSkip(ctx, notice, draft.date))) return undefined;
    const people = await signedUp(notice.id, draft.date);
    const by = ctx.from?.id ?? 0;
    await overrides.skipDate(notice.id, draft.date, draft.reason, by);
    if (people.length > 0) {
      const text = toldSkip(translate, notice, draft.date, draft.reason);
      await outbox.enqueue({ kind: "notice", key: `skip:${notice.id}:${draft.date}`, text, recipients: people, createdBy: by });
    }
    return ctx.t("moveskip-skipped", { title: titleOf(notice, ctx.locale), date: formatDate(draft.date, "UTC", ctx.locale), people: people.length });
  };

  const start: MoveSkipFeature["start"] = async (ctx, noticeId, kind) => {
    const notice = await noticeById(noticeId);
    if (!notice) return void (await unknown(ctx, noticeId));
    const { tz, now } = clock(ctx);
    await ctx.reply(promptText(ctx.t, kind, notice, { locale: ctx.locale, tz, now }));
  };

  return { composer: feature, start, previewMove, previewSkip };
}
