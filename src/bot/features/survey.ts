import { Composer, InlineKeyboard } from "grammy";
import type { Outbox } from "../../delivery/outbox.js";
import { escapeHtml } from "../../domain/html.js";
import { formatDate } from "../../domain/notice-text.js";
import { rateOf } from "../../domain/survey/index.js";
import type { Localized } from "../../domain/translate.js";
import type { ChatsRepo } from "../../store/chats-repo.js";
import type { DraftsRepo } from "../../store/drafts-repo.js";
import { pollRef, SurveyRoundOpenError, type RoundView, type SurveyRepo } from "../../store/survey-repo.js";
import type { BotContext } from "../context.js";
import { commandArgs, staffOnly } from "../guards.js";
import { handlePollAnswer, type SendGate } from "./survey/answers.js";
import { percentText, surveyResultsText } from "./survey/results-text.js";
import { FlatComposer } from "../flat-composer.js";

export interface SurveyServices {
  repo: SurveyRepo;
  /** who is asked (private subscribers), and in which language an answer is thanked */
  chats: Pick<ChatsRepo, "privateSubscriberIds">;
  outbox: Outbox;
  /** the preview waiting for Confirm, where every instance (and a restart) finds it */
  drafts: DraftsRepo;
  /** compound id → name, for results per compound */
  compounds: ReadonlyMap<string, Localized>;
  /** the year summary's awareness rate (94), compared with in the results */
  seedRate?: number;
  /** follow-up questions and thanks go through the sender's rate limit (default: sent at once) */
  gate?: SendGate;
}

const KIND = "survey";

/**
 * /survey (staff): a preview, then on Confirm the first question goes to every private subscriber
 * through the outbox (at the allowed rate, like any broadcast), the next ones as each is answered.
 * `/survey close` ends the round; `/survey results` shows the totals. poll_answer updates are the answers.
 */
export function createSurveyFeature(services: SurveyServices): Composer<BotContext> {
  const { repo, outbox, compounds, seedRate, chats, drafts } = services;
  /** Private chats subscribed and reachable: the respondents (groups are not asked). */
  const respondents = () => chats.privateSubscriberIds();
  const gate: SendGate = services.gate ?? ((_chatId, call) => call());
  const feature = new FlatComposer<BotContext>();

  feature.on("poll_answer", (ctx) => handlePollAnswer(ctx, repo, gate));

  feature.command("survey", staffOnly, async (ctx) => {
    const arg = commandArgs(ctx).toLowerCase();
    if (arg === "results") return void (await ctx.reply(await resultsText(ctx)));
    if (arg === "close") return void (await ctx.reply(await closeText(ctx)));
    if (arg !== "") return void (await ctx.reply(ctx.t("survey-usage")));
    const q = repo.questionnaire;
    if (!q) return void (await ctx.reply(ctx.t("survey-none")));
    const open = await repo.openRound();
    if (open) {
      const completed = Object.values(open.respondents).filter((r) => r.completedAt !== undefined).length;
      const date = formatDate(new Date(open.startedAt), ctx.deps.timezone, ctx.locale);
      return void (await ctx.reply(ctx.t("survey-round-open", { round: open.id.slice(1), date, completed })));
    }
    const count = (await respondents()).length;
    if (count === 0) return void (await ctx.reply(ctx.t("survey-no-recipients")));
    const id = await drafts.put(KIND, ctx.from!.id, {});
    const list = q.questions.map((x, i) => `${i + 1}. ${escapeHtml(x.text[ctx.locale])}`).join("\n");
    const keyboard = new InlineKeyboard().text(ctx.t("survey-confirm"), `sv:ok:${id}`).text(ctx.t("survey-cancel"), `sv:no:${id}`);
    const round = await repo.nextRoundNumber();
    await ctx.reply(ctx.t("survey-preview", { count, round, questions: q.questions.length, list }), { reply_markup: keyboard });
  });

  feature.callbackQuery(/^sv:(ok|no):([\w-]{1,16})$/, staffOnly, async (ctx) => {
    const [, action, id = ""] = ctx.match;
    const answer = (key: string, alert = false) => ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: alert });
    const claim = action === "no" ? await drafts.drop(KIND, id, ctx.from.id) : await drafts.claim(KIND, id, ctx.from.id);
    if (claim === "missing") return void (await answer("survey-expired", true));
    if (claim === "not-yours") return void (await answer("survey-not-yours", true));
    if (claim === "taken") return void (await answer("survey-already"));
    const clear = { reply_markup: { inline_keyboard: [] } };
    if (action === "no") {
      await answer("survey-cancelled");
      await ctx.editMessageText(ctx.t("survey-cancelled"), clear).catch(() => undefined);
      return;
    }
    // claimed in one write: a second press, on any instance or after a restart, finds it taken
    const q = repo.questionnaire;
    const first = q?.questions[0];
    if (!q || !first) {
      await drafts.settle(id, "done");
      return void (await answer("survey-none", true));
    }
    const recipients = await respondents();
    let round: RoundView;
    try {
      round = await repo.start(ctx.from.id, recipients.length);
    } catch (err) {
      // another staff member's round opened meanwhile (previews confirmed at once): one round only
      const open = err instanceof SurveyRoundOpenError;
      await drafts.settle(id, open ? "done" : "pending");
      if (!open) throw err;
      await answer("survey-round-opened", true);
      await ctx.editMessageText(ctx.t("survey-round-opened"), clear).catch(() => undefined);
      return;
    }
    const intro = (l: "zh" | "en") => q.intro[l].replaceAll("{count}", String(q.questions.length));
    await outbox.enqueue({
      kind: "survey",
      key: `survey:${round.id}`,
      text: { zh: intro("zh"), en: intro("en") },
      poll: { question: first.text, options: first.options, anonymous: false, ref: pollRef(round.id, first.id) },
      recipients,
      createdBy: ctx.from.id,
      progress: { chatId: ctx.chat?.id ?? ctx.from.id, lang: ctx.locale },
    });
    await drafts.settle(id, "done");
    const text = ctx.t("survey-sending", { round: round.id.slice(1), count: recipients.length });
    await answer("survey-confirmed");
    await ctx.editMessageText(text, clear).catch((err: unknown) => ctx.deps.log.warn({ err }, "could not edit the survey preview"));
  });

  async function resultsText(ctx: BotContext): Promise<string> {
    return surveyResultsText({ rounds: await repo.results(), compounds, seedRate, locale: ctx.locale, t: (k, a) => ctx.t(k, a), tz: ctx.deps.timezone });
  }

  async function closeText(ctx: BotContext): Promise<string> {
    const round = await repo.close();
    if (!round) return ctx.t("survey-close-none");
    const r = (await repo.results()).find((x) => x.round.id === round.id)?.results;
    const completed = r?.completed ?? 0;
    return ctx.t("survey-close-done", { round: round.id.slice(1), completed, rate: percentText(rateOf(r?.aware ?? 0, completed), (k, a) => ctx.t(k, a)) });
  }

  return feature;
}
