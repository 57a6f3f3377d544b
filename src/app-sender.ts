import type { Api } from "grammy";
import type { Message } from "grammy/types";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { withPaidBroadcast } from "./delivery/paid-broadcast.js";
import type { Pacing } from "./delivery/pacing.js";
import { createSender, type Sender } from "./delivery/sender.js";
import { signupKeyboard } from "./domain/signups/buttons.js";
import type { Locale, Translate } from "./domain/translate.js";
import type { BroadcastView } from "./store/broadcast-view.js";
import type { DeliveriesRepo } from "./store/deliveries-repo.js";
import type { LocaleService } from "./store/locales.js";

/** Told of every message the sender delivered (a reminder's live count, a survey poll's id). */
export type SentListener = (broadcast: BroadcastView, chatId: number, message: Message) => void;

/** The sender and where its deliveries are announced: listeners are added once the features exist. */
export interface AppSender {
  sender: Sender;
  onSent(listener: SentListener): void;
}

/** The one rate-limited sender, on its own Api (made before the bot, configured as the bot's is). */
export function createAppSender(o: {
  deliveries: DeliveriesRepo;
  api: Api;
  log: Logger;
  now: () => Date;
  rate: Config["delivery"];
  /** one bot's pace shared by the senders of several communities (see SenderOptions.pacing) */
  pacing?: Pacing;
  locales: LocaleService;
  translate: (locale: Locale) => Translate;
}): AppSender {
  const listeners: SentListener[] = [];
  const sender = createSender({
    deliveries: o.deliveries,
    // paid broadcast (PAID_BROADCAST=on): the flag on each message, the rate up to 1,000 a second
    api: o.rate.paid ? withPaidBroadcast(o.api) : o.api,
    log: o.log,
    now: o.now,
    rate: o.rate,
    ...(o.pacing ? { pacing: o.pacing } : {}),
    // a kill -9 doubles at most the requests in flight (the sender's maxUnsaved defaults to its
    // concurrency); outcomes are saved at least four times a second, group commit merges the rest
    batchMs: 250,
    localeOf: (chatId) => o.locales.ofChat(chatId),
    translate: o.translate,
    // no count in what is sent: one frozen in a private copy goes stale; groups get theirs edited in
    keyboardFor: (occurrenceId) => signupKeyboard(occurrenceId),
    onSent: (broadcast, chatId, message) => {
      for (const listener of listeners) listener(broadcast, chatId, message);
    },
  });
  return { sender, onSent: (listener) => void listeners.push(listener) };
}
