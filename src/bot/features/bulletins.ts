import { randomBytes } from "node:crypto";
import { Composer, InlineKeyboard } from "grammy";
import { formatDate } from "../../domain/notice-text.js";
import type { BotContext } from "../context.js";
import { staffOnly } from "../guards.js";
import { listBulletins, openBulletin } from "./bulletins/list.js";
import { draftFrom, type Draft } from "./bulletins/publish.js";
import { bulletinNotice, monthLabel, releaseAt, replyParts, type BulletinServices } from "./bulletins/shared.js";
import { FlatComposer } from "../flat-composer.js";

export type { BulletinServices } from "./bulletins/shared.js";

/** The text after `/<name>` (or `/<name>@thisbot`) when a caption starts with that command. */
function captionCommandArgs(ctx: BotContext, name: string): string | undefined {
  const caption = ctx.msg?.caption ?? "";
  const entity = ctx.msg?.caption_entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (!entity) return undefined;
  const [cmd = "", at] = caption.slice(1, entity.length).split("@");
  if (cmd !== name || (at !== undefined && at.toLowerCase() !== ctx.me.username.toLowerCase())) return undefined;
  return caption.slice(entity.length).trimStart();
}

interface Pending {
  draft: Draft;
  staffId: number;
  createdAt: number;
  state: "pending" | "saving" | "saved";
}

const DAY_MS = 86_400_000;

/**
 * The health bulletin from the chat.
 * - `/bulletin [YYYY-MM] [lang=zh|en] <title>` + the text on the following lines, or a photo / PDF
 *   with that caption (staff): a preview of exactly what residents get and when, then Confirm
 *   stores the issue; the `health-bulletin` notice sends it on its date. Once per language; again
 *   for the same language replaces it until it is sent.
 * - `/bulletins` (anyone): past and upcoming issues, each opened again with a button.
 * Drafts live in memory under a short random id (a restart forgets them; their buttons say so).
 */
export function createBulletinsFeature(services: BulletinServices): Composer<BotContext> {
  const drafts = new Map<string, Pending>();
  const feature = new FlatComposer<BotContext>();
  const forgetOld = (now: number): void => {
    for (const [id, d] of drafts) if (now - d.createdAt > DAY_MS) drafts.delete(id);
  };

  const publish = async (ctx: BotContext, args: string): Promise<void> => {
    const draft = await draftFrom(ctx, services, args);
    if (typeof draft === "string") {
      await ctx.reply(draft);
      return;
    }
    const now = ctx.deps.now().getTime();
    forgetOld(now);
    const id = randomBytes(6).toString("base64url");
    drafts.set(id, { draft, staffId: ctx.from!.id, createdAt: now, state: "pending" });
    const keyboard = new InlineKeyboard().text(ctx.t("bulletin-confirm"), `bl:ok:${id}`).text(ctx.t("bulletin-cancel"), `bl:no:${id}`);
    await ctx.reply(draft.header);
    await replyParts(ctx, draft.html, draft.file, keyboard);
  };

  feature.command("bulletin", staffOnly, (ctx) => publish(ctx, typeof ctx.match === "string" ? ctx.match : ""));
  // grammY matches commands in message texts only: a photo or PDF captioned /bulletin is looked at here
  feature.on("message:caption", async (ctx, next) => {
    const args = captionCommandArgs(ctx, "bulletin");
    if (args === undefined) return next();
    await staffOnly(ctx, () => publish(ctx, args));
  });

  feature.callbackQuery(/^bl:(ok|no):([\w-]{1,16})$/, staffOnly, async (ctx) => {
    const [, action, id = ""] = ctx.match;
    forgetOld(ctx.deps.now().getTime());
    const pending = drafts.get(id);
    const clear = () => ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
    if (!pending) {
      await ctx.answerCallbackQuery({ text: ctx.t("bulletin-expired"), show_alert: true });
      await clear();
      return;
    }
    if (pending.staffId !== ctx.from.id) {
      await ctx.answerCallbackQuery({ text: ctx.t("bulletin-not-yours"), show_alert: true });
      return;
    }
    if (pending.state !== "pending") {
      await ctx.answerCallbackQuery({ text: ctx.t("bulletin-already-saved") });
      return;
    }
    const { input } = pending.draft;
    const month = monthLabel(input.id, ctx.locale);
    if (action === "no") {
      drafts.delete(id);
      await ctx.answerCallbackQuery({ text: ctx.t("bulletin-cancelled") });
      await clear();
      await ctx.reply(ctx.t("bulletin-cancelled"));
      return;
    }
    // sent in the meantime (its date came, or /sendnow): a new version would never go out
    if (await services.repo.sent(input.publishOn)) {
      drafts.delete(id);
      await ctx.answerCallbackQuery({ text: ctx.t("bulletin-error-sent", { month }), show_alert: true });
      await clear();
      return;
    }
    pending.state = "saving"; // before the first await: a second press finds it taken
    try {
      await services.repo.publish(input);
    } catch (err) {
      pending.state = "pending";
      throw err;
    }
    pending.state = "saved";
    const notice = await bulletinNotice(services.notices);
    const bulletin = await services.repo.get(input.id);
    const tz = services.catalog.timezone;
    const when = notice && bulletin ? formatDate(releaseAt(notice, bulletin, tz), tz, ctx.locale) : input.publishOn;
    await ctx.answerCallbackQuery({ text: ctx.t("bulletin-saved-short") });
    await clear();
    await ctx.reply(ctx.t("bulletin-saved", { month, lang: ctx.t(`bulletin-lang-${input.locale}`), when }));
  });

  feature.command("bulletins", (ctx) => listBulletins(ctx, services));
  feature.callbackQuery(/^bl:o:(\d{4}-\d{2})$/, (ctx) => openBulletin(ctx, services, ctx.match[1] ?? ""));

  return feature;
}
