import type { Api, Transformer } from "grammy";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { Logger } from "pino";
import type { Locale, Translate } from "../domain/translate.js";
import type { BroadcastView } from "../store/broadcast-view.js";
import type { DeliveriesRepo } from "../store/deliveries-repo.js";
import { createBroadcastLifecycle } from "./broadcast-lifecycle.js";
import { createCallQueue } from "./call-queue.js";
import { createInFlight } from "./in-flight.js";
import { createDispatch } from "./job-dispatch.js";
import { createJobQueue } from "./job-queue.js";
import { createOutcomeBuffer } from "./outcome-buffer.js";
import { createOutsideCounter } from "./outside-calls.js";
import { createPacing, type Pacing } from "./pacing.js";
import { createProgressReporting } from "./progress-reporting.js";
import type { RateOptions } from "./rate-limiter.js";
import { createRecipients } from "./recipients.js";
import { createSendApi } from "./send-api.js";
import { createSendLoop } from "./send-loop.js";

/** What the sender needs: the deliveries, the bot's Api, the rate and the callbacks around each broadcast. */
export interface SenderOptions {
  /** the outbox's broadcasts and their recipients' outcomes */
  deliveries: DeliveriesRepo;
  /** the bot's Api; the sender builds its own from it (same transformers) and adds auto-retry */
  api: Api;
  log: Logger;
  now: () => Date;
  /** perSecond overall, groupPerMinute per group, `concurrency` requests in flight */
  rate: RateOptions & { concurrency: number };
  /**
   * The bot's pace when several senders share one bot (several communities: Telegram's ~30 a second
   * and its 429 pauses are per bot), made once with createPacing and given to each; absent: this
   * sender's own, from `rate`. Its clock is the pacing's.
   */
  pacing?: Pacing;
  /** a recipient's language: the locale service's `ofChat` (sync in tests) */
  localeOf: (chatId: number) => Locale | Promise<Locale>;
  keyboardFor?: (occurrenceId: string, locale: Locale) => InlineKeyboardMarkup | undefined;
  translate: (locale: Locale) => Translate;
  onSent?: (broadcast: BroadcastView, chatId: number, message: Message) => void;
  onFinished?: (broadcast: BroadcastView) => void;
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

type Counted = "sent" | "failed" | "blocked" | "retried" | "rateLimited";

/** The sender's parts, wired together; each wakes the send loop when it has news. */
function createParts(o: SenderOptions, count: (what: Counted) => void, stopping: () => boolean) {
  const { deliveries, log } = o;
  const clock = o.clock ?? (() => performance.now());
  const wake = () => loop.pump();
  const pacing = o.pacing ?? createPacing(o.rate, clock);
  const inFlight = createInFlight(o.rate.concurrency);
  // the sender's own Api (auto-retry, and every 429 pauses the whole sender)
  const api = createSendApi(o.api, (seconds) => {
    count("rateLimited");
    pacing.pauseFor(seconds);
  });
  const jobs = createJobQueue();
  const buffer = createOutcomeBuffer({ deliveries, log, clock, onDurable: wake });
  const calls = createCallQueue({ inFlight, pacing, stopping, wake });
  const reporting = createProgressReporting({ deliveries, calls, api, translate: o.translate, log, ...(o.progressEveryMs !== undefined ? { everyMs: o.progressEveryMs } : {}) });
  const lifecycle = createBroadcastLifecycle({ deliveries, reporting, buffer, clock, now: o.now, log, ...(o.onFinished ? { onFinished: o.onFinished } : {}), stopping, wake });
  const recipients = createRecipients({ active: () => lifecycle.active.values(), deliveries, buffer, count, log, ahead: Math.max(1, o.rate.concurrency), wake });
  const dispatch = createDispatch({
    options: { ...o, maxAttempts: o.maxAttempts ?? 5, retryDelayMs: o.retryDelayMs ?? 2000 },
    api, inFlight, pacing, jobs, recipients, deliveries, buffer, count, log, wake, stopping,
    activeById: (id) => lifecycle.active.get(id),
  });
  const loop = createSendLoop({
    pacing, inFlight, calls, jobs, recipients, dispatch, lifecycle, buffer, stopping,
    batchMs: o.batchMs ?? 1000,
    // a crash doubles at most the requests in flight: no more sent and unsaved than may be in flight
    maxUnsaved: Math.max(1, o.maxUnsaved ?? o.rate.concurrency),
  });
  return { pacing, inFlight, calls, lifecycle, buffer, loop };
}

/**
 * The one sender: takes broadcasts out of the outbox and delivers them at the allowed rate with a
 * few requests in flight, records each recipient's outcome in batches, follows migrated groups,
 * marks blocked chats inactive, and shows the staff member the progress.
 *
 * Each part keeps its own state behind a small interface: the pace (pacing.ts: rate windows and
 * 429 pauses), the requests in flight (in-flight.ts), others' calls (call-queue.ts), the claimed
 * recipients (recipients.ts), the outcomes waiting to be saved (outcome-buffer.ts), the staff's
 * progress messages (progress-reporting.ts) and the broadcasts taken up (broadcast-lifecycle.ts).
 * The send loop (send-loop.ts) fills the request slots from them and sends each job (job-dispatch.ts:
 * job-send.ts makes the calls, send-outcome.ts acts on the answers).
 */
export function createSender(o: SenderOptions): Sender {
  const counters = { sent: 0, failed: 0, blocked: 0, retried: 0, rateLimited: 0 };
  let stopping = false;
  const { pacing, inFlight, calls, lifecycle, buffer, loop } = createParts(o, (what) => void counters[what]++, () => stopping);
  const { deliveries } = o;

  const sender: Sender = {
    start() {
      sender.kick();
    },
    kick() {
      if (stopping) return;
      lifecycle.loadNew();
      loop.pump();
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      loop.cancelTimer();
      for (const a of lifecycle.active.values()) a.report?.cancel();
      calls.cancelAll();
      await inFlight.settled(o.stopTimeoutMs ?? 5000);
      inFlight.abortAll(); // what is still in flight is cut short (its recipient is tried again after a restart)
      await inFlight.settled();
      buffer.commit();
      await deliveries.flush();
    },
    idle() {
      return loop.idle();
    },
    stats() {
      return { ...counters, active: lifecycle.active.size, inFlight: inFlight.count, unsaved: loop.unsaved() };
    },
    limited(chatId, call) {
      return calls.add(chatId, call);
    },
    countOutside: createOutsideCounter(pacing, inFlight),
  };
  return sender;
}
