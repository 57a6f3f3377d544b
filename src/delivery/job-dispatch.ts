import type { DeepReadonly } from "../domain/deep-readonly.js";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { Locale } from "../domain/translate.js";
import { deactivateChat, migrateChat } from "../store/chats.js";
import type { BroadcastRecord, PollPayload } from "../store/schema.js";
import { moveRecipient, partsFor, type ActiveBroadcast, type Job } from "./active-broadcast.js";
import { isGroupChat } from "./rate-limiter.js";
import type { MessagePart } from "./message-parts.js";
import type { Recipients } from "./recipients.js";
import type { SenderContext } from "./sender-context.js";
import { classifySendError } from "./send-errors.js";

/**
 * Sends one job's message (or the next part of a long one) and acts on the answer: the next part,
 * the recipient sent, or what the failure means (pause on 429, chat inactive on 403, follow a
 * migration, retry with backoff, or give up). The send loop has already taken the job's slot.
 */
export function createDispatch(ctx: SenderContext, close: Recipients["close"]): (job: Job) => void {
  const { o, store, log, clock, api, jobs } = ctx;

  function dispatch(job: Job): void {
    const b = store.data.broadcasts[job.a.id];
    if (!b) return close(job, undefined);
    const locale = (job.locale ??= o.localeOf(job.chatId));
    const parts = partsFor(job.a, b, locale);
    // a poll payload is one more part, after the text (see BroadcastRecord.poll)
    const count = parts.length + (b.poll ? 1 : 0);
    const last = job.part >= count - 1;
    const keyboard = last && b.occurrenceId ? keyboardOf(job.a, b.occurrenceId, locale) : undefined;
    ctx.requests++;
    const sent = b.poll && job.part >= parts.length ? sendPoll(job.chatId, b.poll, locale) : send(job.chatId, parts[job.part] ?? { text: "" }, keyboard);
    sent
      .then(
        (message) => (last ? delivered(job, b, message) : jobs.continueWith({ ...job, part: job.part + 1 })),
        (err: unknown) => failed(job, err),
      )
      .finally(() => {
        ctx.requests--;
        ctx.pump();
      });
  }

  /** A text message, or a file by file_id with the text as its caption (none when empty). */
  function send(chatId: number, part: MessagePart, keyboard: InlineKeyboardMarkup | undefined): Promise<Message> {
    const extra = { parse_mode: "HTML" as const, ...(keyboard ? { reply_markup: keyboard } : {}) };
    if (!part.media) return api.sendMessage(chatId, part.text, extra, ctx.signal());
    const captioned = part.text === "" ? extra : { ...extra, caption: part.text };
    return part.media.type === "photo"
      ? api.sendPhoto(chatId, part.media.fileId, captioned, ctx.signal())
      : api.sendDocument(chatId, part.media.fileId, captioned, ctx.signal());
  }

  function sendPoll(chatId: number, poll: DeepReadonly<PollPayload>, locale: Locale): Promise<Message> {
    const options = poll.options.map((o) => ({ text: o[locale] }));
    return api.sendPoll(chatId, poll.question[locale], options, { is_anonymous: poll.anonymous }, ctx.signal());
  }

  function keyboardOf(a: ActiveBroadcast, occurrenceId: string, locale: Locale): InlineKeyboardMarkup | undefined {
    if (!o.keyboardFor) return undefined;
    if (!(locale in a.keyboards)) a.keyboards[locale] = o.keyboardFor(occurrenceId, locale) ?? null;
    return a.keyboards[locale] ?? undefined;
  }

  function delivered(job: Job, b: DeepReadonly<BroadcastRecord>, message: Message): void {
    // group reminders: their live counts are edited; staff's ad-hoc notices: /correct edits every copy
    const keepId = (isGroupChat(job.chatId) && b.occurrenceId !== undefined) || (b.kind === "adhoc" && b.progress !== undefined);
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
        ctx.pausedUntil = Math.max(ctx.pausedUntil, clock() + f.seconds * 1000);
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
        if (ctx.stopping) return close(job, undefined); // stays pending in the store; the next run sends it
        if (++job.attempts >= ctx.maxAttempts) {
          log.warn({ ...where, reason: f.reason }, "giving up on a recipient after repeated errors");
          return close(job, { s: "f", err: f.reason });
        }
        ctx.stats.retried++;
        return jobs.defer({ ...job, notBefore: clock() + ctx.retryDelayMs * 2 ** (job.attempts - 1) });
    }
  }

  function migrated(job: Job, to: number): void {
    const from = job.chatId;
    log.info({ from, to }, "group became a supergroup; following it");
    ctx.migrations.set(from, to);
    // where both ids are recipients, the supergroup gets one message: the total counts it once
    for (const a of ctx.active.values()) {
      const recipients = store.data.broadcasts[a.id]?.recipients;
      if (recipients?.[String(from)]?.s === "p" && recipients[String(to)] !== undefined) a.counts.total--;
    }
    ctx.buffer.commit((db) => {
      migrateChat(db, from, to, o.now());
      moveRecipient(db, from, to); // when the chat had no record, migrateChat moved nothing
    });
    const key = String(to);
    const b = store.data.broadcasts[job.a.id];
    if (b?.recipients[key]?.s !== "p" || job.a.handled.has(key)) return close(job, undefined);
    job.a.handled.add(key);
    jobs.continueWith({ ...job, key, chatId: to });
  }

  return dispatch;
}
