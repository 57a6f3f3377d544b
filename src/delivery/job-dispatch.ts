import type { Api } from "grammy";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { Locale } from "../domain/translate.js";
import type { BroadcastView } from "../store/broadcast-view.js";
import type { Job } from "./active-broadcast.js";
import type { InFlight } from "./in-flight.js";
import { createSendPart } from "./job-send.js";
import { createSendOutcome, type OutcomeDeps } from "./send-outcome.js";

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

export interface DispatchDeps extends OutcomeDeps {
  /** the sender's own Api */
  api: Api;
  inFlight: Pick<InFlight, "begin" | "end">;
}

/**
 * Sends one job's message (or the next part of a long one, job-send.ts) and acts on the answer
 * (send-outcome.ts): the next part, the recipient sent, or what the failure means. The send loop
 * has already taken the job's slot.
 */
export function createDispatch(deps: DispatchDeps): (job: Job) => void {
  const { options: o, inFlight, jobs, wake } = deps;
  const sendPart = createSendPart(deps.api, o.keyboardFor);
  const outcome = createSendOutcome(deps);
  return (job) => {
    // the slot is taken at once, also while the recipient's language is looked up
    const signal = inFlight.begin();
    const known = job.locale ?? o.localeOf(job.chatId);
    const sent = typeof known === "string" ? sendPart(job, known, signal) : known.then((locale) => sendPart(job, locale, signal));
    sent
      .then(
        ({ message, last }) => (last ? outcome.delivered(job, message) : jobs.continueWith({ ...job, part: job.part + 1 })),
        (err: unknown) => outcome.failed(job, err),
      )
      .finally(() => {
        inFlight.end();
        wake();
      });
  };
}
