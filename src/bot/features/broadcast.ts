import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../domain/html.js";
import { formatDate } from "../../domain/notice-text.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { CompoundsRepo } from "../../store/compounds-repo.js";
import type { DraftsRepo } from "../../store/drafts-repo.js";
import type { ScheduledRepo } from "../../store/scheduled-repo.js";
import type { ChatsRepo } from "../../store/chats-repo.js";
import type { BotContext } from "../context.js";
import { staffOnly } from "../guards.js";
import { captionCommand, compoundNames, previewHeader, readBroadcast, type BroadcastRequest } from "./broadcast-draft.js";
import { FlatComposer } from "../flat-composer.js";

export interface BroadcastServices {
  outbox: Outbox;
  /** who receives a notice for everyone when there are no compounds */
  chats: Pick<ChatsRepo, "activeSubscriberIds">;
  /** `to=<compound>,…`: without it, every notice goes to everyone */
  compounds?: CompoundsRepo;
  /** `at=<YYYY-MM-DD HH:MM>`: without it, notices go out on Confirm only */
  scheduled?: ScheduledRepo;
  /** most characters a notice may have (the preview header must fit in Telegram's 4096) */
  maxLength?: number;
  /** previews waiting for Confirm (the store: Confirm works after a restart; kept 24 h) */
  drafts: DraftsRepo;
}

/** A preview as kept in the store: JSON, so `at` is an ISO instant. */
type Draft = Omit<BroadcastRequest, "at"> & { at?: string };

const MAX_LENGTH = 3800;
const KIND = "broadcast";

/**
 * /broadcast [to=<compound>,…] [at=<YYYY-MM-DD HH:MM>] <text> (staff), or a photo / document whose
 * caption is that (a poster): a preview with Confirm / Cancel; only Confirm, by the same staff member,
 * puts the notice in the outbox for its audience (or, with at=, keeps it until then), once however
 * often it is pressed. Drafts are kept in the store (DraftsRepo) under a short token (button data
 * stays far below 64 bytes), so Confirm works after a restart; after a day they are gone.
 */
export function createBroadcastFeature(services: BroadcastServices): Composer<BotContext> {
  const { outbox, compounds, scheduled, drafts } = services;
  const maxLength = services.maxLength ?? MAX_LENGTH;
  const feature = new FlatComposer<BotContext>();
  const audience = async (to: string[] | undefined): Promise<number[]> =>
    compounds ? await compounds.recipients(to) : await services.chats.activeSubscriberIds();

  const preview = async (ctx: BotContext, args: string): Promise<void> => {
    const known = compounds ? await compounds.list() : undefined;
    const request = readBroadcast(ctx, args, { ...(known ? { compounds: known } : {}), scheduling: scheduled !== undefined, maxLength });
    if ("error" in request) {
      await ctx.reply(request.error);
      return;
    }
    const { at, ...rest } = request;
    const count = (await audience(request.to)).length;
    if (count === 0 && !at) {
      // nothing to confirm: a Confirm that sends to no one reads as sent
      await ctx.reply(request.to && known ? ctx.t("broadcast-to-nobody", { names: compoundNames(ctx, known, request.to) }) : ctx.t("broadcast-nobody"));
      return;
    }
    const id = await drafts.put<Draft>(KIND, ctx.from!.id, { ...rest, ...(at ? { at: at.toISOString() } : {}) });
    const keyboard = new InlineKeyboard().text(ctx.t("broadcast-confirm"), `bc:ok:${id}`).text(ctx.t("broadcast-cancel"), `bc:no:${id}`);
    const header = previewHeader(ctx, request, count, known);
    const html = escapeHtml(request.text);
    if (request.media) {
      // the poster exactly as residents will see it, then the question with the buttons
      const other = { caption: html };
      if (request.media.type === "photo") await ctx.replyWithPhoto(request.media.fileId, other);
      else await ctx.replyWithDocument(request.media.fileId, other);
      await ctx.reply(header, { reply_markup: keyboard });
      return;
    }
    await ctx.reply(`${header}\n\n${html}`, { reply_markup: keyboard });
  };

  feature.command("broadcast", staffOnly, (ctx) => preview(ctx, typeof ctx.match === "string" ? ctx.match : ""));
  // a poster: grammY's command() reads texts only, not captions
  feature.on(["message:photo", "message:document"], async (ctx, next) => {
    const args = captionCommand(ctx, "broadcast");
    if (args === undefined) return next();
    await staffOnly(ctx, () => preview(ctx, args));
  });

  feature.callbackQuery(/^bc:(ok|no):([\w-]{1,16})$/, staffOnly, async (ctx) => {
    const [, action, id = ""] = ctx.match;
    const claim = action === "no" ? await drafts.drop(KIND, id, ctx.from.id) : await drafts.claim<Draft>(KIND, id, ctx.from.id);
    if (claim === "missing") {
      await ctx.answerCallbackQuery({ text: ctx.t("broadcast-expired"), show_alert: true });
      await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
      return;
    }
    if (claim === "not-yours") return void (await ctx.answerCallbackQuery({ text: ctx.t("broadcast-not-yours"), show_alert: true }));
    if (claim === "taken") return void (await ctx.answerCallbackQuery({ text: ctx.t("broadcast-already-sent") }));
    const draft = claim.value as Draft;
    const html = escapeHtml(draft.text);
    const body = draft.media ? "" : `\n\n${html}`;
    if (action === "no") {
      await ctx.answerCallbackQuery({ text: ctx.t("broadcast-cancelled") });
      await ctx.editMessageText(`${ctx.t("broadcast-cancelled")}${body}`, { reply_markup: { inline_keyboard: [] } });
      return;
    }
    // claimed in one store write, so a second press (even concurrent, even after a restart) finds it taken
    const chatId = ctx.chat?.id ?? ctx.from.id;
    let done: string;
    try {
      done = draft.at && scheduled ? await keep(ctx, draft.at, draft, chatId, scheduled) : await send(ctx, draft, chatId, html);
    } catch (err) {
      await drafts.settle(id, "pending"); // not saved: let them try again
      throw err;
    }
    await drafts.settle(id, "done");
    await ctx.answerCallbackQuery({ text: done });
    // already in the outbox: a failed edit (message too old) must not read as a failure
    await ctx
      .editMessageText(`${done}${body}`, { reply_markup: { inline_keyboard: [] } })
      .catch((err: unknown) => ctx.deps.log.warn({ err }, "could not edit the broadcast preview"));
  });

  /** Puts a confirmed draft in the outbox now; the answer to show. */
  const send = async (ctx: BotContext, draft: Draft, chatId: number, html: string): Promise<string> => {
    const recipients = await audience(draft.to);
    await outbox.enqueue({
      kind: "adhoc",
      text: { zh: html, en: html },
      ...(draft.media ? { media: draft.media } : {}),
      recipients,
      createdBy: ctx.from!.id,
      progress: { chatId, lang: ctx.locale },
    });
    return ctx.t("broadcast-sending", { count: recipients.length });
  };

  /** Keeps a confirmed draft with at= until its time; the answer to show. */
  const keep = async (ctx: BotContext, at: string, draft: Draft, chatId: number, repo: ScheduledRepo): Promise<string> => {
    const item = await repo.schedule({
      at,
      createdBy: ctx.from!.id,
      text: draft.text,
      ...(draft.media ? { media: draft.media } : {}),
      ...(draft.to ? { to: draft.to } : {}),
      progress: { chatId, lang: ctx.locale },
    });
    return ctx.t("broadcast-at-kept", { at: formatDate(new Date(at), ctx.deps.timezone, ctx.locale), id: item.id });
  };

  return feature;
}
