import { InlineKeyboard } from "grammy";
import { cleanName } from "../../domain/display-name.js";
import { escapeHtml } from "../../domain/html.js";
import type { Locale } from "../../domain/translate.js";
import { communityName } from "../community-name.js";
import type { BotContext } from "../context.js";
import { FlatComposer } from "../flat-composer.js";
import { senderIsDistrict, senderIsStaff } from "../guards.js";

/** /start, /help, /lang and /stop: a resident's first journey. */
export const startFeature = new FlatComposer<BotContext>();

const langKeyboard = () => new InlineKeyboard().text("中文", "lang:zh").text("English", "lang:en");

startFeature.command("start", async (ctx) => {
  const chat = ctx.chat;
  const { chats } = ctx.deps;
  const was = await chats.get(chat.id);
  const returning = was !== undefined && (!was.subscribed || !was.active);
  // what a group receives is for its admins (and staff): a member's /start must not undo their
  // /stop (a group never seen before is subscribed, as when the bot is added to it)
  if (chat.type !== "private" && was !== undefined && !was.subscribed && !(await mayManageGroup(ctx))) {
    await ctx.reply(ctx.t("group-start-admins"));
    return;
  }
  const info = { id: chat.id, type: chat.type, ...("title" in chat && chat.title ? { title: chat.title } : {}) };
  // notices are sent outside any update, so the language this person is answered in now (their
  // Telegram language unless they chose) is kept for them too
  await chats.subscribe(info, chat.type === "private" ? ctx.locale : undefined);
  if (chat.type !== "private") {
    await ctx.reply(ctx.t("core-welcome-group", { community: communityName(ctx.deps, ctx.locale, ctx.t) }));
    return;
  }
  const name = escapeHtml(cleanName(ctx.from?.first_name ?? ""));
  const text = returning ? ctx.t("core-welcome-back", { name }) : ctx.t("core-welcome", { name, community: communityName(ctx.deps, ctx.locale, ctx.t) });
  await ctx.reply(text, { reply_markup: langKeyboard() });
});

startFeature.command("help", async (ctx) => {
  const role = ctx.from ? await ctx.deps.users.roleOf(ctx.from.id) : undefined;
  let text = ctx.t("core-help");
  if (role) text += "\n" + ctx.t("core-help-staff");
  if (role === "admin") text += "\n" + ctx.t("core-help-admin");
  if (senderIsDistrict(ctx)) text += "\n" + ctx.t("district-help");
  await ctx.reply(text);
});

startFeature.command("lang", async (ctx) => {
  if (ctx.chat.type !== "private" && !(await mayManageGroup(ctx))) {
    await ctx.reply(ctx.t("group-lang-admins"));
    return;
  }
  // “/lang en” or “/lang 中文” switches at once; a bare /lang (or a word we do not know) asks
  const lang = localeNamed(ctx.match);
  if (lang) await applyLanguage(ctx, lang);
  else await ctx.reply(ctx.t("core-choose-lang"), { reply_markup: langKeyboard() });
});

startFeature.callbackQuery(/^lang:(zh|en)$/, async (ctx) => {
  const lang = ctx.match[1] as Locale;
  // the group's language is the group's: the same rule as /stop and /start
  if (ctx.chat && ctx.chat.type !== "private" && !(await mayManageGroup(ctx))) {
    await ctx.answerCallbackQuery({ text: ctx.t("group-lang-admins"), show_alert: true });
    return;
  }
  await applyLanguage(ctx, lang);
});

const LANG_WORDS: Record<string, Locale> = {
  zh: "zh", cn: "zh", chinese: "zh", 中文: "zh", 汉语: "zh", 简体中文: "zh", 普通话: "zh",
  en: "en", eng: "en", english: "en", 英文: "en", 英语: "en",
};

function localeNamed(arg: string): Locale | undefined {
  return LANG_WORDS[arg.trim().toLowerCase()];
}

async function applyLanguage(ctx: BotContext, lang: Locale): Promise<void> {
  const { users, chats } = ctx.deps;
  const from = ctx.from;
  if (ctx.chat && ctx.chat.type !== "private") await chats.setLanguage(ctx.chat.id, lang);
  else if (ctx.chat && from) await Promise.all([users.setLanguage(from, lang), chats.setLanguage(ctx.chat.id, lang)]);
  else if (from) await users.setLanguage(from, lang);
  ctx.i18n.useLocale(lang);
  ctx.locale = lang;
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("core-lang-set") });
  await ctx.reply(ctx.t("core-lang-set"));
  if (from) await ctx.deps.onRolesChanged?.(from.id);
}

startFeature.command("stop", async (ctx) => {
  // one member must not switch off a whole building's notices: groups need an admin or staff
  if (ctx.chat.type !== "private" && !(await mayManageGroup(ctx))) {
    await ctx.reply(ctx.t("core-stop-group-admins"));
    return;
  }
  const changed = await ctx.deps.chats.unsubscribe(ctx.chat.id);
  await ctx.reply(ctx.t(changed ? "core-stopped" : "core-not-subscribed"));
});

/**
 * A group's own admins, and community staff, may change what the group receives and its language.
 * An anonymous admin writes as the group itself (`sender_chat`); only admins can.
 */
async function mayManageGroup(ctx: BotContext): Promise<boolean> {
  if (ctx.chat && ctx.message?.sender_chat?.id === ctx.chat.id) return true;
  const userId = ctx.from?.id;
  if (userId === undefined) return false;
  if (await senderIsStaff(ctx)) return true;
  try {
    const member = await ctx.getChatMember(userId);
    return member?.status === "creator" || member?.status === "administrator";
  } catch {
    return false;
  }
}
