import type { InFlight } from "./in-flight.js";
import type { Pacing } from "./pacing.js";
import type { ApiSignal } from "./sender.js";
import { classifySendError } from "./send-errors.js";

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
 * Telegram's limits. A call answered with 429 waits out the pause and goes again, under the limit.
 */
export interface CallQueue {
  /** Queues a call for `chatId`; settles with its result once it has run. Rejects once the sender is stopping. */
  add<T>(chatId: number, call: (signal: ApiSignal) => Promise<T>): Promise<T>;
  /**
   * Takes the oldest call whose chat has room now (`waitFor` gives a chat's wait in ms, 0 = now); the
   * send loop then runs it. A call to a group at its per-minute limit does not hold up calls to other
   * chats (one chat's calls keep their order). Without a ready call, `wait` is the shortest wait.
   */
  takeReady(waitFor: (chatId: number) => number): { call?: WaitingCall; wait?: number };
  /** Rejects every waiting call (stop). */
  cancelAll(): void;
}

/** How often a call answered with 429 goes back into the queue before its caller gets the error. */
const MAX_RATE_LIMITED = 3;

/** What the queue works with: the requests in flight, the pace (a 429 pauses it), the sender's state. */
export interface CallQueueDeps {
  inFlight: Pick<InFlight, "begin" | "end">;
  pacing: Pick<Pacing, "pauseFor">;
  stopping: () => boolean;
  /** something changed: run the send loop */
  wake: () => void;
}

/** Creates the queue; a call counts as a request in flight while it runs. */
export function createCallQueue(deps: CallQueueDeps): CallQueue {
  const { inFlight, pacing, stopping, wake } = deps;
  const calls: WaitingCall[] = [];
  return {
    add<T>(chatId: number, fn: (s: ApiSignal) => Promise<T>): Promise<T> {
      if (stopping()) return Promise.reject(new Error("the sender is stopping"));
      return new Promise<T>((resolve, reject) => {
        let limited = 0;
        const call: WaitingCall = {
          chatId,
          cancel: () => reject(new Error("the sender is stopping")),
          run: () => {
            fn(inFlight.begin())
              .then(resolve, (err: unknown) => {
                const f = classifySendError(err);
                if (f.kind !== "retry-after" || stopping() || ++limited > MAX_RATE_LIMITED) return reject(err);
                // flood control: everything waits, then this call goes again first, under the limit
                pacing.pauseFor(f.seconds);
                calls.unshift(call);
              })
              .finally(() => {
                inFlight.end();
                wake();
              });
          },
        };
        calls.push(call);
        wake();
      });
    },
    takeReady(waitFor) {
      if (calls.length === 0) return {}; // the common case, once per send: no allocation
      let wait: number | undefined;
      const blocked = new Set<number>();
      for (let i = 0; i < calls.length; i++) {
        const call = calls[i] as WaitingCall;
        if (blocked.has(call.chatId)) continue;
        const w = waitFor(call.chatId);
        if (w <= 0) return { call: calls.splice(i, 1)[0] as WaitingCall };
        blocked.add(call.chatId);
        wait = wait === undefined ? w : Math.min(wait, w);
      }
      return wait === undefined ? {} : { wait };
    },
    cancelAll() {
      for (const call of calls.splice(0)) call.cancel();
    },
  };
}
