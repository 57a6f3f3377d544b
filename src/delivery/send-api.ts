import { autoRetry, type AutoRetryOptions } from "@grammyjs/auto-retry";
import { Api, type Transformer } from "grammy";

/**
 * auto-retry's defaults retry forever; these bound it. Network errors are rethrown at once
 * (`rethrowHttpErrors`): auto-retry would retry them without limit, while the sender keeps the
 * recipient pending and retries it later with its own bounded backoff. A 429 is never retried here
 * (`maxDelaySeconds: 0`): auto-retry would resend it once retry_after has passed, outside the
 * sender's rate limit, as one call more in a window the resumed sender fills: the next 429, and so
 * every second to the end of a broadcast. The sender retries it itself, through its limit.
 */
export const SEND_RETRY: Partial<AutoRetryOptions> = {
  maxRetryAttempts: 3,
  maxDelaySeconds: 0,
  rethrowInternalServerErrors: false,
  rethrowHttpErrors: true,
};

/**
 * The sender's own Api: the same token, client options and transformers as the given one (so a
 * test's recording transformer and the HTML parse mode still apply), then a watcher that reports
 * every 429 (each attempt, including those auto-retry waits out itself) so the whole sender
 * pauses, then auto-retry outermost. The bot's own `bot.api` is left untouched.
 */
export function createSendApi(api: Api, onRetryAfter: (seconds: number) => void, retry: Partial<AutoRetryOptions> = SEND_RETRY): Api {
  const sendApi = new Api(api.token, api.options);
  const watch429: Transformer = async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    if (!res.ok && res.error_code === 429) onRetryAfter(Math.max(1, res.parameters?.retry_after ?? 1));
    return res;
  };
  sendApi.config.use(...api.config.installedTransformers(), watch429, autoRetry(retry));
  return sendApi;
}
