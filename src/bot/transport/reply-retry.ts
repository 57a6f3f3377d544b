import { autoRetry } from "@grammyjs/auto-retry";
import type { Transformer } from "grammy";

type Signal = Parameters<Transformer>[3];

export interface ReplyRetryOptions {
  /** retries after a 429, a 5xx or a network error (default 3) */
  attempts?: number;
  /** a 429 asking for a longer wait than this is not waited for (default 10 s): a reply is worth a few seconds, not a minute */
  maxRetryAfterS?: number;
  /** the whole call, retries included, gives up after this (default 45 s) */
  deadlineMs?: number;
}

/**
 * The transformers that keep a reply through passing faults, in the order to install them:
 * @grammyjs/auto-retry (429 with a short retry_after, 5xx, network errors, a few attempts) and,
 * around it, a deadline for the whole call. The plugin retries network errors without counting
 * them (backing off from 3 s); the deadline's abort signal is what ends those retries, so one update
 * cannot hold its chat's queue for long.
 */
export function replyRetry(options: ReplyRetryOptions = {}): Transformer[] {
  const retry = autoRetry({
    maxRetryAttempts: options.attempts ?? 3,
    maxDelaySeconds: options.maxRetryAfterS ?? 10,
    rethrowInternalServerErrors: false,
    rethrowHttpErrors: false,
  });
  const deadlineMs = options.deadlineMs ?? 45_000;
  // installed after `retry`, so it runs around it (grammY: the last installed transformer is the outermost)
  const deadline: Transformer = async (prev, method, payload, signal) => {
    // one controller and one timer, cleared when the call ends: cheaper per reply than
    // AbortSignal.timeout + AbortSignal.any (each reply allocated both, and their timers lived 45 s)
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")), deadlineMs);
    timer.unref();
    // grammY types its signal with the abort-controller polyfill's interface; Node's is the same at run time
    const outer = signal as unknown as AbortSignal | undefined;
    const follow = (): void => controller.abort(outer?.reason);
    if (outer?.aborted) follow();
    else outer?.addEventListener("abort", follow, { once: true });
    try {
      return await prev(method, payload, controller.signal as unknown as Signal);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", follow);
    }
  };
  return [retry, deadline];
}
