import { createRateLimiter, type RateLimiter, type RateOptions } from "./rate-limiter.js";

/**
 * The sender's pace: the sliding windows (rate-limiter.ts) and the pause Telegram asks for with a
 * 429. Everything that calls the Bot API through the sender, or beside it, takes its turn here.
 */
export interface Pacing extends RateLimiter {
  /** monotonic milliseconds */
  now(): number;
  /** Flood control: nothing is sent before `seconds` from now. */
  pauseFor(seconds: number): void;
  /** No send before this clock time (0 = no pause). */
  readonly pausedUntil: number;
}

/** Creates the pace (windows with a 25 ms margin unless the rate says otherwise). */
export function createPacing(rate: RateOptions, clock: () => number): Pacing {
  const limiter = createRateLimiter({ ...rate, marginMs: rate.marginMs ?? 25 });
  let pausedUntil = 0;
  return {
    now: clock,
    globalWait: limiter.globalWait,
    chatWait: limiter.chatWait,
    take: limiter.take,
    pauseFor(seconds) {
      pausedUntil = Math.max(pausedUntil, clock() + seconds * 1000);
    },
    get pausedUntil() {
      return pausedUntil;
    },
  };
}
