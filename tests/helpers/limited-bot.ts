/**
 * A bot composed as createBot composes its core (the context's deps and language, i18n, then the
 * per-user rate limit) with only `features` behind it, answering through a recording API: for tests
 * of the limiter itself.
 */
import { Bot, type Middleware } from "grammy";
import type { BotContext, BotDeps } from "../../src/bot/context.js";
import { createI18n } from "../../src/bot/i18n.js";
import { createRateLimit, type RateLimitOptions } from "../../src/bot/rate-limit.js";
import type { RecordingApi } from "../../tools/fake-bot-api/index.js";

export function createLimitedBot(deps: BotDeps, rec: RecordingApi, rateLimit: RateLimitOptions, ...features: Middleware<BotContext>[]): Bot<BotContext> {
  const bot = new Bot<BotContext>("123:TEST", { botInfo: rec.botInfo });
  bot.api.config.use(rec.transformer);
  bot.use(async (ctx, next) => {
    ctx.deps = deps;
    ctx.locale = await deps.locales.forUpdate(ctx);
    return next();
  });
  bot.use(createI18n("locales"));
  bot.use(createRateLimit(rateLimit));
  bot.use(...features);
  return bot;
}
