import { Composer } from "grammy";
import type { Message } from "grammy/types";
import { answerQuestion, understandQuestion, type Campaign } from "../../domain/campaign/index.js";
import { createAnswerCache } from "./answer-cache.js";
import { splitMessage } from "../../domain/html.js";
import { parseSignupText } from "../../domain/signups/index.js";
import type { Locale, Translate } from "../../domain/translate.js";
import type { CampaignFigures, CampaignRepo } from "../../store/campaign-repo.js";
import type { BotContext } from "../context.js";
import { FlatComposer } from "../flat-composer.js";

export interface QuestionsFeatureServices {
  repo: CampaignRepo;
  campaign: Campaign;
  /** The next date(s) of a notice (or of every notice when undefined), as HTML; undefined if unknown. */
  nextNoticeAnswer: (noticeId: string | undefined, locale: Locale) => Promise<string | undefined>;
}

/** The update's translator as a `Translate` (made only when an answer is computed). */
function translateOf(ctx: BotContext): Translate {
  return (key, args) => ctx.t(key, args);
}

/** Whether a group message is meant for the bot: it @mentions it or replies to one of its messages. */
function addressedToBot(message: Message, me: { id: number; username: string }): { addressed: boolean; mention: boolean } {
  const reply = message.reply_to_message?.from?.id === me.id;
  const text = message.text ?? "";
  const mention = (message.entities ?? []).some(
    (e) =>
      (e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === `@${me.username.toLowerCase()}`) ||
      (e.type === "text_mention" && e.user.id === me.id),
  );
  return { addressed: reply || mention, mention };
}

/**
 * The fallback for plain text that no command or feature claimed: campaign figures, next notice
 * dates, the overview. Private chats always get an answer (or the list of what can be asked);
 * groups only when the message is addressed to the bot (the list only on an @mention). Sign-up replies ("报名", "join") are left
 * alone: the sign-ups feature owns them.
 */
export function createQuestionsFeature(services: QuestionsFeatureServices): Composer<BotContext> {
  const { repo, campaign, nextNoticeAnswer } = services;
  const cache = createAnswerCache<ReturnType<typeof answerQuestion>>();
  // the bot's @mention, stripped from questions; built once per username, not per message
  let mentionRe: { username: string; re: RegExp } | undefined;
  const mentionOf = (username: string): RegExp => {
    if (mentionRe?.username !== username) mentionRe = { username, re: new RegExp(`@${username}\\b`, "gi") };
    return mentionRe.re;
  };
  const compute = (text: string, ctx: BotContext, at: Date, figures: CampaignFigures) =>
    answerQuestion(understandQuestion(text, campaign), campaign, figures.aggregates, figures.targets, ctx.locale, translateOf(ctx), at, ctx.deps.timezone);
  const feature = new FlatComposer<BotContext>();

  feature.on("message:text", async (ctx, next) => {
    const message = ctx.message;
    if (message.text.startsWith("/")) return next();
    const isPrivate = ctx.chat.type === "private";
    const { addressed, mention } = addressedToBot(message, ctx.me);
    if (!isPrivate && !addressed) return next();
    const text = message.text.replace(mentionOf(ctx.me.username), " ").trim();
    if (parseSignupText(text) !== undefined) return next();
    const at = ctx.deps.now();
    const figures = await repo.figures();
    // next-notice answers follow the clock, not the figures: those are never kept
    const answer =
      cache.get({ version: figures.version, now: at, timezone: ctx.deps.timezone, key: `${ctx.locale}|${text}` }, () => {
        const a = compute(text, ctx, at, figures);
        return a.kind === "next-notice" ? undefined : a;
      }) ?? compute(text, ctx, at, figures);
    let reply: string;
    // a reply to the bot's reminder such as "收到" or "thanks" is not a question: in a group the list of
    // what can be asked goes only to someone who @mentions the bot
    if (answer.kind === "unknown" && !isPrivate && !mention) return next();
    if (answer.kind === "next-notice" && answer.howToSignUp) reply = `${ctx.t("campaign-how-to-sign-up")}\n${(await nextNoticeAnswer(undefined, ctx.locale)) ?? ctx.t("notices-next-empty")}`;
    else if (answer.kind === "next-notice") reply = (await nextNoticeAnswer(answer.noticeId, ctx.locale)) ?? ctx.t("campaign-next-unknown");
    else reply = answer.text;
    // in a group, answer as a reply so the asker sees it is for them
    const options = isPrivate ? {} : { reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true } };
    for (const part of splitMessage(reply)) await ctx.reply(part, options);
  });

  return feature;
}
