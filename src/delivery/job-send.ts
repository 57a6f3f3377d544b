import type { Api } from "grammy";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { Locale } from "../domain/translate.js";
import type { PollPayload } from "../store/broadcast-view.js";
import { partsFor, type ActiveBroadcast, type Job } from "./active-broadcast.js";
import type { MessagePart } from "./message-parts.js";
import type { ApiSignal } from "./sender.js";

/** What one send produced: the message, and whether it was the last part of the broadcast's message. */
export interface PartSent {
  message: Message;
  last: boolean;
}

/** Sends the job's part in the recipient's language (a text, a file with its caption, or the poll). */
export type SendPart = (job: Job, locale: Locale, signal: ApiSignal) => Promise<PartSent>;

/**
 * The Bot API calls of one part: the text (+ media, + the sign-up buttons under the last part, made
 * once per broadcast and language) or the survey's poll, on the sender's own Api.
 */
export function createSendPart(api: Api, keyboardFor?: (occurrenceId: string, locale: Locale) => InlineKeyboardMarkup | undefined): SendPart {
  function keyboardOf(a: ActiveBroadcast, occurrenceId: string, locale: Locale): InlineKeyboardMarkup | undefined {
    if (!keyboardFor) return undefined;
    if (!(locale in a.keyboards)) a.keyboards[locale] = keyboardFor(occurrenceId, locale) ?? null;
    return a.keyboards[locale] ?? undefined;
  }

  /** A text message, or a file by file_id with the text as its caption (none when empty). */
  function send(chatId: number, part: MessagePart, keyboard: InlineKeyboardMarkup | undefined, signal: ApiSignal): Promise<Message> {
    const extra = { parse_mode: "HTML" as const, ...(keyboard ? { reply_markup: keyboard } : {}) };
    if (!part.media) return api.sendMessage(chatId, part.text, extra, signal);
    const captioned = part.text === "" ? extra : { ...extra, caption: part.text };
    return part.media.type === "photo"
      ? api.sendPhoto(chatId, part.media.fileId, captioned, signal)
      : api.sendDocument(chatId, part.media.fileId, captioned, signal);
  }

  function sendPoll(chatId: number, poll: PollPayload, locale: Locale, signal: ApiSignal): Promise<Message> {
    const options = poll.options.map((o) => ({ text: o[locale] }));
    return api.sendPoll(chatId, poll.question[locale], options, { is_anonymous: poll.anonymous }, signal);
  }

  return async (job, locale, signal) => {
    job.locale = locale;
    const b = job.a.broadcast;
    const parts = partsFor(job.a, locale);
    // a poll payload is one more part, after the text (see BroadcastView.poll)
    const count = parts.length + (b.poll ? 1 : 0);
    const last = job.part >= count - 1;
    const keyboard = last && b.occurrenceId ? keyboardOf(job.a, b.occurrenceId, locale) : undefined;
    const sent = b.poll && job.part >= parts.length ? sendPoll(job.chatId, b.poll, locale, signal) : send(job.chatId, parts[job.part] ?? { text: "" }, keyboard, signal);
    return { message: await sent, last };
  };
}
