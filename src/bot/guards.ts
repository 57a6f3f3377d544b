import type { NextFunction } from "grammy";
import type { BotContext } from "./context.js";

/**
 * Whether the update's sender is staff (or an admin). Asked once per update: the rate limit, the
 * staff-only features and the replies that differ for staff all ask, and on PostgreSQL each
 * question would be a query.
 */
export function senderIsStaff(ctx: BotContext): Promise<boolean> {
  const id = ctx.from?.id;
  return (ctx.senderStaff ??= id === undefined ? Promise.resolve(false) : ctx.deps.users.isStaff(id));
}

/** Lets only staff (or admins) through; everyone else gets a polite refusal and nothing happens. */
export async function staffOnly(ctx: BotContext, next: NextFunction): Promise<void> {
  if (await senderIsStaff(ctx)) return next();
  await refuse(ctx, "core-staff-only");
}

/** Lets only admins through. */
export async function adminOnly(ctx: BotContext, next: NextFunction): Promise<void> {
  const id = ctx.from?.id;
  if (id !== undefined && (await ctx.deps.users.roleOf(id)) === "admin") return next();
  await refuse(ctx, "core-admin-only");
}

/** Whether the sender is a district official (DISTRICT_IDS: from the settings, not the store). */
export function senderIsDistrict(ctx: BotContext): boolean {
  const id = ctx.from?.id;
  return id !== undefined && (ctx.deps.districtIds ?? []).includes(id);
}

/** Lets only district officials through, the same polite refusal for everyone else. */
export async function districtOnly(ctx: BotContext, next: NextFunction): Promise<void> {
  if (senderIsDistrict(ctx)) return next();
  await refuse(ctx, "district-only");
}

async function refuse(ctx: BotContext, key: string): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true });
  else await ctx.reply(ctx.t(key));
}

/** The text after the command, trimmed (`/record a b` → `a b`). */
export function commandArgs(ctx: BotContext): string {
  return typeof ctx.match === "string" ? ctx.match.trim() : "";
}
