import type { Api } from "grammy";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { Logger } from "pino";
import type { Locale, Translate } from "../domain/translate.js";
import { deactivateChat, migrateChat } from "../store/chats.js";
import type { BroadcastRecord, RecipientState } from "../store/schema.js";
import type { Store } from "../store/store.js";
import { countRecipients } from "../store/broadcast-counts.js";
import { activate, moveRecipient, partsFor, pendingKeys, timeLeftMs, type ActiveBroadcast, type Job } from "./active-broadcast.js";
import { createJobQueue } from "./job-queue.js";
import { createOutcomeBuffer } from "./outcome-buffer.js";
import { createProgressReport } from "./progress-report.js";
import { createRateLimiter, isGroupChat, type RateOptions } from "./rate-limiter.js";
import { createSendApi } from "./send-api.js";
import { classifySendError } from "./send-errors.js";

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
  onSent?: (broadcast: BroadcastRecord, chatId: number, message: Message) => void;
  onFinished?: (broadcast: BroadcastRecord) => void;
  /** outcomes are written at least this often (default 1000 ms) */
  batchMs?: number;
  /** most messages sent whose outcome is not yet on disk, i.e. the most a crash can double (default 1000) */
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
}

const REQUEST_TIMEOUT_MS = 120_000;
/** grammY types its signal with the abort-controller polyfill; Node's own is what it gets at run time */
export type ApiSignal = NonNullable<Parameters<Api["sendMessage"]>[3]>;
const PRUNE_KINDS: ReadonlySet<string> = new Set(["notice", "adhoc"]);

/**
 * The one sender: takes broadcasts out of the outbox and delivers them at the allowed rate with a
 * few requests in flight, records each recipient's outcome in batches, follows migrated groups,
 * marks blocked chats inactive, and shows the staff member the progress.
 */
