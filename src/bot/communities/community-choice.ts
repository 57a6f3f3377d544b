import { InlineKeyboard, type Context } from "grammy";
import type { Update } from "grammy/types";
import { escapeHtml, truncate } from "../../domain/html.js";
import type { Locale, Localized, Translate } from "../../domain/translate.js";
import type { ChatCommunitiesRepo } from "../../store/chat-communities-repo.js";
import type { UpdateChat } from "./update-chat.js";

/** One community served by the shared bot. */
export interface CommunityUnit {
  readonly slug: string;
  /** as residents choose it (community.json's name, else the slug) */
  readonly name: Localized;
  /** the community's own bot (createApp's): its features, data and staff */
  readonly bot: { handleUpdate(update: Update): Promise<void> };
  /** whether the person is this community's staff (or admin) */
  isStaff(userId: number): Promise<boolean>;
}

/** What choosing a community works with. */
export interface ChoiceDeps {
  readonly units: ReadonlyMap<string, CommunityUnit>;
  readonly bindings: ChatCommunitiesRepo;
  /** hands the update to the unit, then keeps the binding in step (see the router) */
  handOver(unit: CommunityUnit, update: Update, chat: UpdateChat): Promise<void>;
  /** seconds since the epoch, for the /start a press stands for */
  readonly now: () => number;
}

/** Callback data of a community's button: `cm:<slug>` (a slug is at most 64 bytes; Telegram allows 64 + 3 here: fine for ours). */
export const PICK_PREFIX = "cm:";

/** More communities than this are not offered as buttons: the resident opens their office's link. */
const MAX_BUTTONS = 40;

/**
 * The question for a chat with no community yet, with a button per community (or, for a long list,
 * the advice to open the link the community's office gave).
 */
export function whichCommunity(deps: Pick<ChoiceDeps, "units">, t: Translate, locale: Locale, lead?: string): { text: string; reply_markup?: InlineKeyboard } {
  const units = [...deps.units.values()];
  if (units.length > MAX_BUTTONS) return { text: [lead, t("communities-which-link")].filter(Boolean).join("\n") };
  const keyboard = new InlineKeyboard();
  for (const unit of units) keyboard.text(unit.name[locale], `${PICK_PREFIX}${unit.slug}`).row();
  return { text: [lead, t("communities-which")].filter(Boolean).join("\n"), reply_markup: keyboard };
}

/**
 * Whether the sender may bind this chat to another community: always in a private chat and for a
 * group not bound yet; a group bound to a community only by that community's staff.
 */
async function mayRebind(deps: ChoiceDeps, chat: UpdateChat, current: string | undefined, userId: number | undefined): Promise<boolean> {
  const owner = current === undefined ? undefined : deps.units.get(current);
  if (!chat.group || owner === undefined) return true;
  return userId !== undefined && (await owner.isStaff(userId));
}

/** `/start <slug>`: binds the chat to the community (see mayRebind) and runs the community's /start. */
export async function startWith(ctx: Context, deps: ChoiceDeps, chat: UpdateChat, payload: string, t: Translate, locale: Locale): Promise<void> {
  const unit = deps.units.get(payload.toLowerCase());
  if (!unit) {
    const lead = t("communities-unknown", { slug: escapeHtml(truncate(payload, 64)) });
    const ask = whichCommunity(deps, t, locale, lead);
    await ctx.reply(ask.text, ask.reply_markup ? { reply_markup: ask.reply_markup } : {});
    return;
  }
  const current = await deps.bindings.communityOf(chat.chatId);
  if (current !== unit.slug) {
    if (!(await mayRebind(deps, chat, current, ctx.from?.id))) {
      await ctx.reply(t("communities-group-bound", { community: nameOf(deps, current, locale) }));
      return;
    }
    await deps.bindings.bind(chat.chatId, unit.slug);
  }
  await deps.handOver(unit, ctx.update, chat);
}

/** A press of a community's button: binds the chat as /start <slug> would, then runs that community's /start. */
export async function pick(ctx: Context, deps: ChoiceDeps, chat: UpdateChat, slug: string, t: Translate, locale: Locale): Promise<void> {
  const press = ctx.callbackQuery;
  const unit = deps.units.get(slug);
  const where = press?.message?.chat;
  if (!press?.message || !unit || !where || where.type === "channel") {
    await ctx.answerCallbackQuery({ text: t("communities-gone"), show_alert: true });
    return;
  }
  const current = await deps.bindings.communityOf(chat.chatId);
  if (current !== unit.slug && !(await mayRebind(deps, chat, current, press.from.id))) {
    await ctx.answerCallbackQuery({ text: t("communities-group-bound", { community: nameOf(deps, current, locale) }), show_alert: true });
    return;
  }
  if (current !== unit.slug) await deps.bindings.bind(chat.chatId, unit.slug);
  await ctx.answerCallbackQuery({ text: t("communities-chosen", { community: unit.name[locale] }) });
  // the community's own /start, as if the presser had sent it in that chat
  const start: Update = {
    update_id: ctx.update.update_id,
    message: { message_id: press.message.message_id, date: deps.now(), chat: where, from: press.from, text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] },
  };
  await deps.handOver(unit, start, chat);
}

function nameOf(deps: Pick<ChoiceDeps, "units">, slug: string | undefined, locale: Locale): string {
  const unit = slug === undefined ? undefined : deps.units.get(slug);
  return unit ? unit.name[locale] : (slug ?? "");
}
