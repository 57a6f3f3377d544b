import { GrammyError } from "grammy";
import type { Logger } from "pino";
import type { Translate } from "../domain/translate.js";
import type { DeliveryCounts } from "../store/broadcast-view.js";
import { isNotModified } from "./send-errors.js";

export type { DeliveryCounts };

/** A duration in words ("1 分 5 秒" / "1 min 5 s"). */
export function formatDuration(t: Translate, ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return t("delivery-duration-hours", { h, m });
  if (m > 0) return t("delivery-duration-minutes", { m, s });
  return t("delivery-duration-seconds", { s });
}

/** The progress message: sent / total, failures, blocked and the time left (if known yet). */
export function progressText(t: Translate, c: DeliveryCounts, etaMs: number | undefined): string {
  const eta = etaMs === undefined ? t("delivery-eta-unknown") : formatDuration(t, etaMs);
  return t("delivery-progress", { sent: c.sent, total: c.total, failed: c.failed, blocked: c.blocked, eta });
}

/** The summary the progress message becomes at the end. */
export function summaryText(t: Translate, c: DeliveryCounts, durationMs: number): string {
  return t("delivery-summary", { sent: c.sent, total: c.total, failed: c.failed, blocked: c.blocked, duration: formatDuration(t, durationMs) });
}

/** Sends or edits the one progress message (the sender passes calls that respect its rate limit). */
export interface ProgressCalls {
  send(chatId: number, text: string): Promise<{ message_id: number }>;
  edit(chatId: number, messageId: number, text: string): Promise<unknown>;
}

export interface ProgressReportOptions {
  chatId: number;
  /** set when a resumed broadcast already has its message */
  messageId?: number;
  t: Translate;
  calls: ProgressCalls;
  log: Logger;
  /** least time between two edits (default 3000 ms) */
  everyMs?: number;
  /** called once the message exists, so its id can be stored */
  onMessageId: (messageId: number) => void;
  /** the current counts and time left, read only when an edit is due (cheap at any send rate) */
  snapshot: () => { counts: DeliveryCounts; etaMs: number | undefined };
}

/**
 * What became of a text: on screen (or already there), refused by Telegram for good (the message or
 * chat is gone), or not sent (a network fault, or the sender stopping): worth trying again.
 */
export type ShowOutcome = "shown" | "refused" | "unsent";

export interface ProgressReport {
  /** Something changed; the message is edited at most every `everyMs`, and only when its text changed. */
  update(): void;
  /** Turns the message into the summary (sends a new one if there is none). */
  finish(counts: DeliveryCounts, durationMs: number): Promise<ShowOutcome>;
  /** Stops editing without a summary (sender stopping). */
  cancel(): void;
}

/**
 * The message itself: sent once, then edited; one call at a time, in order; an unchanged text is
 * not sent again. `onCall` is told as each call starts (the pace of edits is kept from then).
 */
function createProgressMessage(o: ProgressReportOptions, onCall: () => void) {
  let messageId = o.messageId;
  let lastText = "";
  let busy: Promise<ShowOutcome> = Promise.resolve("shown");

  async function put(text: string): Promise<ShowOutcome> {
    if (text === lastText) return "shown"; // Telegram refuses an edit that changes nothing
    onCall();
    try {
      if (messageId === undefined) {
        const sent = await o.calls.send(o.chatId, text);
        messageId = sent.message_id;
        o.onMessageId(messageId);
      } else {
        await o.calls.edit(o.chatId, messageId, text);
      }
      lastText = text;
      return "shown";
    } catch (err) {
      if (isNotModified(err)) {
        lastText = text;
        return "shown";
      }
      o.log.warn({ err, chatId: o.chatId }, "could not update the broadcast progress message");
      // a 4xx other than flood control will be refused again; the rest may pass later
      return err instanceof GrammyError && err.error_code !== 429 && err.error_code < 500 ? "refused" : "unsent";
    }
  }

  return {
    show(text: string): Promise<ShowOutcome> {
      busy = busy.then(() => put(text));
      return busy;
    },
    get exists(): boolean {
      return messageId !== undefined;
    },
  };
}

/** The staff member's progress message for one broadcast: edits at most every `everyMs`, the latest counts. */
export function createProgressReport(o: ProgressReportOptions): ProgressReport {
  const every = o.everyMs ?? 3000;
  let lastAt = 0;
  const message = createProgressMessage(o, () => void (lastAt = Date.now()));
  let changed = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const flushLatest = (): void => {
    timer = undefined;
    if (closed || !changed) return;
    changed = false;
    lastAt = Date.now();
    const { counts, etaMs } = o.snapshot();
    void message.show(progressText(o.t, counts, etaMs));
  };
  const close = (): void => {
    closed = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
  };

  return {
    update() {
      if (closed) return;
      changed = true;
      if (timer) return;
      const wait = !message.exists && lastAt === 0 ? 0 : Math.max(0, lastAt + every - Date.now());
      timer = setTimeout(flushLatest, wait);
    },
    finish(counts, durationMs) {
      close();
      return message.show(summaryText(o.t, counts, durationMs));
    },
    cancel: close,
  };
}