export function createSender(o: SenderOptions): Sender {
  const clock = o.clock ?? (() => performance.now());
  const { store, log } = o;
  const batchMs = o.batchMs ?? 1000;
  const maxUnsaved = Math.max(1, o.maxUnsaved ?? 1000);
  const maxAttempts = o.maxAttempts ?? 5;
  const retryDelayMs = o.retryDelayMs ?? 2000;
  const concurrency = Math.max(1, o.rate.concurrency);
  const limiter = createRateLimiter({ ...o.rate, marginMs: o.rate.marginMs ?? 25 });
  const stats: SenderStats = { active: 0, inFlight: 0, unsaved: 0, sent: 0, failed: 0, blocked: 0, retried: 0, rateLimited: 0 };
  let pausedUntil = 0;
  const api = createSendApi(o.api, (seconds) => {
    stats.rateLimited++;
    pausedUntil = Math.max(pausedUntil, clock() + seconds * 1000);
  });
  const active = new Map<string, ActiveBroadcast>();
  const jobs = createJobQueue();
  const buffer = createOutcomeBuffer(store, log, clock, () => pump());
  const calls: { chatId: number; run: () => void; cancel: () => void }[] = []; // progress calls and live edits waiting for a slot
  const migrations = new Map<number, number>();
  const abort = new AbortController();
  const idlers: (() => void)[] = [];
  let requests = 0;
  let openRecipients = 0;
  let stopping = false;
  let pumping = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;

  const unsaved = (): number => openRecipients + buffer.undurable;
  const signal = (): ApiSignal => AbortSignal.any([abort.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) as unknown as ApiSignal;

  function wakeAt(at: number): void {
    if (stopping || at >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Infinity;
      pump();
    }, Math.max(0, Math.ceil(at - clock())));
  }

  /** Runs a progress-message call when the rate limit allows, ahead of the broadcast's own sends. */
  function limitedCall<T>(chatId: number, fn: (s: ApiSignal) => Promise<T>): Promise<T> {
    if (stopping) return Promise.reject(new Error("the sender is stopping"));
    return new Promise<T>((resolve, reject) => {
      calls.push({
        chatId,
        cancel: () => reject(new Error("the sender is stopping")),
        run: () => {
          requests++;
          fn(signal())
            .then(resolve, reject)
            .finally(() => {
              requests--;
              pump();
            });
        },
      });
      pump();
    });
  }

  function loadNew(): void {
    const fresh = Object.values(store.data.broadcasts)
      .filter((b) => b.status === "sending" && !active.has(b.id))
      .sort((x, y) => x.createdAt.localeCompare(y.createdAt));
    for (const b of fresh) {
      const a = activate(b, clock());
      active.set(b.id, a);
      log.info({ broadcast: b.id, pending: a.queue.length, total: a.counts.total }, "sending broadcast");
      if (b.progress) a.report = progressFor(a, b.progress);
    }
  }

  function progressFor(a: ActiveBroadcast, p: NonNullable<BroadcastRecord["progress"]>): ReturnType<typeof createProgressReport> {
    const report = createProgressReport({
      chatId: p.chatId,
      ...(p.messageId !== undefined ? { messageId: p.messageId } : {}),
      t: o.translate(p.lang),
      log,
      ...(o.progressEveryMs !== undefined ? { everyMs: o.progressEveryMs } : {}),
      calls: {
        send: (chatId, text) => limitedCall(chatId, (s) => api.sendMessage(chatId, text, { parse_mode: "HTML" }, s)),
        edit: (chatId, id, text) => limitedCall(chatId, (s) => api.editMessageText(chatId, id, text, { parse_mode: "HTML" }, s)),
      },
      onMessageId: (messageId) =>
        store.mutate((db) => {
          const progress = db.broadcasts[a.id]?.progress;
          if (progress) progress.messageId = messageId;
        }),
      snapshot: () => ({ counts: a.counts, etaMs: timeLeftMs(a, clock()) }),
    });
    report.update();
    return report;
  }

  /** Takes up one recipient key: a job to send, or undefined when decided without sending or skipped. */
  function admit(a: ActiveBroadcast, key: string): Job | undefined {
    const db = store.data;
    const b = db.broadcasts[a.id];
    if (!b || a.handled.has(key)) return undefined;
    if (!b.recipients[key]) {
      const to = migrations.get(Number(key)); // moved by a migration seen in another broadcast
      if (to === undefined) return undefined;
      key = String(to);
      if (a.handled.has(key)) return undefined;
    }
    if (b.recipients[key]?.s !== "p") return undefined;
    a.handled.add(key);
    const chat = db.chats[key];
    if (chat && !chat.active) return void decide(a, key, { s: "b", err: chat.inactiveReason ?? "inactive" }, false);
    // personal reminders and staff reports go out whatever the notice subscription says
    if (chat && !chat.subscribed && PRUNE_KINDS.has(b.kind)) return void decide(a, key, { s: "b", err: "unsubscribed" }, false);
    a.open++;
    openRecipients++;
    return { a, key, chatId: Number(key), part: 0, attempts: 0, notBefore: 0 };
  }

  function decide(a: ActiveBroadcast, key: string, state: RecipientState, mayDouble: boolean): void {
    const c = a.counts;
    if (state.s === "s") c.sent++;
    else if (state.s === "f") c.failed++;
    else if (state.s === "b") c.blocked++;
    if (state.s !== "p") stats[state.s === "s" ? "sent" : state.s === "f" ? "failed" : "blocked"]++;
    a.doneThisRun++;
    buffer.record(a.id, key, state, mayDouble);
    a.report?.update();
  }

  function close(job: Job, state: RecipientState | undefined): void {
    job.a.open--;
    openRecipients--;
    if (state) decide(job.a, job.key, state, true);
  }

  function dispatch(job: Job): void {
    const b = store.data.broadcasts[job.a.id];
    if (!b) return close(job, undefined);
    const locale = (job.locale ??= o.localeOf(job.chatId));
    const parts = partsFor(job.a, b, locale);
    const last = job.part >= parts.length - 1;
    const keyboard = last && b.occurrenceId ? keyboardOf(job.a, b.occurrenceId, locale) : undefined;
    requests++;
    api
      .sendMessage(job.chatId, parts[job.part] ?? "", { parse_mode: "HTML", ...(keyboard ? { reply_markup: keyboard } : {}) }, signal())
      .then(
        (message) => (last ? delivered(job, b, message) : jobs.continueWith({ ...job, part: job.part + 1 })),
        (err: unknown) => failed(job, err),
      )
      .finally(() => {
        requests--;
        pump();
      });
  }

  function keyboardOf(a: ActiveBroadcast, occurrenceId: string, locale: Locale): InlineKeyboardMarkup | undefined {
    if (!o.keyboardFor) return undefined;
    if (!(locale in a.keyboards)) a.keyboards[locale] = o.keyboardFor(occurrenceId, locale) ?? null;
    return a.keyboards[locale] ?? undefined;
  }

  function delivered(job: Job, b: BroadcastRecord, message: Message): void {
    const keepId = isGroupChat(job.chatId) && b.occurrenceId !== undefined;
    close(job, keepId ? { s: "s", mid: message.message_id } : { s: "s" });
    try {
      o.onSent?.(b, job.chatId, message);
    } catch (err) {
      log.error({ err, broadcast: b.id, chatId: job.chatId }, "onSent failed");
    }
  }

  function failed(job: Job, err: unknown): void {
    const f = classifySendError(err);
    const where = { broadcast: job.a.id, chatId: job.chatId };
    switch (f.kind) {
      case "retry-after":
        pausedUntil = Math.max(pausedUntil, clock() + f.seconds * 1000);
        return jobs.continueWith(job);
      case "blocked":
        store.mutate((db) => deactivateChat(db, job.chatId, f.reason, o.now()));
        return close(job, { s: "b", err: f.reason });
      case "migrated":
        return migrated(job, f.toChatId);
      case "rejected":
        log.warn({ ...where, reason: f.reason }, "Telegram refused a broadcast message");
        return close(job, { s: "f", err: f.reason });
      case "transient":
        if (stopping) return close(job, undefined); // stays pending in the store; the next run sends it
        if (++job.attempts >= maxAttempts) {
          log.warn({ ...where, reason: f.reason }, "giving up on a recipient after repeated errors");
          return close(job, { s: "f", err: f.reason });
        }
        stats.retried++;
        return jobs.defer({ ...job, notBefore: clock() + retryDelayMs * 2 ** (job.attempts - 1) });
    }
  }

  function migrated(job: Job, to: number): void {
    const from = job.chatId;
    log.info({ from, to }, "group became a supergroup; following it");
    migrations.set(from, to);
    buffer.commit((db) => {
      migrateChat(db, from, to, o.now());
      moveRecipient(db, from, to); // when the chat had no record, migrateChat moved nothing
    });
    const key = String(to);
    const b = store.data.broadcasts[job.a.id];
    if (b?.recipients[key]?.s !== "p" || job.a.handled.has(key)) return close(job, undefined);
    job.a.handled.add(key);
    jobs.continueWith({ ...job, key, chatId: to });
  }

  function fill(t: number): void {
    while (requests < concurrency) {
      if (limiter.globalWait(t) > 0) return wakeAt(t + limiter.globalWait(t));
      const call = calls[0];
      if (call) {
        const wait = limiter.chatWait(call.chatId, t);
        if (wait > 0) return wakeAt(t + wait);
        calls.shift();
        limiter.take(call.chatId, t);
        call.run();
        continue;
      }
      const job = jobs.next(t) ?? (unsaved() < maxUnsaved ? nextFresh() : undefined);
      if (!job) return;
      const wait = limiter.chatWait(job.chatId, t);
      if (wait > 0) {
        jobs.defer({ ...job, notBefore: t + wait }); // a group at its limit waits; others go ahead
        continue;
      }
      limiter.take(job.chatId, t);
      dispatch(job);
    }
  }

  function nextFresh(): Job | undefined {
    for (const a of active.values()) {
      while (a.cursor < a.queue.length) {
        const job = admit(a, a.queue[a.cursor++] as string);
        if (job) return job;
      }
    }
    return undefined;
  }

  function finishDone(): void {
    for (const a of [...active.values()]) {
      if (a.cursor < a.queue.length || a.open > 0) continue;
      const b = store.data.broadcasts[a.id];
      const more = b ? pendingKeys(b, a.handled) : [];
      if (more.length > 0) {
        a.queue = more; // recipients added or moved (migrations) while it ran
        a.cursor = 0;
        again = true;
        continue;
      }
      active.delete(a.id);
      buffer.commit((db) => {
        const rec = db.broadcasts[a.id];
        if (!rec) return;
        rec.status = "done";
        rec.finishedAt = o.now().toISOString();
        // keep the totals, the failures (with reasons) and the message ids edited later; drop the
        // rest: a year of broadcasts to every subscriber would otherwise dominate the store
        rec.counts = countRecipients(rec);
        for (const key in rec.recipients) {
          const r = rec.recipients[key];
          if (r?.s === "s" && r.mid === undefined) delete rec.recipients[key];
        }
      });
      if (!b) continue;
      const counts = countRecipients(b);
      const durationMs = Math.max(clock() - a.startedAt, o.now().getTime() - Date.parse(b.createdAt));
      log.info({ broadcast: a.id, ...counts, durationMs: Math.round(durationMs) }, "broadcast finished");
      void a.report?.finish(counts, durationMs);
      try {
        o.onFinished?.(b);
      } catch (err) {
        log.error({ err, broadcast: a.id }, "onFinished failed");
      }
    }
  }

  function commitIfDue(t: number): void {
    const oldest = buffer.oldestAt;
    if (oldest === undefined) return;
    if (stopping || buffer.buffered >= maxUnsaved / 2 || unsaved() >= maxUnsaved || t - oldest >= batchMs) buffer.commit();
    else wakeAt(oldest + batchMs);
  }

  function pump(): void {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        const t = clock();
        if (!stopping && t < pausedUntil) wakeAt(pausedUntil);
        else if (!stopping) fill(t);
        if (!stopping) finishDone();
        commitIfDue(clock());
        const due = jobs.nextDue();
        if (due !== undefined) wakeAt(due);
      } while (again);
    } finally {
      pumping = false;
    }
    if (active.size === 0 && requests === 0 && unsaved() === 0 && buffer.buffered === 0) {
      for (const resolve of idlers.splice(0)) resolve();
    }
  }

  const sender: Sender = {
    start() {
      sender.kick();
    },
    kick() {
      if (stopping) return;
      loadNew();
      pump();
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      if (timer) clearTimeout(timer);
      for (const a of active.values()) a.report?.cancel();
      for (const call of calls.splice(0)) call.cancel();
      const deadline = Date.now() + (o.stopTimeoutMs ?? 5000);
      while (requests > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      abort.abort();
      while (requests > 0) await new Promise((r) => setTimeout(r, 5));
      buffer.commit();
      await store.flush();
    },
    idle() {
      return new Promise<void>((resolve) => {
        idlers.push(resolve);
        pump();
      });
    },
    stats() {
      return { ...stats, active: active.size, inFlight: requests, unsaved: unsaved() };
    },
    limited: limitedCall,
  };
  return sender;
}
