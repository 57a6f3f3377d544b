import { cleanName } from "../../domain/display-name.js";
import { escapeHtml, splitMessage } from "../../domain/html.js";
import { communityName } from "../community-name.js";
import type { BotContext } from "../context.js";
import { adminOnly, commandArgs } from "../guards.js";
import { translatorsOf } from "../i18n.js";
import { FlatComposer } from "../flat-composer.js";

/** /staff add|remove <user-id> (admins only), /staff alone lists the roles. By numeric id only. */
export const staffRolesFeature = new FlatComposer<BotContext>();

/**
 * Tells the person, in their own language, that they were given the staff role (and what they can
 * now do) or that it was taken. Resolves false when Telegram would not deliver it (they never
 * started the bot, or blocked it): the admin is told so.
 */
async function tellThePerson(ctx: BotContext, id: number, granted: boolean): Promise<boolean> {
  const locale = await ctx.deps.locales.ofPerson(id);
  const t = translatorsOf(ctx)(locale);
  const text = granted ? `${t("staff-roles-granted", { community: communityName(ctx.deps, locale, t) })}\n${t("core-help-staff")}\n\n${t("staff-roles-granted-help")}` : t("staff-roles-revoked");
  try {
    await ctx.api.sendMessage(id, text);
    return true;
  } catch (err) {
    ctx.deps.log.info({ err, userId: id }, "could not tell a person about their staff role");
    return false;
  }
}

staffRolesFeature.command("staff", adminOnly, async (ctx) => {
  const args = commandArgs(ctx).split(/\s+/).filter(Boolean);
  const { users } = ctx.deps;
  if (args.length === 0) {
    const lines = (await users.roleHolders()).map(({ id, role, firstName }) => {
      return `• <code>${id}</code> ${role}${firstName !== undefined ? ` — ${escapeHtml(cleanName(firstName) || "…")}` : ""}`;
    });
    // a long staff list (or long names) must not exceed Telegram's 4,096 characters
    for (const part of splitMessage([ctx.t("core-staff-list"), ...lines].join("\n"))) await ctx.reply(part);
    return;
  }
  const [action, idText] = args;
  if ((action !== "add" && action !== "remove") || !idText || !/^\d{1,15}$/.test(idText) || args.length > 2) {
    await ctx.reply(ctx.t("core-staff-usage"));
    return;
  }
  const id = Number(idText);
  let reply: string;
  let changed: boolean;
  if (action === "add") {
    changed = await users.grantStaff(id);
    reply = ctx.t(changed ? "core-staff-added" : "core-staff-already", { id: String(id) });
  } else {
    const result = await users.revokeStaff(id);
    changed = result === "removed";
    reply = ctx.t({ removed: "core-staff-removed", "not-staff": "core-staff-not", "is-admin": "core-staff-is-admin" }[result], { id: String(id) });
  }
  if (changed) reply += `\n${ctx.t((await tellThePerson(ctx, id, action === "add")) ? "staff-roles-told" : "staff-roles-not-told")}`;
  await ctx.reply(reply);
  await ctx.deps.onRolesChanged?.(id);
});
