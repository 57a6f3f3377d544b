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

/** The dispatcher: `prepare` readies a job, `send` sends it once the loop has taken its slot. */
export interface Dispatch {
  /**
   * The job with its recipient's language, or undefined while that is looked up (a query on
   * PostgreSQL): the job then comes back as a continuation. The rate slot is taken only after this,
   * so a slow lookup cannot bunch sends together (more than the rate in a sliding second).
   */
  prepare(job: Job): (Job & { locale: Locale }) | undefined;
  send(job: Job & { locale: Locale }): void;
}

/**
 * Sends one job's message (or the next part of a long one, job-send.ts) and acts on the answer
 * (send-outcome.ts): the next part, the recipient sent, or what the failure means.
 */
export function createDispatch(deps: DispatchDeps): Dispatch {
  const { options: o, inFlight, jobs, wake } = deps;
  const sendPart = createSendPart(deps.api, o.keyboardFor);
  const outcome = createSendOutcome(deps);
  return {
    prepare(job) {
      if (job.locale !== undefined) return job as Job & { locale: Locale };
      const known = o.localeOf(job.chatId);
      if (typeof known === "string") return { ...job, locale: known };
      known
        .then(
          (locale) => jobs.continueWith({ ...job, locale }),
          (err: unknown) => outcome.failed(job, err),
        )
        .finally(wake);
      return undefined;
    },
    send(job) {
      const signal = inFlight.begin();
      sendPart(job, job.locale, signal)
        .then(
          ({ message, last }) => (last ? outcome.delivered(job, message) : jobs.continueWith({ ...job, part: job.part + 1 })),
          (err: unknown) => outcome.failed(job, err),
        )
        .finally(() => {
          inFlight.end();
          wake();
        });
    },
  };
}
