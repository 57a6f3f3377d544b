import type { ConversationFlavor } from "@grammyjs/conversations";
import { Composer, InputFile } from "grammy";
import { escapeHtml } from "../../domain/html.js";
import type { BotContext } from "../context.js";
import { commandArgs, staffOnly } from "../guards.js";
import { EDIT_FIELDS } from "./events-edit.js";
import { eventsListing, noticeCard, type EventsListServices } from "./events-list.js";
import { FlatComposer } from "../flat-composer.js";

export type EventsServices = EventsListServices;

const ID = "[a-z0-9][a-z0-9-]{0,31}";

/**
 * /events (staff): the upcoming one-off events, the recurring notices (a button each opens its card:
 * change the text, time, place or capacity, pause or resume) and the broadcasts waiting for their
 * `at=` time (each with a cancel button). `/events export` sends the notices as a JSON file shaped
 * like data/notices.json (a backup, or the seed of another store). The edits themselves run in the
 * "event-edit" conversation (see event.ts), which must be installed before this feature.
 */
export function createEventsFeature(services: EventsServices): Composer<BotContext> {
  const { scheduled, notices } = services;
  const feature = new FlatComposer<BotContext>();

  const showList = async (ctx: BotContext): Promise<void> => {
    const { text, keyboard } = await eventsListing(ctx, services);
    await ctx.editMessageText(text, { reply_markup: keyboard }).catch(() => undefined);
  };

  feature.command("events", staffOnly, async (ctx) => {
    const args = commandArgs(ctx).toLowerCase();
    if (args === "export") {
      const file = await notices.exportFile();
      const json = `${JSON.stringify(file, null, 2)}\n`;
      await ctx.replyWithDocument(new InputFile(Buffer.from(json, "utf8"), "notices.json"), {
        caption: ctx.t("events-export-caption", { count: file.notices.length }),
      });
      return;
    }
    if (args !== "") return void (await ctx.reply(ctx.t("events-usage")));
    const { text, keyboard } = await eventsListing(ctx, services);
    await ctx.reply(text, { reply_markup: keyboard });
  });

  feature.callbackQuery(/^sc:x:(s\d{1,9})$/, staffOnly, async (ctx) => {
    const id = ctx.match[1] ?? "";
    const cancelled = await scheduled.finish(id, "cancelled");
    await ctx.answerCallbackQuery({ text: ctx.t(cancelled ? "events-cancelled" : "events-not-waiting", { id }), show_alert: !cancelled });
    await showList(ctx);
  });

  feature.callbackQuery("en:l", staffOnly, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showList(ctx);
  });

  feature.callbackQuery(new RegExp(`^en:([vpr]):(${ID})$`), staffOnly, async (ctx) => {
    const [, action, id = ""] = ctx.match;
    if (action !== "v") {
      const done = await notices.setPaused(id, action === "p");
      if (!done) return void (await ctx.answerCallbackQuery({ text: ctx.t("events-unknown", { id: escapeHtml(id) }), show_alert: true }));
    }
    const notice = await notices.get(id);
    if (!notice) return void (await ctx.answerCallbackQuery({ text: ctx.t("events-unknown", { id: escapeHtml(id) }), show_alert: true }));
    await ctx.answerCallbackQuery(action === "v" ? {} : { text: ctx.t(action === "p" ? "events-paused" : "events-resumed", { id }) });
    const { text, keyboard } = noticeCard(ctx, notice);
    await ctx.editMessageText(text, { reply_markup: keyboard }).catch(() => undefined);
  });

  feature.callbackQuery(new RegExp(`^en:e:([xtpc]):(${ID})$`), staffOnly, async (ctx) => {
    const [, letter = "x", id = ""] = ctx.match;
    const field = EDIT_FIELDS[letter as keyof typeof EDIT_FIELDS];
    if (!(await notices.get(id))) return void (await ctx.answerCallbackQuery({ text: ctx.t("events-unknown", { id: escapeHtml(id) }), show_alert: true }));
    await ctx.answerCallbackQuery();
    const flavored = ctx as ConversationFlavor<BotContext>;
    // one edit at a time per chat: a new button press replaces an edit left unanswered
    await flavored.conversation.exitAll();
    await flavored.conversation.enter("event-edit", ctx.locale, id, field);
  });

  return feature;
}
