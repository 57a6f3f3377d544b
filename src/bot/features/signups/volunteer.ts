import { Composer } from "grammy";
import type { Message } from "grammy/types";
import { occurrenceOfKeyboard, parseSignupCallback, SIGNUP_JOIN_LABEL, signupKeyboard } from "../../../domain/signups/buttons.js";
import { splitMessage } from "../../../domain/html.js";
import type { BotContext } from "../../context.js";
import { createAct, ownLocale, type Act } from "./act.js";
import { createTextSignups } from "./by-text.js";
import type { LiveCounter } from "./live-count.js";
import { occurrenceArgs, translatorsOf, type SignupFeatureServices } from "./shared.js";
import { FlatComposer } from "../../flat-composer.js";

/**
 * Volunteers: the sign-up buttons, text sign-ups (see by-text.ts), /my.
 *
 * Counts on a reminder's buttons are kept only where they are kept current: a group's reminders
 * (recorded when delivered, or when first pressed), edited on every change. A private copy shows
 * none: nobody would edit it when others sign up, so it would soon be stale.
 */
export function createVolunteerHandlers(services: SignupFeatureServices & { live: LiveCounter }): Composer<BotContext> {
  const { repo } = services;
  const feature = new FlatComposer<BotContext>();
  const act = createAct(services);

  /** Where the pressed message shows this occurrence's buttons: a group's count to keep current, a private copy's stale count to drop. */
  const pressedReminder = (ctx: BotContext, m: Message | undefined, occurrenceId: string): Pick<Act, "live"> => {
    if (!m || occurrenceOfKeyboard(m.reply_markup) !== occurrenceId) return {};
    if (m.chat.type === "private") {
      const label = m.reply_markup?.inline_keyboard[0]?.[0];
      // copies sent before counts left private chats: take the frozen number off
      if (label && "text" in label && label.text !== SIGNUP_JOIN_LABEL) {
        void ctx.api.editMessageReplyMarkup(m.chat.id, m.message_id, { reply_markup: signupKeyboard(occurrenceId) }).catch(() => undefined);
      }
      return {};
    }
    void repo.rememberLiveMessage(occurrenceId, m.chat.id, m.message_id);
    return { live: { chatId: m.chat.id, messageId: m.message_id } };
  };

  feature.callbackQuery(/^su:/, async (ctx) => {
    // the answer is seen by the presser only: their language, not the group's
    const locale = await ownLocale(ctx);
    const t = translatorsOf(ctx)(locale);
    const parsed = parseSignupCallback(ctx.callbackQuery.data);
    if (!parsed) {
      await ctx.answerCallbackQuery({ text: t("signup-invalid"), show_alert: true });
      return;
    }
    // only a reminder's keyboard shows the count: a "which one?" list of several must stay as it is
    const live = pressedReminder(ctx, ctx.callbackQuery.message, parsed.occurrenceId);
    const { headcount, add } = parsed;
    const party = headcount !== undefined ? { headcount } : add !== undefined ? { headcount: add, add: true } : {};
    const text = await act(ctx, { action: parsed.action, occurrenceId: parsed.occurrenceId, via: "button", ...party, ...live }, { t, locale });
    await ctx.answerCallbackQuery({ text: text.slice(0, 200) });
  });

  feature.use(createTextSignups(services, act));

  feature.command("my", async (ctx) => {
    if (!ctx.from) return;
    const rec = await repo.userRecord(ctx.from.id);
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
    const extra = await services.myExtra?.(ctx);
    if (extra) lines.push(extra);
    // sign-ups may reach far ahead (any real occurrence can be joined): never one text over 4,096
    for (const part of splitMessage(lines.join("\n"))) await ctx.reply(part);
  });

  return feature;
}
