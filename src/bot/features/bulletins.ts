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

const KIND = "bulletin";

/**
 * The health bulletin from the chat.
 * - `/bulletin [YYYY-MM] [lang=zh|en] <title>` + the text on the following lines, or a photo / PDF
 *   with that caption (staff): a preview of exactly what residents get and when, then Confirm
 *   stores the issue; the `health-bulletin` notice sends it on its date. Once per language; again
 *   for the same language replaces it until it is sent.
 * - `/bulletins` (anyone): past and upcoming issues, each opened again with a button.
 * Previews are kept in the store (DraftsRepo) for a day: Confirm works once, after a restart and on
 * any instance; an expired one's buttons say so.
 */
export function createBulletinsFeature(services: BulletinServices): Composer<BotContext> {
  const { drafts } = services;
  const feature = new FlatComposer<BotContext>();

  const publish = async (ctx: BotContext, args: string): Promise<void> => {
    const draft = await draftFrom(ctx, services, args);
    if (typeof draft === "string") {
      await ctx.reply(draft);
      return;
    }
    const id = await drafts.put(KIND, ctx.from!.id, draft);
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
    const clear = () => ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
    const refuse = async (why: "missing" | "not-yours" | "taken"): Promise<void> => {
      if (why === "taken") return void (await ctx.answerCallbackQuery({ text: ctx.t("bulletin-already-saved") }));
      await ctx.answerCallbackQuery({ text: ctx.t(why === "missing" ? "bulletin-expired" : "bulletin-not-yours"), show_alert: true });
      if (why === "missing") await clear();
    };
    if (action === "no") {
      const dropped = await drafts.drop(KIND, id, ctx.from.id);
      if (typeof dropped === "string") return refuse(dropped);
      await ctx.answerCallbackQuery({ text: ctx.t("bulletin-cancelled") });
      await clear();
      await ctx.reply(ctx.t("bulletin-cancelled"));
      return;
    }
    // claimed in one write: a second press, on any instance or after a restart, finds it taken
    const claim = await drafts.claim<Draft>(KIND, id, ctx.from.id);
    if (typeof claim === "string") return refuse(claim);
    const { input } = claim.value;
    const month = monthLabel(input.id, ctx.locale);
    // sent in the meantime (its date came, or /sendnow): a new version would never go out
    if (await services.repo.sent(input.publishOn)) {
      await drafts.settle(id, "done");
      await ctx.answerCallbackQuery({ text: ctx.t("bulletin-error-sent", { month }), show_alert: true });
      await clear();
      return;
    }
    try {
      await services.repo.publish(input);
    } catch (err) {
      await drafts.settle(id, "pending");
      throw err;
    }
    await drafts.settle(id, "done");
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
