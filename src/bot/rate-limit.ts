import { limit } from "@grammyjs/ratelimiter";
import { Composer } from "grammy";
import { createMemoryRateWindows, type RateWindows } from "../store/rate-windows.js";
import type { BotContext } from "./context.js";
import { FlatComposer } from "./flat-composer.js";
import { senderIsStaff } from "./guards.js";

export interface RateLimitOptions {
  /** updates one resident may send per window (default 30: a few taps a second, never a normal user) */
  limit?: number;
  /** the same for staff and admins (default 120): marking a roster's attendance row by row stays unblocked */
  staffLimit?: number;
  /** the window in milliseconds (default 10,000) */
  windowMs?: number;
  /**
   * The clock for the windows, in milliseconds (tests inject one). Monotonic by default
   * (`performance.now`): a wall clock set back (NTP, an operator) would stretch every open window
   * by the jump, leaving users blocked for as long.
   */
  now?: () => number;
  /** the counters (on PostgreSQL, shared by every instance); in memory on `now` unless given */
  windows?: RateWindows;
}

/** What the plugin needs of a "Redis" client (the type is not exported by the plugin). */
interface WindowStore {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

/**
 * The store's windows behind the plugin's Redis-shaped interface: a window is set at its first
 * hit (`RateWindows.hit`), so the plugin's `pexpire` after it has nothing left to do. Unlike the
 * plugin's own memory store (one timer clearing every user at once), no timer is left running.
 */
function asWindowStore(windows: RateWindows, windowMs: number): WindowStore {
  return {
    incr: (key) => windows.hit(key, windowMs),
    pexpire: () => Promise.resolve(1),
  };
}

/** Whose updates count: a person's messages, commands and button presses; never membership changes. */
function keyOf(ctx: BotContext): string | undefined {
  const from = ctx.from;
  if (from === undefined || from.is_bot) return undefined;
  // the bot being blocked or added must always be recorded, however busy the user was
  if (ctx.myChatMember !== undefined || ctx.chatMember !== undefined) return undefined;
  return String(from.id);
}

/** Tells the user once per window (the plugin calls this only for the first update over the limit). */
async function tellSlowDown(ctx: BotContext, seconds: number): Promise<void> {
  ctx.deps.log.warn({ userId: ctx.from?.id, chatId: ctx.chat?.id }, "rate limit exceeded; dropping this user's updates for the window");
  const text = ctx.t("ratelimit-slow-down", { seconds });
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
    else if (ctx.chat?.type === "private") await ctx.reply(text);
    // in a group only a command gets an answer; a chatty member is not told off in front of everyone
    else if (ctx.chat && ctx.msg?.text?.startsWith("/")) await ctx.reply(text);
  } catch (err) {
    ctx.deps.log.warn({ err, userId: ctx.from?.id }, "could not tell a user about the rate limit");
  }
}

/**
 * Per-user rate limiting of commands, messages and button presses (`@grammyjs/ratelimiter`), so one
 * resident cannot flood the bot or the store. Counted per user id, so a burst of different users
 * (a sign-up rush after a reminder) is never limited; updates without a sender pass. Over the limit,
 * the user is told once per window in their language and further updates are dropped silently
 * until the window ends. Install right after the i18n middleware (it needs `ctx.t` and `ctx.deps`).
 */
export function createRateLimit(options: RateLimitOptions = {}): Composer<BotContext> {
  const windowMs = options.windowMs ?? 10_000;
  const windows = options.windows ?? createMemoryRateWindows(options.now ?? (() => performance.now()));
  const seconds = Math.ceil(windowMs / 1000);
  const make = (max: number, keyPrefix: string) =>
    limit<BotContext, WindowStore>({
      timeFrame: windowMs,
      limit: max,
      keyPrefix,
      storageClient: asWindowStore(windows, windowMs),
      keyGenerator: keyOf,
      // the limiter returns this promise from its middleware (so it is awaited); its type says void
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      onLimitExceeded: (ctx) => tellSlowDown(ctx, seconds),
    });
  const residents = make(options.limit ?? 30, "resident:");
  const staff = make(options.staffLimit ?? 120, "staff:");
  const composer = new FlatComposer<BotContext>();
  composer.use(async (ctx, next) => {
    return (await senderIsStaff(ctx)) ? staff(ctx, next) : residents(ctx, next);
  });
  return composer;
}
