import type { NextFunction } from "grammy";
import type { BotContext } from "./context.js";

/** Lets only staff (or admins) through; everyone else gets a polite refusal and nothing happens. */
export async function staffOnly(ctx: BotContext, next: NextFunction): Promise<void> {
  const id = ctx.from?.id;
  if (id !== undefined && (await ctx.deps.users.isStaff(id))) return next();
  await refuse(ctx, "core-staff-only");
}

/** Whether the update comes from staff (or an admin): a predicate for `filter`. */
export function fromStaff(ctx: BotContext): boolean | Promise<boolean> {
  const id = ctx.from?.id;
  return id !== undefined && ctx.deps.users.isStaff(id);
}

/** Lets only admins through. */
export async function adminOnly(ctx: BotContext, next: NextFunction): Promise<void> {
  const id = ctx.from?.id;
  if (id !== undefined && (await ctx.deps.users.roleOf(id)) === "admin") return next();
  await refuse(ctx, "core-admin-only");
}

async function refuse(ctx: BotContext, key: string): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true });
  else await ctx.reply(ctx.t(key));
}

/** The text after the command, trimmed (`/record a b` → `a b`). */
export function commandArgs(ctx: BotContext): string {
  return typeof ctx.match === "string" ? ctx.match.trim() : "";
}
