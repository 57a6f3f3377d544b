import type { Api } from "grammy";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { Logger } from "pino";
import type { Locale } from "../domain/translate.js";
import type { BroadcastView, PollPayload } from "../store/broadcast-view.js";
import type { DeliveriesRepo } from "../store/deliveries-repo.js";
import { partsFor, type ActiveBroadcast, type Job } from "./active-broadcast.js";
import type { InFlight } from "./in-flight.js";
import type { JobQueue } from "./job-queue.js";
import type { MessagePart } from "./message-parts.js";
import type { OutcomeBuffer } from "./outcome-buffer.js";
import type { Pacing } from "./pacing.js";
import { isGroupChat } from "./rate-limiter.js";
import type { Count, Recipients } from "./recipients.js";
import { classifySendError } from "./send-errors.js";

/** What a send needs from the sender's options. */
export interface DispatchOptions {
  now: () => Date;
  /** the recipient's language (the locale service's `ofChat`); asked once per recipient */
  localeOf: (chatId: number) => Locale | Promise<Locale>;
  keyboardFor?: (occurrenceId: string, locale: Locale) => InlineKeyboardMarkup | undefined;
  onSent?: (broadcast: BroadcastView, chatId: number, message: Message) => void;
  maxAttempts: number;
  retryDelayMs: number;
}

export interface DispatchDeps {
  options: DispatchOptions;
  /** the sender's own Api */
  api: Api;
  inFlight: Pick<InFlight, "begin" | "end">;
  pacing: Pick<Pacing, "pauseFor" | "now">;
  jobs: JobQueue;
  recipients: Pick<Recipients, "close" | "follow">;
  deliveries: Pick<DeliveriesRepo, "chatBlocked" | "chatMigrated" | "claim">;
  buffer: Pick<OutcomeBuffer, "commit">;
  activeById: (id: string) => ActiveBroadcast | undefined;
  count: Count;
  log: Logger;
  stopping: () => boolean;
  wake: () => void;
}

/**
 * Sends one job's message (or the next part of a long one) and acts on the answer: the next part,
 * the recipient sent, or what the failure means (pause on 429, chat inactive on 403, follow a
 * migration, retry with backoff, or give up). The send loop has already taken the job's slot.
 */
