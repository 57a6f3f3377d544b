import type { DeepReadonly } from "../domain/deep-readonly.js";
import type { Api, Transformer } from "grammy";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { Logger } from "pino";
import type { Locale, Translate } from "../domain/translate.js";
import type { BroadcastRecord } from "../store/schema.js";
import type { Store } from "../store/store.js";
import { createBroadcastLifecycle } from "./broadcast-lifecycle.js";
import { createCallQueue } from "./call-queue.js";
import { createDispatch } from "./job-dispatch.js";
import { createOutsideCounter } from "./outside-calls.js";
import type { RateOptions } from "./rate-limiter.js";
import { createRecipients } from "./recipients.js";
import { createSendLoop } from "./send-loop.js";
import { createSenderContext } from "./sender-context.js";

/** What the sender needs: the store, the bot's Api, the rate and the callbacks around each broadcast. */
export interface SenderOptions {
  store: Store;
  /** the bot's Api; the sender builds its own from it (same transformers) and adds auto-retry */
  api: Api;
  log: Logger;
  now: () => Date;
  /** perSecond overall, groupPerMinute per group, `concurrency` requests in flight */
  rate: RateOptions & { concurrency: number };
  localeOf: (chatId: number) => Locale;
  keyboardFor?: (occurrenceId: string, locale: Locale) => InlineKeyboardMarkup | undefined;
  translate: (locale: Locale) => Translate;
  onSent?: (broadcast: DeepReadonly<BroadcastRecord>, chatId: number, message: Message) => void;
  onFinished?: (broadcast: DeepReadonly<BroadcastRecord>) => void;
  /** outcomes are written at least this often (default 1000 ms) */
  batchMs?: number;
  /**
   * most messages sent (or in flight) whose outcome is not yet on disk, i.e. the most a kill -9 can
   * double (default `rate.concurrency`: a crash doubles at most the requests in flight). A slot is
   * free again once its outcome is on disk, so the rate reachable is about concurrency / (request
   * latency + one journal write).
   */
  maxUnsaved?: number;
  /** attempts for network errors and 5xx before a recipient is marked failed (default 5) */
  maxAttempts?: number;
  /** first wait before retrying a network error or 5xx, doubled each time (default 2000 ms) */
  retryDelayMs?: number;
  /** least time between two edits of a progress message (default 3000 ms) */
  progressEveryMs?: number;
  /** how long stop() lets in-flight requests finish before aborting them (default 5000 ms) */
  stopTimeoutMs?: number;
  /** monotonic milliseconds for pacing (default performance.now) */
  clock?: () => number;
}

/** Counters since the sender started (`active`, `inFlight` and `unsaved` are the current numbers). */
export interface SenderStats {
  active: number;
  inFlight: number;
  unsaved: number;
  sent: number;
  failed: number;
  blocked: number;
  retried: number;
  /** 429 answers seen (each attempt) */
  rateLimited: number;
}

/** The running sender (see createSender). */
export interface Sender {
  /** Takes up every unfinished broadcast in the store (call once at start). */
  start(): void;
  /** New work was enqueued. */
  kick(): void;
  /** Lets in-flight requests finish (or aborts them after stopTimeoutMs), saves, stops. */
  stop(): Promise<void>;
  /** Resolves when nothing is pending and everything is on disk (tests). */
  idle(): Promise<void>;
  stats(): SenderStats;
  /**
   * Runs someone else's Bot API call (the live sign-up counts' edits) under the sender's rate
   * limit, ahead of broadcasts' sends, so edits and broadcasts together stay within Telegram's
   * ~30 a second and 20 a minute per group. Rejects once the sender is stopping.
   */
  limited<T>(chatId: number, call: (signal: ApiSignal) => Promise<T>): Promise<T>;
  /**
   * A transformer to install on the bot's own Api (`bot.api.config.use(sender.countOutside)`): the
   * messages the bot sends or edits outside the sender count against the same limits.
   */
  readonly countOutside: Transformer;
}

/** grammY types its signal with the abort-controller polyfill; Node's own is what it gets at run time */
export type ApiSignal = NonNullable<Parameters<Api["sendMessage"]>[3]>;

/**
 * The one sender: takes broadcasts out of the outbox and delivers them at the allowed rate with a
 * few requests in flight, records each recipient's outcome in batches, follows migrated groups,
 * marks blocked chats inactive, and shows the staff member the progress.
 *
 * The parts share one context (sender-context.ts): the send loop (send-loop.ts) fills the request
 * slots with others' calls (call-queue.ts) and recipients (recipients.ts), sends each job
 * (job-dispatch.ts), and finishes broadcasts (broadcast-lifecycle.ts).
 */
export function createSender(o: SenderOptions): Sender {
  const ctx = createSenderContext(o, () => loop.pump());
  const calls = createCallQueue(ctx);
  const recipients = createRecipients(ctx);
  const lifecycle = createBroadcastLifecycle(ctx, calls);
  const loop = createSendLoop(ctx, {
    calls,
    nextFresh: recipients.nextFresh,
    dispatch: createDispatch(ctx, recipients.close),
    finishDone: lifecycle.finishDone,
  });

  const sender: Sender = {
    start() {
      sender.kick();
    },
    kick() {
      if (ctx.stopping) return;
      lifecycle.loadNew();
      loop.pump();
    },
    async stop() {
      if (ctx.stopping) return;
      ctx.stopping = true;
      loop.cancelTimer();
      for (const a of ctx.active.values()) a.report?.cancel();
      calls.cancelAll();
      const deadline = Date.now() + (o.stopTimeoutMs ?? 5000);
      while (ctx.requests > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      ctx.abort.abort();
      while (ctx.requests > 0) await new Promise((r) => setTimeout(r, 5));
      ctx.buffer.commit();
      await ctx.store.flush();
    },
    idle() {
      return loop.idle();
    },
    stats() {
      return { ...ctx.stats, active: ctx.active.size, inFlight: ctx.requests, unsaved: ctx.unsaved() };
    },
    limited(chatId, call) {
      return calls.add(chatId, call);
    },
    countOutside: createOutsideCounter(ctx),
  };
  return sender;
}
