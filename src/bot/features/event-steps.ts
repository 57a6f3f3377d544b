import type { Conversation } from "@grammyjs/conversations";
import { type Context, InlineKeyboard } from "grammy";
import { checkAt, checkEventDate, checkTitle, MAX_EVENT_PLACE, normalizeTime, parseCapacity } from "../../domain/event-args.js";
import { parseTypedDate } from "../../domain/typed-date.js";
import { localDateOf } from "../../domain/zoned-time.js";
import type { Locale, Translate } from "../../domain/translate.js";
import type { BotContext } from "../context.js";
import { confirmEvent, eventError, eventPreview, resolveTo, type EventDraft, type EventServices } from "./event-draft.js";

/** The conversation's own context: a plain one (the plugin builds it from the update). */
export type StepContext = Context;
export type StepConversation = Conversation<BotContext, StepContext>;

/**
 * Sends through the outside context of the update being handled (the bot's own API, with its
 * transformers: HTML parse mode, retries, the sender's rate window). The plugin's inner API is a
 * bare copy without them, and `external` runs once: a replay after a restart does not send again.
 */
export async function say(conversation: StepConversation, act: (ctx: BotContext) => Promise<unknown>): Promise<void> {
  await conversation.external(async (outside) => {
    await act(outside);
  });
}

/** What one step's parser returns: the value, or the message saying what is wrong. */
type Parsed<T> = { ok: T } | { error: string };

/** "-", "无", "none": the answer that leaves an optional field out. */
const NONE = /^(-|—|无|没有|不限|none|no|skip)$/i;

/**
 * Asks a question and waits for the same user's text until the parser accepts it. A command
 * (/cancel, or any other) ends the conversation; other commands then run as usual.
 */
async function ask<T>(conversation: StepConversation, ctx: StepContext, t: Translate, question: string, parse: (text: string) => Parsed<T>): Promise<T> {
  await say(conversation, (o) => o.reply(question));
  for (;;) {
    const reply = await conversation.waitFor("message:text").andFrom(ctx.from!.id);
    const text = reply.message.text.trim();
    if (text.startsWith("/")) {
      await say(conversation, (o) => o.reply(t("event-steps-cancelled")));
      return conversation.halt({ next: !/^\/cancel(@\w+)?$/i.test(text) });
    }
    const parsed = parse(text);
    if ("ok" in parsed) return parsed.ok;
    await say(conversation, (o) => o.reply(parsed.error));
  }
}

/**
 * `/event` alone: asks the date, the time, the title, the place, the capacity and the compounds one
 * at a time, then shows the preview with Confirm / Cancel. The plugin keeps its state in the store
 * (see createConversationRepo), so a restart in the middle resumes at the same question.
 */
export function createEventSteps(s: EventServices) {
  return async function eventSteps(conversation: StepConversation, ctx: StepContext, locale: Locale): Promise<void> {
    const t = s.translate(locale);
    // read once through the plugin, so a replay after a restart sees the same clock
    const now = new Date(await conversation.external(() => s.now().getTime()));
    const today = localDateOf(now, s.timezone);
    // as staff type it: 2026-06-05, 6月5日, 6-5, 明天, tomorrow…
    const date = await ask<string>(conversation, ctx, t, t("event-ask-date", { today }), (v) => {
      const typed = parseTypedDate(v, today);
      return "date" in typed ? { ok: typed.date } : { error: eventError(t, typed) };
    });
    const time = await ask<string>(conversation, ctx, t, t("event-ask-time"), (v) => {
      const hhmm = normalizeTime(v);
      if (!hhmm) return { error: eventError(t, { error: "bad-time", value: v }) };
      const past = checkEventDate(date, hhmm, s.timezone, now);
      return past ? { error: eventError(t, past) } : { ok: hhmm };
    });
    const title = await ask<string>(conversation, ctx, t, t("event-ask-title"), (v) => {
      const checked = checkTitle(v);
      return typeof checked === "string" ? { ok: checked } : { error: eventError(t, checked) };
    });
    const place = await ask<string>(conversation, ctx, t, t("event-ask-place"), (v) =>
      NONE.test(v) ? { ok: "" } : [...v].length > MAX_EVENT_PLACE ? { error: eventError(t, { error: "place-long" }) } : { ok: v },
    );
    const capacity = await ask<number>(conversation, ctx, t, t("event-ask-cap"), (v) => {
      if (NONE.test(v)) return { ok: 0 };
      const n = parseCapacity(v);
      return typeof n === "number" ? { ok: n } : { error: eventError(t, n) };
    });
    const compounds = await conversation.external(() => s.compounds.list());
    const to = await ask<string[]>(conversation, ctx, t, t("event-ask-to", { list: compounds.map((c) => c.name[locale]).join("、") }), (v) => {
      if (NONE.test(v)) return { ok: [] };
      const r = resolveTo(t, locale, compounds, v);
      return "error" in r ? r : { ok: r.ids ?? [] };
    });
    // optional: announce now ("-"), or at a later time, typed as a date (明天, 6-5, …) and a time
    const at = await ask<string>(conversation, ctx, t, t("event-ask-at"), (v) => {
      if (NONE.test(v)) return { ok: "" };
      const [day = "", hhmm = "", ...extra] = v.split(/\s+/);
      const typed = parseTypedDate(day, today);
      const clock = normalizeTime(hhmm);
      if (!("date" in typed) || !clock || extra.length > 0) return { error: eventError(t, { error: "bad-at", value: v }) };
      const local = checkAt(`${typed.date} ${clock}`, date, time, s.timezone, now);
      return "error" in local ? { error: eventError(t, local) } : { ok: `${local.date} ${local.time}` };
    });
    const draft: EventDraft = { date, time, title, ...(place ? { place } : {}), ...(capacity ? { capacity } : {}), ...(to.length ? { to } : {}), ...atOf(at) };
    const keyboard = new InlineKeyboard().text(t("event-confirm"), "ev:step:ok").text(t("event-cancel"), "ev:step:no");
    const preview = await conversation.external(() => eventPreview(s, t, locale, draft));
    await say(conversation, (o) => o.reply(preview, { reply_markup: keyboard }));
    const press = await conversation.waitForCallbackQuery(/^ev:step:(ok|no)$/).andFrom(ctx.from!.id);
    if (press.callbackQuery.data === "ev:step:no") {
      await say(conversation, async (o) => {
        await o.answerCallbackQuery({ text: t("event-cancelled") });
        await o.editMessageText(t("event-cancelled"), { reply_markup: { inline_keyboard: [] } });
      });
      return;
    }
    const chatId = ctx.chat?.id ?? ctx.from!.id;
    const done = await conversation.external(() => confirmEvent(s, draft, { userId: ctx.from!.id, chatId, locale }));
    const summary = await conversation.external(() => eventPreview(s, t, locale, draft, false));
    await say(conversation, async (o) => {
      await o.answerCallbackQuery();
      await o.editMessageText(`${done}\n\n${summary}`, { reply_markup: { inline_keyboard: [] } });
    });
  };
}

/** The draft's `at` from the step's answer ("" = announce on Confirm). */
function atOf(at: string): Pick<EventDraft, "at"> {
  const [date = "", time = ""] = at.split(" ");
  return at === "" ? {} : { at: { date, time } };
}
