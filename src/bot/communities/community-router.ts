import { Bot, type Context } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import { localeFromLanguageCode, type Locale, type Translate } from "../../domain/translate.js";
import type { ChatCommunitiesRepo } from "../../store/chat-communities-repo.js";
import { apiClientOptions, installApiTransformers, type ApiClientSettings } from "../transport/api-client.js";
import { PICK_PREFIX, pick, startWith, whichCommunity, type ChoiceDeps, type CommunityUnit } from "./community-choice.js";
import { isPrivateForgetMe, startPayload, updateChat, type UpdateChat } from "./update-chat.js";

export type { CommunityUnit } from "./community-choice.js";

export interface CommunityRouterOptions extends ApiClientSettings {
  /** the communities this bot serves, each with its own bot (createApp's) */
  units: readonly CommunityUnit[];
  /** which community each chat belongs to (give it a memory: createBindingCache) */
  bindings: ChatCommunitiesRepo;
  translate: (locale: Locale) => Translate;
  log: Pick<Logger, "error">;
  botInfo?: UserFromGetMe;
  /** milliseconds (default Date.now) */
  now?: () => number;
}

/**
 * The front of a bot several communities share (COMMUNITY=a,b): the poller or the webhook queue feed
 * it as they feed one community's bot, and it hands each update to the community its chat is bound
 * to (that community's `bot.handleUpdate`: its features, data, staff, language). `/start <slug>` (the
 * deep link t.me/<bot>?start=<slug>) binds the chat first; a chat with no community is asked which
 * one it is in, with a button per community. Commands no community claims go to the bound one too.
 */
export function createCommunityRouter(o: CommunityRouterOptions): Bot<Context> {
  const bot = new Bot<Context>(o.token, { ...(o.botInfo ? { botInfo: o.botInfo } : {}), client: apiClientOptions(o) });
  installApiTransformers(bot.api, o.transformers);
  const units = new Map(o.units.map((u) => [u.slug, u]));
  const now = o.now ?? Date.now;
  const deps: ChoiceDeps = { units, bindings: o.bindings, handOver, now: () => Math.floor(now() / 1000) };

  /** The community handles the update; its /forgetme also forgets the chat's binding, a migrated group keeps its community. */
  async function handOver(unit: CommunityUnit, update: Update, chat: UpdateChat): Promise<void> {
    await unit.bot.handleUpdate(update);
    if (isPrivateForgetMe(update)) await o.bindings.unbind(chat.chatId);
    const movedTo = update.message?.migrate_to_chat_id;
    if (movedTo !== undefined) await o.bindings.bind(movedTo, unit.slug);
  }

  async function route(ctx: Context): Promise<void> {
    const chat = updateChat(ctx.update);
    if (!chat) return;
    const only = units.size === 1 ? [...units.values()][0] : undefined;
    if (only) return handOver(only, ctx.update, chat);
    const locale = localeFromLanguageCode(ctx.from?.language_code);
    const t = o.translate(locale);
    const payload = startPayload(ctx.update, ctx.me.username);
    if (payload !== undefined) return startWith(ctx, deps, chat, payload, t, locale);
    const data = ctx.callbackQuery?.data;
    if (data?.startsWith(PICK_PREFIX)) return pick(ctx, deps, chat, data.slice(PICK_PREFIX.length), t, locale);
    const unit = await boundUnit(ctx.update, chat);
    if (unit) return handOver(unit, ctx.update, chat);
    await ask(ctx, chat, t, locale);
  }

  /** The chat's community; a supergroup a bound group became takes the group's. */
  async function boundUnit(update: Update, chat: UpdateChat): Promise<CommunityUnit | undefined> {
    const bound = await o.bindings.communityOf(chat.chatId);
    if (bound !== undefined) return units.get(bound);
    const from = update.message?.migrate_from_chat_id;
    const was = from === undefined ? undefined : await o.bindings.communityOf(from);
    if (was === undefined || !units.has(was)) return undefined;
    await o.bindings.bind(chat.chatId, was);
    return units.get(was);
  }

  /** A chat with no community: asked which (a group only for a command, or when the bot joins it). */
  async function ask(ctx: Context, chat: UpdateChat, t: Translate, locale: Locale): Promise<void> {
    const question = whichCommunity(deps, t, locale);
    const extra = question.reply_markup ? { reply_markup: question.reply_markup } : {};
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: t("communities-choose-first"), show_alert: true });
      if (!chat.group) await ctx.api.sendMessage(chat.chatId, question.text, extra);
      return;
    }
    const joined = ctx.myChatMember && ["member", "administrator"].includes(ctx.myChatMember.new_chat_member.status) && !["member", "administrator"].includes(ctx.myChatMember.old_chat_member.status);
    const command = ctx.message?.text?.startsWith("/") === true;
    if ((ctx.message && (!chat.group || command)) || (chat.group && joined)) await ctx.api.sendMessage(chat.chatId, question.text, extra);
  }

  bot.use(async (ctx) => {
    try {
      await route(ctx);
    } catch (err) {
      o.log.error({ err, updateId: ctx.update.update_id }, "could not route an update to its community");
    }
  });
  return bot;
}
