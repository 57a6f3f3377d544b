import { autoRetry } from "@grammyjs/auto-retry";
import { HttpError, type Transformer } from "grammy";

type Signal = Parameters<Transformer>[3];
type Answer = Awaited<ReturnType<Parameters<Transformer>[0]>>;

export interface ReplyRetryOptions {
  /** calls after the first one fails with a 429, a 5xx or a network error (default 3) */
  attempts?: number;
  /** a 429 asking for a longer wait than this is not waited for (default 10 s): a reply is worth a few seconds, not a minute */
  maxRetryAfterS?: number;
  /** the retries, all together, give up after this (default 45 s) */
  deadlineMs?: number;
}

/** How long one attempt of a reply may take: the bot's client option `timeoutSeconds` (grammY aborts the request). */
export const REPLY_ATTEMPT_TIMEOUT_S = 45;

/**
 * The transformer that keeps a reply through passing faults. The first attempt goes straight
 * through (grammY's client timeout bounds it). Only when it fails with a 429 (retry_after within
 * `maxRetryAfterS`, waited first), a 5xx or a network error, @grammyjs/auto-retry takes over, inside
 * a deadline for all the retries: the plugin retries network errors without counting them, and the
 * deadline's abort signal is what ends them, so one update cannot hold its chat's queue for long.
 * The deadline's controller and timer are made only then: an AbortSignal costs Node 20's garbage
 * collector far more than its size (about 15 µs each in a microbenchmark), and nearly every reply
 * succeeds at once.
 */
export function replyRetry(options: ReplyRetryOptions = {}): Transformer {
  const attempts = options.attempts ?? 3;
  const maxWaitS = options.maxRetryAfterS ?? 10;
  // the plugin's own first call is the second attempt
  const retry = autoRetry({ maxRetryAttempts: Math.max(0, attempts - 1), maxDelaySeconds: maxWaitS, rethrowInternalServerErrors: false, rethrowHttpErrors: false });
  const deadlineMs = options.deadlineMs ?? 45_000;

  const retries: Transformer = async (prev, method, payload, signal) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")), deadlineMs);
    timer.unref();
    // grammY types its signal with the abort-controller polyfill's interface; Node's is the same at run time
    const outer = signal as unknown as AbortSignal | undefined;
    const follow = (): void => controller.abort(outer?.reason);
    if (outer?.aborted) follow();
    else outer?.addEventListener("abort", follow, { once: true });
    try {
      return await retry(prev, method, payload, controller.signal as unknown as Signal);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", follow);
    }
  };

  return async (prev, method, payload, signal) => {
    let first: Answer;
    try {
      first = await prev(method, payload, signal);
    } catch (err) {
      if (err instanceof HttpError && !(signal as unknown as AbortSignal | undefined)?.aborted && attempts > 0) return retries(prev, method, payload, signal);
      throw err;
    }
    if (first.ok || attempts === 0) return first;
    if (first.error_code >= 500) return retries(prev, method, payload, signal);
    if (first.error_code !== 429) return first;
    const waitS = first.parameters?.retry_after ?? 0;
    if (waitS > maxWaitS) return first;
    await wait(waitS * 1000, signal as unknown as AbortSignal | undefined);
    return retries(prev, method, payload, signal);
  };
}

/** Waits `ms` (on the global timers, which tests fake), or rejects with the signal's reason once it aborts. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const stop = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", stop);
      resolve();
    }, ms);
    signal?.addEventListener("abort", stop, { once: true });
  });
}
