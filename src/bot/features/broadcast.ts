import { randomBytes } from "node:crypto";
import { type Composer, InlineKeyboard } from "grammy";
import { FlatComposer } from "../flat-composer.js";
import { escapeHtml } from "../../domain/html.js";
import type { Outbox } from "../../delivery/outbox.js";
import { activeSubscribers } from "../../store/chats.js";
import type { BotContext } from "../context.js";
import { staffOnly } from "../guards.js";

export interface BroadcastServices {
  outbox: Outbox;
  /** most characters a notice may have (the preview header must fit in Telegram's 4096) */
  maxLength?: number;
  /** drafts older than this are forgotten (default 24 h) */
  draftTtlMs?: number;
}

interface Draft {
  /** the text as typed (plain); escaped when it becomes HTML */
  text: string;
  staffId: number;
  createdAt: number;
  state: "pending" | "sending" | "sent";
}

const MAX_LENGTH = 3800;
const DAY_MS = 86_400_000;

/**
 * /broadcast <text> (staff): a preview with Confirm / Cancel; only Confirm, by the same staff member,
 * puts the notice in the outbox for every active subscriber, once however often it is pressed.
 * Drafts live in memory under a short random id (button data stays far below 64 bytes): a restart
 * forgets unconfirmed drafts, and pressing one of their buttons says so.
 */
export function createBroadcastFeature(services: BroadcastServices): Composer<BotContext> {
  const { outbox } = services;
  const maxLength = services.maxLength ?? MAX_LENGTH;
  const ttl = services.draftTtlMs ?? DAY_MS;
  const drafts = new Map<string, Draft>();
  const feature = new FlatComposer<BotContext>();

  const forgetOld = (now: number): void => {
    for (const [id, d] of drafts) if (now - d.createdAt > ttl) drafts.delete(id);
  };

  feature.command("broadcast", staffOnly, async (ctx) => {
    // ctx.match is the message text after the command, newlines kept
    const text = typeof ctx.match === "string" ? ctx.match.trimEnd() : "";
    if (text.trim() === "") {
      await ctx.reply(ctx.t("broadcast-usage"));
      return;
    }
    if (text.length > maxLength) {
      await ctx.reply(ctx.t("broadcast-too-long", { length: text.length, max: maxLength }));
      return;
    }
    const now = ctx.deps.now().getTime();
    forgetOld(now);
    const id = randomBytes(6).toString("base64url");
    drafts.set(id, { text, staffId: ctx.from!.id, createdAt: now, state: "pending" });
    const keyboard = new InlineKeyboard().text(ctx.t("broadcast-confirm"), `bc:ok:${id}`).text(ctx.t("broadcast-cancel"), `bc:no:${id}`);
    const count = activeSubscribers(ctx.deps.store.data).length;
    await ctx.reply(`${ctx.t("broadcast-preview", { count })}\n\n${escapeHtml(text)}`, { reply_markup: keyboard });
  });

  feature.callbackQuery(/^bc:(ok|no):([\w-]{1,16})$/, staffOnly, async (ctx) => {
    const [, action, id = ""] = ctx.match;
    forgetOld(ctx.deps.now().getTime());
    const draft = drafts.get(id);
    if (!draft) {
      await ctx.answerCallbackQuery({ text: ctx.t("broadcast-expired"), show_alert: true });
      await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
      return;
    }
    if (draft.staffId !== ctx.from.id) {
      await ctx.answerCallbackQuery({ text: ctx.t("broadcast-not-yours"), show_alert: true });
      return;
    }
    if (draft.state !== "pending") {
      await ctx.answerCallbackQuery({ text: ctx.t("broadcast-already-sent") });
      return;
    }
    if (action === "no") {
      drafts.delete(id);
      await ctx.answerCallbackQuery({ text: ctx.t("broadcast-cancelled") });
      await ctx.editMessageText(`${ctx.t("broadcast-cancelled")}\n\n${escapeHtml(draft.text)}`, { reply_markup: { inline_keyboard: [] } });
      return;
    }
    // taken before the first await, so a second press (even concurrent) finds it already taken
    draft.state = "sending";
    const chatId = ctx.chat?.id ?? ctx.from.id;
    const html = escapeHtml(draft.text);
    const recipients = activeSubscribers(ctx.deps.store.data).map((c) => c.id);
    try {
      await outbox.enqueue({
        kind: "adhoc",
        text: { zh: html, en: html },
        recipients,
        createdBy: ctx.from.id,
        progress: { chatId, lang: ctx.locale },
      });
    } catch (err) {
      draft.state = "pending"; // not saved: let them try again
      throw err;
    }
    draft.state = "sent";
    await ctx.answerCallbackQuery({ text: ctx.t("broadcast-sending", { count: recipients.length }) });
    // already in the outbox: a failed edit (message too old) must not read as a failure
    await ctx
      .editMessageText(`${ctx.t("broadcast-sending", { count: recipients.length })}\n\n${html}`, { reply_markup: { inline_keyboard: [] } })
      .catch((err: unknown) => ctx.deps.log.warn({ err }, "could not edit the broadcast preview"));
  });

  return feature;
}
