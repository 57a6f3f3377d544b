import type { Api } from "grammy";
import type { Message } from "grammy/types";
import type { SurveyQuestion } from "../../../domain/survey/index.js";
import { pollRef, type SurveyRepo } from "../../../store/survey-repo.js";
import type { BotContext } from "../../context.js";

/** Runs a Bot API call under the sender's rate limit (the app passes `sender.limited`). */
export type SendGate = <T>(chatId: number, call: () => Promise<T>) => Promise<T>;

/** Sends one question as a non-anonymous poll and remembers its poll id for the answers. */
export async function sendQuestion(api: Api, gate: SendGate, repo: SurveyRepo, roundId: string, userId: number, q: SurveyQuestion, locale: "zh" | "en"): Promise<void> {
  const message: Message = await gate(userId, () => api.sendPoll(userId, q.text[locale], q.options.map((o) => ({ text: o[locale] })), { is_anonymous: false }));
  if (message.poll) await repo.pollSent(pollRef(roundId, q.id), userId, message.poll.id);
}

/**
 * A poll_answer: recorded (the figures move at once when a form completes or stops counting), then
 * the next question goes out, or the thanks. Answers to unknown polls are ignored; answers after
 * the round closed are told so.
 */
export async function handlePollAnswer(ctx: BotContext, repo: SurveyRepo, gate: SendGate): Promise<void> {
  const answer = ctx.pollAnswer;
  const user = answer?.user;
  if (!answer || !user || user.is_bot) return;
  // grammY's ctx.from does not cover poll answers: speak the voter's language
  ctx.locale = await ctx.deps.locales.ofSender(user);
  ctx.i18n.useLocale(ctx.locale);
  const result = await repo.answer(answer.poll_id, user.id, answer.option_ids);
  const say = (key: string) => gate(user.id, () => ctx.api.sendMessage(user.id, ctx.t(key)));
  if (result.kind === "unknown") return;
  if (result.kind === "closed") {
    await say("survey-closed-answer");
    return;
  }
  if (result.next) await sendQuestion(ctx.api, gate, repo, result.roundId, user.id, result.next, ctx.locale);
  if (result.completed) await say("survey-thanks");
  else if (result.uncounted) await say("survey-uncounted");
}
