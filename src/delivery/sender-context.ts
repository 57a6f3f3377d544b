import type { Api } from "grammy";
import type { Logger } from "pino";
import type { Store } from "../store/store.js";
import type { ActiveBroadcast } from "./active-broadcast.js";
import { createJobQueue, type JobQueue } from "./job-queue.js";
import { createOutcomeBuffer, type OutcomeBuffer } from "./outcome-buffer.js";
import { createRateLimiter, type RateLimiter } from "./rate-limiter.js";
import { createSendApi } from "./send-api.js";
import type { ApiSignal, SenderOptions, SenderStats } from "./sender.js";

const REQUEST_TIMEOUT_MS = 120_000;

/**
 * What the sender's parts share: the options with their defaults applied, the services built from
 * them, and the few counters every part moves. One object per sender, so the parts stay separate
 * files without a long list of parameters and without anything at module level.
 */
export interface SenderContext {
  /** the options as given: callbacks are looked up on them when called */
  readonly o: SenderOptions;
  readonly store: Store;
  readonly log: Logger;
  /** monotonic milliseconds for pacing */
  readonly clock: () => number;
  readonly batchMs: number;
  readonly maxUnsaved: number;
  readonly maxAttempts: number;
  readonly retryDelayMs: number;
  readonly concurrency: number;
  readonly limiter: RateLimiter;
  readonly stats: SenderStats;
  /** the sender's own Api (auto-retry, and every 429 pauses the whole sender) */
  readonly api: Api;
  readonly active: Map<string, ActiveBroadcast>;
  readonly jobs: JobQueue;
  readonly buffer: OutcomeBuffer;
  /** old group id → supergroup id, for recipients of other broadcasts still under the old id */
  readonly migrations: Map<number, number>;
  /** aborts every request in flight once stop() has waited long enough */
  readonly abort: AbortController;
  /** no send before this clock time (a 429's retry_after) */
  pausedUntil: number;
  /** Bot API requests in flight: sends, progress calls and others' calls */
  requests: number;
  /** recipients taken up and not yet decided */
  openRecipients: number;
  stopping: boolean;
  /** Runs the send loop (something changed: a slot, a timer, a save). */
  pump(): void;
  /** A signal for one request: aborted by stop() or after the request timeout. */
  signal(): ApiSignal;
  /** Whether a request carries one of `signal()`'s signals, i.e. the sender counted it already. */
  isOwn(signal: unknown): boolean;
  /** Messages whose outcome is not on disk yet: in flight, or decided and not yet saved. */
  unsaved(): number;
}

/** Builds the shared context; `pump` runs the send loop, which is built after it. */
export function createSenderContext(o: SenderOptions, pump: () => void): SenderContext {
  const clock = o.clock ?? (() => performance.now());
  const own = new WeakSet<object>();
  const ctx: SenderContext = {
    o,
    store: o.store,
    log: o.log,
    clock,
    batchMs: o.batchMs ?? 1000,
    // a crash doubles at most the requests in flight: no more sent and unsaved than may be in flight
    maxUnsaved: Math.max(1, o.maxUnsaved ?? o.rate.concurrency),
    maxAttempts: o.maxAttempts ?? 5,
    retryDelayMs: o.retryDelayMs ?? 2000,
    concurrency: Math.max(1, o.rate.concurrency),
    limiter: createRateLimiter({ ...o.rate, marginMs: o.rate.marginMs ?? 25 }),
    stats: { active: 0, inFlight: 0, unsaved: 0, sent: 0, failed: 0, blocked: 0, retried: 0, rateLimited: 0 },
    pausedUntil: 0,
    api: createSendApi(o.api, (seconds) => {
      ctx.stats.rateLimited++;
      ctx.pausedUntil = Math.max(ctx.pausedUntil, clock() + seconds * 1000);
    }),
    active: new Map(),
    jobs: createJobQueue(),
    buffer: createOutcomeBuffer(o.store, o.log, clock, () => pump()),
    migrations: new Map(),
    abort: new AbortController(),
    requests: 0,
    openRecipients: 0,
    stopping: false,
    pump,
    signal: () => {
      const signal = AbortSignal.any([ctx.abort.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]);
      own.add(signal);
      return signal as unknown as ApiSignal;
    },
    isOwn: (signal) => typeof signal === "object" && signal !== null && own.has(signal),
    unsaved: () => ctx.openRecipients + ctx.buffer.undurable,
  };
  return ctx;
}
