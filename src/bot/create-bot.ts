import type { I18n } from "@grammyjs/i18n";
import { type Api, Bot, BotError, Composer, GrammyError, HttpError, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotContext, BotDeps } from "./context.js";
import type { ApiFetch } from "./transport/api-fetch.js";
import { membershipFeature } from "./features/membership.js";
import { createForgetMeFeature } from "./features/forget-me.js";
import { staffRolesFeature } from "./features/staff-roles.js";
import { startFeature } from "./features/start.js";
import { apiClientOptions, installApiTransformers } from "./transport/api-client.js";
import { REPLY_ATTEMPT_TIMEOUT_S, replyRetry } from "./transport/reply-retry.js";
import { createRateLimit, type RateLimitOptions } from "./rate-limit.js";
import { FlatComposer } from "./flat-composer.js";
import { MemoContext } from "./memo-context.js";

export interface CreateBotOptions {
  token: string;
  deps: BotDeps;
  i18n: I18n<BotContext>;
  /** Bot API root (no trailing slash); a local server in tests */
  apiRoot?: string;
  /** the HTTP client for Bot API calls (see api-fetch.ts); grammY's node-fetch when absent */
  fetch?: ApiFetch;
  /** known bot identity, so no getMe is needed (tests) */
  botInfo?: UserFromGetMe;
  /** feature composers installed after the core ones, in order (sign-ups, campaign, staff, …) */
  features?: Composer<BotContext>[];
  /** installed last: plain text no feature claimed (questions) */
  fallback?: Composer<BotContext>;
  /** called when /forgetme deletes a user, so in-memory views can drop them (with the bot's own Api, to tell others) */
  onForget?: (userId: number, api: Api) => Promise<void>;
  /** extra API transformers (tests record calls with one) */
  transformers?: Transformer[];
  /** per-user limits on updates; `false` turns them off (benchmarks that replay one user) */
  rateLimit?: RateLimitOptions | false;
}

/**
 * Builds the bot: context, i18n, the features in order behind an error boundary, and `bot.catch`.
 * Nothing starts here; `main` decides how updates arrive.
 */
export function createBot(options: CreateBotOptions): Bot<BotContext> {
  const { deps } = options;
  const bot = new Bot<BotContext>(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    // one attempt of a call (a reply, a long poll of 30 s) ends within this; replyRetry's retries have their own deadline
    client: { ...apiClientOptions(options), timeoutSeconds: REPLY_ATTEMPT_TIMEOUT_S },
    ContextConstructor: MemoContext as unknown as new (...args: ConstructorParameters<typeof MemoContext>) => BotContext,
  });
  installApiTransformers(bot.api, options.transformers);

  const core = new FlatComposer<BotContext>();
  const retry = replyRetry();
  core.use(async (ctx, next) => {
    // replies survive a passing network fault or 5xx: the update is confirmed once handled, so a
    // reply lost here would be lost for good (the poller and the sender keep their own policies)
    ctx.api.config.use(retry);
    ctx.deps = deps;
    // the one decision of this update's language; the i18n plugin's negotiator reads it
    ctx.locale = await deps.locales.forUpdate(ctx);
    return next();
  });
  core.use(options.i18n);
  if (options.rateLimit !== false) core.use(createRateLimit(options.rateLimit));
  core.use(async (ctx, next) => {
    // remember names so staff lists show them; the poller flushes before confirming the update
    const from = ctx.from;
    if (from && !from.is_bot) await deps.users.touch(from);
    return next();
  });

  const guarded = core.errorBoundary((err) => reportError(err, deps));
  guarded.use(membershipFeature, startFeature, createForgetMeFeature(options.onForget && ((userId) => options.onForget?.(userId, bot.api) ?? Promise.resolve())), staffRolesFeature);
  for (const feature of options.features ?? []) guarded.use(feature);
  guarded.on("message:text", (ctx, next) => {
    const text = ctx.message.text;
    if (!text.startsWith("/")) return next();
    // a command nobody handled; in groups stay quiet unless it was addressed to us
    const addressed = /^\/\w+@(\w+)/.exec(text)?.[1];
    if (ctx.chat.type === "private" || addressed === ctx.me.username) return ctx.reply(ctx.t("core-unknown-command"));
  });
  if (options.fallback) guarded.use(options.fallback);
  bot.use(core);

  bot.catch((err) => reportError(err, deps));
  return bot;
}

/** Logs a handler error and tells the user something went wrong (once, best effort). */
function reportError(err: BotError<BotContext>, deps: BotDeps): void {
  const { ctx, error } = err;
  const where = { updateId: ctx.update.update_id, chatId: ctx.chat?.id };
  if (error instanceof GrammyError) deps.log.error({ ...where, code: error.error_code, description: error.description, method: error.method }, "Bot API refused a call");
  else if (error instanceof HttpError) deps.log.error({ ...where, err: error.error }, "could not reach the Bot API");
  else deps.log.error({ ...where, err: error }, "handler failed");
  if (ctx.callbackQuery) void ctx.answerCallbackQuery({ text: safeT(ctx, "core-error") }).catch(() => undefined);
  else if (ctx.chat?.type === "private") void ctx.reply(safeT(ctx, "core-error")).catch(() => undefined);
}

function safeT(ctx: BotContext, key: string): string {
  try {
    return ctx.t(key);
  } catch {
    return "抱歉，出了点问题。Sorry, something went wrong.";
  }
}

export { BotError };
