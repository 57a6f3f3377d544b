import { FlatComposer } from "../flat-composer.js";
import { cleanName } from "../../domain/display-name.js";
import { escapeHtml, splitMessage } from "../../domain/html.js";
import { grantStaff, revokeStaff } from "../../store/users.js";
import type { BotContext } from "../context.js";
import { adminOnly, commandArgs } from "../guards.js";

/** /staff add|remove <user-id> (admins only), /staff alone lists the roles. By numeric id only. */
export const staffRolesFeature = new FlatComposer<BotContext>();

staffRolesFeature.command("staff", adminOnly, async (ctx) => {
  const args = commandArgs(ctx).split(/\s+/).filter(Boolean);
  const { store } = ctx.deps;
  if (args.length === 0) {
    const lines = Object.entries(store.data.roles).map(([id, role]) => {
      const u = store.data.users[id];
      return `• <code>${id}</code> ${role}${u ? ` — ${escapeHtml(cleanName(u.firstName) || "…")}` : ""}`;
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
  if (action === "add") {
    const added = await store.update((db) => grantStaff(db, id));
    await ctx.reply(ctx.t(added ? "core-staff-added" : "core-staff-already", { id: String(id) }));
  } else {
    const result = await store.update((db) => revokeStaff(db, id));
    const key = { removed: "core-staff-removed", "not-staff": "core-staff-not", "is-admin": "core-staff-is-admin" }[result];
    await ctx.reply(ctx.t(key, { id: String(id) }));
  }
  await ctx.deps.onRolesChanged?.(id);
});
