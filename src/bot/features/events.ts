import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml, truncate } from "../../domain/html.js";
import { formatDate } from "../../domain/notice-text.js";
import type { CompoundsRepo } from "../../store/compounds-repo.js";
import type { ScheduledRepo } from "../../store/scheduled-repo.js";
import type { BotContext } from "../context.js";
import { staffOnly } from "../guards.js";
import { compoundNames } from "./broadcast-draft.js";

export interface EventsServices {
  scheduled: ScheduledRepo;
  compounds: CompoundsRepo;
}

/** The most waiting broadcasts listed (one button each). */
const MAX_LISTED = 20;

/**
 * /events (staff), so far: the broadcasts waiting for their `at=` time, each with a cancel button.
 * (One-off events and the recurring notices' buttons are still to come: issue 14.)
 */
export function createEventsFeature(services: EventsServices): Composer<BotContext> {
  const { scheduled, compounds } = services;
  const feature = new Composer<BotContext>();

  const listing = (ctx: BotContext): { text: string; keyboard: InlineKeyboard } => {
    const waiting = scheduled.waiting().slice(0, MAX_LISTED);
    const keyboard = new InlineKeyboard();
    if (waiting.length === 0) return { text: ctx.t("events-none-waiting"), keyboard };
    const lines = [ctx.t("events-waiting-title")];
    for (const s of waiting) {
      const to = s.to ? compoundNames(ctx, compounds, s.to) : ctx.t("events-to-all");
      const at = formatDate(new Date(s.at), ctx.deps.timezone, ctx.locale);
      lines.push(ctx.t("events-waiting-item", { id: s.id, at, to, text: escapeHtml(truncate(s.text, 40)), media: s.media ? "🖼 " : "" }));
      keyboard.text(ctx.t("events-cancel-button", { id: s.id }), `sc:x:${s.id}`).row();
    }
    return { text: lines.join("\n"), keyboard };
  };

  feature.command("events", staffOnly, async (ctx) => {
    const { text, keyboard } = listing(ctx);
    await ctx.reply(text, { reply_markup: keyboard });
  });

  feature.callbackQuery(/^sc:x:(s\d{1,9})$/, staffOnly, async (ctx) => {
    const id = ctx.match[1] ?? "";
    const cancelled = await scheduled.finish(id, "cancelled");
    await ctx.answerCallbackQuery({ text: ctx.t(cancelled ? "events-cancelled" : "events-not-waiting", { id }), show_alert: !cancelled });
    const { text, keyboard } = listing(ctx);
    await ctx.editMessageText(text, { reply_markup: keyboard }).catch(() => undefined);
  });

  return feature;
}