export function createDispatch(deps: DispatchDeps): (job: Job) => void {
  const { options: o, api, inFlight, pacing, jobs, recipients, deliveries, log, wake } = deps;

  function dispatch(job: Job): void {
    // the slot is taken at once, also while the recipient's language is looked up
    const signal = inFlight.begin();
    const known = job.locale ?? o.localeOf(job.chatId);
    const outcome = typeof known === "string" ? sendIn(job, known, signal) : known.then((locale) => sendIn(job, locale, signal));
    outcome
      .then(
        ({ message, last }) => (last ? delivered(job, message) : jobs.continueWith({ ...job, part: job.part + 1 })),
        (err: unknown) => failed(job, err),
      )
      .finally(() => {
        inFlight.end();
        wake();
      });
  }

  /** Sends the job's part in the recipient's language; `last` when it was the message's last part. */
  async function sendIn(job: Job, locale: Locale, signal: ReturnType<InFlight["begin"]>): Promise<{ message: Message; last: boolean }> {
    job.locale = locale;
    const b = job.a.broadcast;
    const parts = partsFor(job.a, locale);
    // a poll payload is one more part, after the text (see BroadcastView.poll)
    const count = parts.length + (b.poll ? 1 : 0);
    const last = job.part >= count - 1;
    const keyboard = last && b.occurrenceId ? keyboardOf(job.a, b.occurrenceId, locale) : undefined;
    const sent = b.poll && job.part >= parts.length ? sendPoll(job.chatId, b.poll, locale, signal) : send(job.chatId, parts[job.part] ?? { text: "" }, keyboard, signal);
    return { message: await sent, last };
  }

  /** A text message, or a file by file_id with the text as its caption (none when empty). */
  function send(chatId: number, part: MessagePart, keyboard: InlineKeyboardMarkup | undefined, signal: ReturnType<InFlight["begin"]>): Promise<Message> {
    const extra = { parse_mode: "HTML" as const, ...(keyboard ? { reply_markup: keyboard } : {}) };
    if (!part.media) return api.sendMessage(chatId, part.text, extra, signal);
    const captioned = part.text === "" ? extra : { ...extra, caption: part.text };
    return part.media.type === "photo"
      ? api.sendPhoto(chatId, part.media.fileId, captioned, signal)
      : api.sendDocument(chatId, part.media.fileId, captioned, signal);
  }

  function sendPoll(chatId: number, poll: PollPayload, locale: Locale, signal: ReturnType<InFlight["begin"]>): Promise<Message> {
    const options = poll.options.map((o) => ({ text: o[locale] }));
    return api.sendPoll(chatId, poll.question[locale], options, { is_anonymous: poll.anonymous }, signal);
  }

  function keyboardOf(a: ActiveBroadcast, occurrenceId: string, locale: Locale): InlineKeyboardMarkup | undefined {
    if (!o.keyboardFor) return undefined;
    if (!(locale in a.keyboards)) a.keyboards[locale] = o.keyboardFor(occurrenceId, locale) ?? null;
    return a.keyboards[locale] ?? undefined;
  }

  function delivered(job: Job, message: Message): void {
    const b = job.a.broadcast;
    // group reminders: their live counts are edited; staff's ad-hoc notices: /correct edits every copy
    const keepId = (isGroupChat(job.chatId) && b.occurrenceId !== undefined) || (b.kind === "adhoc" && b.progress !== undefined);
    recipients.close(job, keepId ? { s: "s", mid: message.message_id } : { s: "s" });
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
        pacing.pauseFor(f.seconds);
        return jobs.continueWith(job);
      case "blocked":
        deliveries.chatBlocked(job.chatId, f.reason, o.now()).catch((e: unknown) => log.error({ err: e, ...where }, "could not mark a chat inactive"));
        return recipients.close(job, { s: "b", err: f.reason });
      case "migrated":
        return migrated(job, f.toChatId);
      case "rejected":
        log.warn({ ...where, reason: f.reason }, "Telegram refused a broadcast message");
        return recipients.close(job, { s: "f", err: f.reason });
      case "transient":
        if (deps.stopping()) return recipients.close(job, undefined); // stays pending in the store; the next run sends it
        if (++job.attempts >= o.maxAttempts) {
          log.warn({ ...where, reason: f.reason }, "giving up on a recipient after repeated errors");
          return recipients.close(job, { s: "f", err: f.reason });
        }
        deps.count("retried");
        return jobs.defer({ ...job, notBefore: pacing.now() + o.retryDelayMs * 2 ** (job.attempts - 1) });
    }
  }

  /** The chat and its pending deliveries move to the supergroup; this job goes on there if it is still to send. */
  function migrated(job: Job, to: number): void {
    const from = job.chatId;
    log.info({ from, to }, "group became a supergroup; following it");
    recipients.follow(from, to);
    deps.buffer.commit(); // the outcomes decided so far go first (applied in call order)
    const key = String(to);
    const takeOver = !job.a.handled.has(key);
    if (takeOver) job.a.handled.add(key);
    const moved = deliveries.chatMigrated(from, to, o.now()).then(async ({ merged }) => {
      // where both ids were recipients, the supergroup gets one message: the total counts it once
      for (const id of merged) {
        const a = deps.activeById(id);
        if (a) a.counts.total--;
      }
      const still = takeOver && (await deliveries.claim(job.a.id, [key])).pending.length > 0;
      if (still) jobs.continueWith({ ...job, key, chatId: to });
      else recipients.close(job, undefined);
    });
    moved
      .catch((err: unknown) => {
        log.error({ err, from, to }, "could not follow a migrated group");
        recipients.close(job, undefined);
      })
      .finally(wake);
  }

  return dispatch;
}
