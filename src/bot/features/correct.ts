import { type Api, Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../domain/html.js";
import type { ApiSignal } from "../../delivery/sender.js";
import { isNotModified } from "../../delivery/send-errors.js";
import type { BroadcastHistory, CorrectableBroadcast } from "../../store/deliveries-repo.js";
import type { DraftsRepo } from "../../store/drafts-repo.js";
import { EDIT_WINDOW_MS } from "../../store/deliveries-repo.js";
import type { BotContext } from "../context.js";
import { staffOnly } from "../guards.js";
import { MAX_CAPTION } from "./broadcast-draft.js";
import { FlatComposer } from "../flat-composer.js";

export interface CorrectServices {
  /** the broadcasts staff may correct */
  history: Pick<BroadcastHistory, "ofSummary" | "correctable" | "saveCorrection">;
  /** the sender's rate limit (Sender.limited): edits share it with broadcasts */
  limited: <T>(chatId: number, call: (signal: ApiSignal) => Promise<T>) => Promise<T>;
  maxLength?: number;
  /** the preview waiting for Confirm, where every instance (and a restart) finds it */
  drafts: DraftsRepo;
}

interface Draft {
  broadcastId: string;
  text: string;
}

const KIND = "correct";

/**
 * /correct <new text>, as a reply to the bot's summary of a broadcast (staff): a preview, then
 * Confirm edits every delivered copy in place (editMessageText, or editMessageCaption for a poster)
 * under the sender's rate limit, within Telegram's 48 hours. A copy that cannot be edited (deleted,
 * the chat gone) is counted once, not retried; the staff member gets the totals.
 */
export function createCorrectFeature(services: CorrectServices): Composer<BotContext> {
  const { drafts } = services;
  const feature = new FlatComposer<BotContext>();

  feature.command("correct", staffOnly, async (ctx) => {
    const text = typeof ctx.match === "string" ? ctx.match.trim() : "";
    const reply = ctx.message?.reply_to_message;
    const b = reply && ctx.chat ? await services.history.ofSummary(ctx.chat.id, reply.message_id) : undefined;
    if (!reply || text === "") return void (await ctx.reply(ctx.t("correct-usage")));
    if (!b) return void (await ctx.reply(ctx.t("correct-not-summary")));
    const max = b.media ? MAX_CAPTION : (services.maxLength ?? 3800);
    if ([...text].length > max) return void (await ctx.reply(ctx.t("broadcast-too-long", { length: [...text].length, max })));
    if (ctx.deps.now().getTime() - Date.parse(b.createdAt) > EDIT_WINDOW_MS) return void (await ctx.reply(ctx.t("correct-too-old")));
    if (b.status !== "done") return void (await ctx.reply(ctx.t("correct-still-sending")));
    const id = await drafts.put<Draft>(KIND, ctx.from!.id, { broadcastId: b.id, text });
    const keyboard = new InlineKeyboard().text(ctx.t("broadcast-confirm"), `cr:ok:${id}`).text(ctx.t("broadcast-cancel"), `cr:no:${id}`);
    await ctx.reply(`${ctx.t("correct-preview", { count: b.copies.length })}\n\n${escapeHtml(text)}`, { reply_markup: keyboard });
  });

  feature.callbackQuery(/^cr:(ok|no):([\w-]{1,16})$/, staffOnly, async (ctx) => {
    const [, action, id = ""] = ctx.match;
    // claimed (or dropped) in one write: a second press, on any instance or after a restart, finds it taken
    const claim = action === "no" ? await drafts.drop(KIND, id, ctx.from.id) : await drafts.claim<Draft>(KIND, id, ctx.from.id);
    if (typeof claim === "string") {
      const key = { missing: "correct-expired", "not-yours": "broadcast-not-yours", taken: "broadcast-already-sent" }[claim];
      await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true });
      return;
    }
    await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
    if (action === "no") return void (await ctx.answerCallbackQuery({ text: ctx.t("broadcast-cancelled") }));
    const draft = claim.value as Draft; // drop's value is unknown-typed; this one was claimed
    await drafts.settle(id, "done");
    const b = await services.history.correctable(draft.broadcastId);
    if (!b) return void (await ctx.answerCallbackQuery({ text: ctx.t("broadcast-expired"), show_alert: true }));
    const html = escapeHtml(draft.text);
    await services.history.saveCorrection(b.id, html);
    await ctx.answerCallbackQuery({ text: ctx.t("correct-started") });
    // thousands of edits take minutes at the allowed rate: the update is done, the summary follows
    const chatId = ctx.chat?.id ?? ctx.from.id;
    const t = ctx.t.bind(ctx);
    void editAll(ctx.api, b, html, services.limited)
      .then((result) => ctx.api.sendMessage(chatId, t("correct-summary", result)))
      .catch((err: unknown) => ctx.deps.log.warn({ err }, "could not finish a correction"));
  });

  return feature;
}

/** Edits every delivered copy once; counts the edited and those that could not be. */
export async function editAll(api: Api, b: CorrectableBroadcast, html: string, limited: CorrectServices["limited"]): Promise<{ edited: number; failed: number }> {
  const copies = b.copies;
  let edited = 0;
  let failed = 0;
  await Promise.all(
    copies.map(({ chatId, messageId }) =>
      limited(chatId, async (signal) => {
        if (b.media) await api.editMessageCaption(chatId, messageId, { caption: html, parse_mode: "HTML" }, signal);
        else await api.editMessageText(chatId, messageId, html, { parse_mode: "HTML" }, signal);
      }).then(
        () => edited++,
        (err: unknown) => (isNotModified(err) ? edited++ : failed++),
      ),
    ),
  );
  return { edited, failed };
}
