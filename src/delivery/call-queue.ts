import type { ApiSignal } from "./sender.js";
import type { SenderContext } from "./sender-context.js";

/** A Bot API call from outside the broadcasts' own sends, waiting for a slot. */
export interface WaitingCall {
  chatId: number;
  /** Starts the call; the send loop has taken its slot from the limiter. */
  run: () => void;
  /** Rejects the call: the sender is stopping. */
  cancel: () => void;
}

/**
 * Progress messages and others' calls (the live sign-up counts' edits) waiting for the rate limit.
 * The send loop runs them ahead of the broadcasts' sends, so everything together stays within
 * Telegram's limits.
 */
export interface CallQueue {
  /** Queues a call for `chatId`; settles with its result once it has run. Rejects once the sender is stopping. */
  add<T>(chatId: number, call: (signal: ApiSignal) => Promise<T>): Promise<T>;
  /** The oldest waiting call, if any. */
  first(): WaitingCall | undefined;
  /** Takes the oldest call off the queue (the send loop then runs it). */
  shift(): void;
  /** Rejects every waiting call (stop). */
  cancelAll(): void;
}

/** Creates the queue; a call counts as a request in flight while it runs. */
export function createCallQueue(ctx: SenderContext): CallQueue {
  const calls: WaitingCall[] = [];
  return {
    add<T>(chatId: number, fn: (s: ApiSignal) => Promise<T>): Promise<T> {
      if (ctx.stopping) return Promise.reject(new Error("the sender is stopping"));
      return new Promise<T>((resolve, reject) => {
        calls.push({
          chatId,
          cancel: () => reject(new Error("the sender is stopping")),
          run: () => {
            ctx.requests++;
            fn(ctx.signal())
              .then(resolve, reject)
              .finally(() => {
                ctx.requests--;
                ctx.pump();
              });
          },
        });
        ctx.pump();
      });
    },
    first() {
      return calls[0];
    },
    shift() {
      calls.shift();
    },
    cancelAll() {
      for (const call of calls.splice(0)) call.cancel();
    },
  };
}
