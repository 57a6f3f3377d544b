import { InlineKeyboard } from "grammy";
import { Composer } from "grammy";
import type { Compound } from "../../domain/compounds.js";
import { escapeHtml } from "../../domain/html.js";
import type { Locale } from "../../domain/translate.js";
import type { CompoundsRepo } from "../../store/compounds-repo.js";
import type { BotContext } from "../context.js";
import { commandArgs, senderIsStaff, staffOnly } from "../guards.js";
import { FlatComposer } from "../flat-composer.js";

export interface HomeServices {
  compounds: CompoundsRepo;
}

/** The most characters a compound's name may have (two buttons a row stay readable). */
export const MAX_COMPOUND_NAME = 40;
const NONE = "-";

/** A compound's name in a language. */
export const compoundName = (c: Compound, locale: Locale): string => c.name[locale];

/**
 * /home: a resident picks their compound (小区) with buttons, or types it (`/home 柳东新村`); in a
 * group, staff bind the group (`/home <compound>`, or the buttons); `/home add <name>` (staff) adds
 * a compound. Notices sent `to=` some compounds reach only residents and groups of those; a
 * resident who chose none still gets every notice meant for all.
 */
export function createHomeFeature(services: HomeServices): Composer<BotContext> {
  const { compounds } = services;
  const feature = new FlatComposer<BotContext>();
  const isGroup = (ctx: BotContext) => ctx.chat !== undefined && ctx.chat.type !== "private";
  const nameOf = async (ctx: BotContext, id: string | undefined) => {
    const c = id === undefined ? undefined : (await compounds.list()).find((x) => x.id === id);
    return c ? escapeHtml(compoundName(c, ctx.locale)) : ctx.t("home-none-name");
  };

  const keyboard = async (ctx: BotContext): Promise<InlineKeyboard> => {
    const kb = new InlineKeyboard();
    (await compounds.list()).forEach((c, i) => {
      kb.text(compoundName(c, ctx.locale), `home:${c.id}`);
      if (i % 2 === 1) kb.row();
    });
    return kb.row().text(ctx.t("home-button-none"), `home:${NONE}`);
  };

  /** Sets the compound of this chat (a group's, or the resident's own); replies what it is now. */
  const choose = async (ctx: BotContext, id: string | undefined): Promise<string> => {
    const chatId = ctx.chat!.id;
    if (isGroup(ctx)) {
      if (!(await ctx.deps.chats.get(chatId))) return ctx.t("home-group-not-subscribed");
      await compounds.setGroup(chatId, id);
      return ctx.t(id ? "home-group-set" : "home-group-cleared", { name: await nameOf(ctx, id) });
    }
    await compounds.setResident(ctx.from!.id, id);
    return ctx.t(id ? "home-set" : "home-cleared", { name: await nameOf(ctx, id) });
  };

  feature.command("home", async (ctx, next) => {
    const args = commandArgs(ctx);
    if (/^add(\s|$)/i.test(args)) return next(); // /home add: below, staff only
    if (!ctx.from) return;
    const staff = await senderIsStaff(ctx);
    if (isGroup(ctx) && !staff) {
      await ctx.reply(ctx.t("home-group-staff-only"));
      return;
    }
    if (args === "") {
      const current = isGroup(ctx) ? await compounds.compoundOf(ctx.chat.id) : (await ctx.deps.users.get(ctx.from.id))?.compound;
      const key = isGroup(ctx) ? "home-group-current" : "home-current";
      await ctx.reply(ctx.t(key, { name: await nameOf(ctx, current) }), { reply_markup: await keyboard(ctx) });
      return;
    }
    if (/^(none|无|清除|-)$/i.test(args)) {
      await ctx.reply(await choose(ctx, undefined));
      return;
    }
    const found = await compounds.find(args);
    if (!found) {
      const list = (await compounds.list()).map((c) => `${escapeHtml(compoundName(c, ctx.locale))} (${c.id})`).join("、");
      await ctx.reply(ctx.t("home-unknown", { name: escapeHtml(args), list }));
      return;
    }
    await ctx.reply(await choose(ctx, found.id));
  });

  feature.command("home", staffOnly, async (ctx) => {
    const name = commandArgs(ctx).replace(/^add/i, "").trim();
    if (name === "" || [...name].length > MAX_COMPOUND_NAME || /[\n<>]/.test(name)) {
      await ctx.reply(ctx.t("home-add-usage", { max: MAX_COMPOUND_NAME }));
      return;
    }
    const { compound, created } = await compounds.add(name, ctx.from!.id);
    const args = { name: escapeHtml(compoundName(compound, ctx.locale)), id: compound.id };
    await ctx.reply(ctx.t(created ? "home-added" : "home-add-exists", args));
  });

  feature.callbackQuery(/^home:([a-z0-9-]{1,24})$/, async (ctx) => {
    const raw = ctx.match[1] ?? NONE;
    const id = raw === NONE ? undefined : raw;
    if (isGroup(ctx) && !(await senderIsStaff(ctx))) {
      await ctx.answerCallbackQuery({ text: ctx.t("home-group-staff-only"), show_alert: true });
      return;
    }
    if (id !== undefined && !(await compounds.list()).some((c) => c.id === id)) {
      await ctx.answerCallbackQuery({ text: ctx.t("home-gone"), show_alert: true });
      return;
    }
    const text = await choose(ctx, id);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(text, { reply_markup: { inline_keyboard: [] } }).catch(() => ctx.reply(text));
  });

  return feature;
}

/** The /my line naming the resident's compound (or that none is chosen). */
export async function homeLine(ctx: BotContext, compounds: CompoundsRepo): Promise<string | undefined> {
  if (!ctx.from) return undefined;
  // a person's id is their private chat's: the compound they chose
  const id = await compounds.compoundOf(ctx.from.id);
  const c = id === undefined ? undefined : (await compounds.list()).find((x) => x.id === id);
  return ctx.t("home-my-line", { name: c ? escapeHtml(compoundName(c, ctx.locale)) : ctx.t("home-none-name") });
}
