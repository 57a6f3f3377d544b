import type { Config } from "./config.js";

/** The proxies' addresses for the log, without any user name or password in them. */
export function describeProxy(proxy: NonNullable<Config["proxy"]>): string {
  const host = (u: string | undefined) => (u ? new URL(u).host : "none");
  return `https ${host(proxy.https)}, http ${host(proxy.http)}${proxy.noProxy ? `, not for ${proxy.noProxy}` : ""}`;
}

/** Turns what getMe threw into one line an operator can act on. */
export function describeStartupError(err: unknown, apiRoot: string, grammy: typeof import("grammy")): Error {
  const { GrammyError, HttpError } = grammy;
  if (err instanceof GrammyError && err.error_code === 401) {
    return new Error("Telegram rejected BOT_TOKEN (401 Unauthorized). Check the token from @BotFather (send /mybots there to see it again).");
  }
  if (err instanceof GrammyError && err.error_code === 404) {
    return new Error(`The Bot API at ${apiRoot} answered 404 for this token: the token is malformed or TELEGRAM_API_ROOT is wrong.`);
  }
  if (err instanceof GrammyError) return new Error(`The Bot API refused getMe: ${err.description}`);
  if (err instanceof HttpError) {
    const inner = err.error;
    const cause = inner instanceof Error ? (inner.cause instanceof Error ? inner.cause.message : inner.message) : String(inner);
    return new Error(`Cannot reach the Telegram Bot API at ${apiRoot} (${cause}). Check the network or TELEGRAM_API_ROOT.`);
  }
  return err instanceof Error ? err : new Error(String(err));
}
