import type { Composer, NextFunction } from "grammy";
import { FlatComposer } from "../../flat-composer.js";
import type { Message, User } from "grammy/types";
import { occurrenceOfKeyboard, parseSignupCallback, signupCallbackData } from "../../../domain/signups/buttons.js";
import { parseSignupText } from "../../../domain/signups/index.js";
import type { Promotion, SignupIntent, SignupVia } from "../../../domain/signups/index.js";
import { splitMessage } from "../../../domain/html.js";
import { localeFromLanguageCode, type Locale, type Translate } from "../../../domain/translate.js";
import type { SignupOccurrence } from "../../../store/signup-repo.js";
import type { BotContext } from "../../context.js";
import type { LiveCounter, LiveMessage } from "./live-count.js";
import { cancelAnswer, createDateLabels, joinAnswer, notifyPromotions, occurrenceArgs, translatorsOf, type SignupFeatureServices } from "./shared.js";

/** How far ahead a plain "报名" in a private chat looks for the occurrence it means. */
const PRIVATE_LOOKAHEAD_MS = 7 * 24 * 3_600_000;

type Act = { action: "join" | "cancel"; occurrenceId: string; via: SignupVia; headcount?: number; live?: LiveMessage };

/**
 * Volunteers: the sign-up buttons, text replies to a reminder, a plain "报名" in a private chat, /my.
 *
 * Which texts count: in a group, ONLY a reply to one of the bot's own reminders (the occurrence is
 * read from that reminder's sign-up button); anything else in a group is left alone. In a private
 * chat, a reply to a reminder works the same, and a plain "报名"/"join" means the only sign-up
 * occurrence in the next 7 days (several: the bot asks with one button each; none: the text goes on
 * to the question answerer). A plain "取消"/"cancel" cancels the user's only upcoming sign-up (several:
 * buttons). Texts `parseSignupText` does not understand pass on untouched.
 */
