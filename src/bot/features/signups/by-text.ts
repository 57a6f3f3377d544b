import { Composer, type NextFunction } from "grammy";
import type { Message, User } from "grammy/types";
import { signupCallbackData } from "../../../domain/signups/buttons.js";
import { parseSignupText, type SignupIntent } from "../../../domain/signups/index.js";
import type { SignupOccurrence } from "../../../store/signup-repo.js";
import type { BotContext } from "../../context.js";
import type { Act, ActFn } from "./act.js";
import { occurrenceArgs, type SignupFeatureServices } from "./shared.js";
import { boundOccurrence, openReceived } from "./target.js";
import { FlatComposer } from "../../flat-composer.js";

/** How far ahead a plain "报名" looks when the chat has no open reminder on record. */
const LOOKAHEAD_MS = 7 * 24 * 3_600_000;

type TextMessage = Message & { text: string };

/**
 * Text sign-ups ("报名", "报名 3人", "+1", "取消", "join with 2 friends", "cancel"). Which occurrence:
 * - a reply to one of the bot's messages: the occurrence that message is about (its buttons, the
 *   reminder delivered under its id, or the notice and date its text names; see boundOccurrence);
 * - in a group, only such a reply counts: anything else in a group is left alone;
 * - in a private chat without a reply: to join, the one open occurrence this chat received a
 *   reminder of (several: the bot asks with one button each; none on record: it asks among the next
 *   7 days' occurrences, or passes the text on to the question answerer when there are none; a
 *   "+N" among several means the one the sender is already signed up for, if only one); to
 *   cancel, the user's only upcoming sign-up (several: buttons).
 * Texts `parseSignupText` does not understand pass on untouched.
 */
export function createTextSignups(services: SignupFeatureServices, act: ActFn): Composer<BotContext> {
  const { repo } = services;
  const feature = new FlatComposer<BotContext>();

  /**
   * What a text means as a sign-up, if it may be one: only a person can volunteer (not a message
   * without a sender, nor an anonymous admin or a channel: Telegram puts a bot in `from` for those,
   * one id shared by every anonymous admin); in a group, only in reply to one of the bot's messages
   * (whether that message is bound to a notice is asked next, once the text reads as a sign-up).
   */
  const intentOf = (ctx: BotContext & { message: TextMessage }): SignupIntent | undefined => {
    const { text, chat, reply_to_message } = ctx.message;
    if (text.startsWith("/") || !ctx.from || ctx.from.is_bot) return undefined;
    if (chat.type !== "private" && reply_to_message?.from?.id !== ctx.me.id) return undefined;
    return parseSignupText(text);
  };

  const replyTo = (ctx: BotContext & { message: Message }, text: string) =>
    ctx.reply(text, { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } });

  /** The request for one occurrence; the party number as the text gave it. */
  const request = (intent: SignupIntent, occurrenceId: string, live?: Act["live"]): Act => {
    const base = { occurrenceId, via: "text" as const, ...(live ? { live } : {}) };
    if (intent.intent === "cancel") return { action: "cancel", ...base };
    return { action: "join", ...base, ...(intent.explicit ? { headcount: intent.headcount, ...(intent.add ? { add: true } : {}) } : {}) };
  };

  /** Asks which occurrence is meant, one button each (carrying the text's number of people). */
  const ask = async (ctx: BotContext, intent: SignupIntent, choices: SignupOccurrence[]) => {
    const party = intent.intent === "join" && intent.explicit ? (intent.add ? { add: intent.headcount } : { headcount: intent.headcount }) : undefined;
    const key = intent.intent === "join" ? "signup-choice-join" : "signup-choice-cancel";
    const rows = choices.slice(0, 8).map((o) => [
      { text: ctx.t(key, occurrenceArgs(o, ctx.deps.timezone, ctx.locale, false)), callback_data: signupCallbackData(intent.intent, o.occurrenceId, party) },
    ]);
    await ctx.reply(ctx.t(intent.intent === "join" ? "signup-choose-join" : "signup-choose-cancel"), { reply_markup: { inline_keyboard: rows } });
  };

  /** Answers a text that is a sign-up (or a cancellation); passes it on when nothing fits. */
  const answer = async (ctx: BotContext & { message: TextMessage }, next: NextFunction, from: User, intent: SignupIntent): Promise<void> => {
    const now = ctx.deps.now();
    const { chat } = ctx.message;
    const bound = await boundOccurrence(repo, ctx.message.reply_to_message, ctx.me.id, now);
    // in a group, only a reply to a message bound to a notice is a sign-up
    if (!bound && chat.type !== "private") return next();
    if (bound) {
      // the replied-to reminder's count is edited only where counts are kept current: groups
      const live = bound.buttons && chat.type !== "private" ? { chatId: chat.id, messageId: bound.messageId } : undefined;
      await replyTo(ctx, await act(ctx, request(intent, bound.occurrenceId, live)));
      return;
    }
    let choices: SignupOccurrence[];
    if (intent.intent === "join") {
      choices = await openReceived(repo, chat.id, now);
      // "+1" adds to a party: among several, the one the sender is signed up for is meant
      const mine = new Set((await repo.userRecord(from.id)).upcoming.map((u) => u.occurrenceId));
      if (intent.add && choices.filter((o) => mine.has(o.occurrenceId)).length === 1) choices = choices.filter((o) => mine.has(o.occurrenceId));
      const [only] = choices;
      if (only && choices.length === 1) {
        await replyTo(ctx, await act(ctx, request(intent, only.occurrenceId)));
        return;
      }
      if (choices.length === 0) {
        // no reminder on record here: never guess, let the user pick (even among one)
        choices = repo.between(now, new Date(now.getTime() + LOOKAHEAD_MS));
        if (choices.length === 0) return next();
      }
    } else {
      choices = (await repo.userRecord(from.id)).upcoming.flatMap((u) => repo.occurrence(u.occurrenceId) ?? []);
      const [only] = choices;
      if (!only) {
        await ctx.reply(ctx.t("signup-nothing-to-cancel"));
        return;
      }
      if (choices.length === 1) {
        await replyTo(ctx, await act(ctx, request(intent, only.occurrenceId)));
        return;
      }
    }
    await ask(ctx, intent, choices);
  };

  // most texts are questions: they are passed on before anything asynchronous starts
  feature.on("message:text", (ctx, next) => {
    const intent = intentOf(ctx);
    return intent === undefined || ctx.from === undefined ? next() : answer(ctx, next, ctx.from, intent);
  });

  return feature;
}