export function createVolunteerHandlers(services: SignupFeatureServices & { live: LiveCounter }): Composer<BotContext> {
  const { repo, live } = services;
  const feature = new FlatComposer<BotContext>();
  const dates = createDateLabels(repo.timezone);

  /**
   * Decides, waits for the disk, then returns the answer; promotions and counts follow. `lang` is
   * the answer's language (default: the update's).
   */
  const act = async (ctx: BotContext, req: Act, lang?: { t: Translate; locale: Locale }): Promise<string> => {
    const userId = ctx.from?.id ?? 0;
    const tz = ctx.deps.timezone;
    const { t, locale } = lang ?? { t: ctx.t, locale: ctx.locale };
    const escape = req.via !== "button"; // callback answers are plain text
    const args = (occ: SignupOccurrence) => occurrenceArgs(occ, tz, locale, escape, dates);
    rememberLanguage(ctx);
    let outcome: { text: string; written: boolean; promoted: Promotion[] };
    if (req.action === "join") {
      const r = await repo.join(userId, req.occurrenceId, req.via, req.headcount);
      if (r.outcome === "unknown") return t("signup-invalid");
      outcome = { text: joinAnswer(t, r.decision, args(r.occurrence)), written: r.written, promoted: r.promoted };
    } else {
      const r = await repo.cancel(userId, req.occurrenceId, req.via);
      if (r.outcome === "unknown") return t("signup-invalid");
      outcome = { text: cancelAnswer(t, r.decision, args(r.occurrence)), written: r.written, promoted: r.promoted };
    }
    if (outcome.written) {
      live.touch(ctx.api, req.occurrenceId, req.live ? [req.live] : []);
      const deps = { store: ctx.deps.store, repo, timezone: tz, translators: translatorsOf(ctx), ...(services.outbox ? { outbox: services.outbox } : {}), onError: (err: unknown) => ctx.deps.log.warn({ err }, "could not tell a promoted volunteer") };
      const { promoted } = outcome;
      // after this update's answer: the one who pressed hears first, the promoted right after
      if (promoted.length > 0) setImmediate(() => void notifyPromotions(ctx.api, deps, promoted));
    }
    const text = outcome.text;
    return text;
  };

  feature.callbackQuery(/^su:/, async (ctx) => {
    // the answer is seen by the presser only: their language, not the group's
    const locale = ownLocale(ctx);
    const t = translatorsOf(ctx)(locale);
    const parsed = parseSignupCallback(ctx.callbackQuery.data);
    if (!parsed) {
      await ctx.answerCallbackQuery({ text: t("signup-invalid"), show_alert: true });
      return;
    }
    const m = ctx.callbackQuery.message;
    // only a reminder's keyboard shows the count: a "which one?" list of several must stay as it is
    const live = m && occurrenceOfKeyboard(m.reply_markup) === parsed.occurrenceId ? { live: { chatId: m.chat.id, messageId: m.message_id } } : {};
    const text = await act(ctx, { ...parsed, via: "button", ...live }, { t, locale });
    await ctx.answerCallbackQuery({ text: text.slice(0, 200) });
  });

  const replyTo = (ctx: BotContext, text: string) =>
    ctx.reply(text, ctx.message ? { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } } : {});

  /**
   * What a text means as a sign-up, if it may be one: only a person can volunteer (not a message
   * without a sender, nor an anonymous admin or a channel: Telegram puts a bot in `from` for those,
   * one id shared by every anonymous admin); in a group, only in reply to a reminder.
   */
  const signupIntentOf = (ctx: BotContext & { message: Message & { text: string } }): SignupIntent | undefined => {
    const text = ctx.message.text;
    if (text.startsWith("/") || !ctx.from || ctx.from.is_bot) return undefined;
    if (ctx.message.chat.type !== "private" && reminderOf(ctx.message.reply_to_message, ctx.me.id) === undefined) return undefined;
    return parseSignupText(text);
  };

  /** Answers a text that is a sign-up (or a cancellation); passes it on when nothing fits. */
  const answerText = async (ctx: BotContext & { message: Message }, next: NextFunction, from: User, intent: SignupIntent): Promise<void> => {
    const reminder = reminderOf(ctx.message.reply_to_message, ctx.me.id);
    if (reminder) {
      const live = { chatId: ctx.message.chat.id, messageId: reminder.messageId };
      const req: Act = intent.intent === "join"
        ? { action: "join", occurrenceId: reminder.occurrenceId, via: "text", live, ...(intent.explicit ? { headcount: intent.headcount } : {}) }
        : { action: "cancel", occurrenceId: reminder.occurrenceId, via: "text", live };
      await replyTo(ctx, await act(ctx, req));
      return;
    }
    const now = ctx.deps.now();
    let choices: SignupOccurrence[];
    if (intent.intent === "join") {
      choices = repo.between(now, new Date(now.getTime() + PRIVATE_LOOKAHEAD_MS));
      if (choices.length === 0) return next();
    } else {
      choices = repo.userRecord(from.id).upcoming.flatMap((u) => repo.occurrence(u.occurrenceId) ?? []);
      if (choices.length === 0) {
        await ctx.reply(ctx.t("signup-nothing-to-cancel"));
        return;
      }
    }
    const [only] = choices;
    if (only && choices.length === 1) {
      const req: Act = intent.intent === "join"
        ? { action: "join", occurrenceId: only.occurrenceId, via: "text", ...(intent.explicit ? { headcount: intent.headcount } : {}) }
        : { action: "cancel", occurrenceId: only.occurrenceId, via: "text" };
      await replyTo(ctx, await act(ctx, req));
      return;
    }
    const key = intent.intent === "join" ? "signup-choice-join" : "signup-choice-cancel";
    const rows = choices.slice(0, 8).map((o) => [
      { text: ctx.t(key, occurrenceArgs(o, ctx.deps.timezone, ctx.locale, false)), callback_data: signupCallbackData(intent.intent, o.occurrenceId) },
    ]);
    await ctx.reply(ctx.t(intent.intent === "join" ? "signup-choose-join" : "signup-choose-cancel"), { reply_markup: { inline_keyboard: rows } });
  };

  // most texts are questions: they are passed on before anything asynchronous starts
  feature.on("message:text", (ctx, next) => {
    const intent = signupIntentOf(ctx);
    return intent === undefined || ctx.from === undefined ? next() : answerText(ctx, next, ctx.from, intent);
  });

  feature.command("my", async (ctx) => {
    if (!ctx.from) return;
    const rec = repo.userRecord(ctx.from.id);
    const tz = ctx.deps.timezone;
    const lines = [ctx.t("signup-my-title")];
    if (rec.upcoming.length === 0) lines.push(ctx.t("signup-my-none"));
    for (const u of rec.upcoming) {
      const occ = repo.occurrence(u.occurrenceId);
      if (!occ) continue;
      const args = { ...occurrenceArgs(occ, tz, ctx.locale), position: u.position, headcount: u.headcount };
      lines.push(ctx.t(u.waitlisted ? "signup-my-item-waiting" : "signup-my-item", args));
    }
    lines.push("", ctx.t("signup-my-participation", { ...rec.participation }));
    const extra = services.myExtra?.(ctx);
    if (extra) lines.push(extra);
    // sign-ups may reach far ahead (any real occurrence can be joined): never one text over 4,096
    for (const part of splitMessage(lines.join("\n"))) await ctx.reply(part);
  });

  return feature;
}

/** The reminder a message replies to: one of the bot's own messages that carries sign-up buttons. */
function reminderOf(message: Message | undefined, botId: number): { occurrenceId: string; messageId: number } | undefined {
  if (!message || message.from?.id !== botId) return undefined;
  const occurrenceId = occurrenceOfKeyboard(message.reply_markup);
  return occurrenceId ? { occurrenceId, messageId: message.message_id } : undefined;
}

/** The sender's own language: the one they chose, else Telegram's (a group's language is for the group). */
function ownLocale(ctx: BotContext): Locale {
  const id = ctx.from?.id;
  return (id === undefined ? undefined : ctx.deps.store.data.users[String(id)]?.lang) ?? localeFromLanguageCode(ctx.from?.language_code);
}

/**
 * Keeps a volunteer's language with their profile when they never chose one: a promotion or a
 * personal reminder reaches them later, outside any update, and must not fall back to Chinese for
 * an English speaker. Saved with the sign-up's own write.
 */
function rememberLanguage(ctx: BotContext): void {
  const id = ctx.from?.id;
  const user = id === undefined ? undefined : ctx.deps.store.data.users[String(id)];
  const code = ctx.from?.language_code;
  if (!user || user.lang !== undefined || code === undefined) return;
  const lang = localeFromLanguageCode(code);
  ctx.deps.store.mutate(() => {
    user.lang = lang;
  });
}
