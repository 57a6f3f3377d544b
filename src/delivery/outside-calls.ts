import type { Transformer } from "grammy";
import type { InFlight } from "./in-flight.js";
import type { Pacing } from "./pacing.js";
import { isGroupChat } from "./rate-limiter.js";

/** The calls Telegram's flood control counts (and the fake Bot API with it): sends, edits, copies. */
const COUNTED = /^(send|edit|copy|forward)/;

/**
 * A transformer for the bot's own Api: every message the bot sends or edits outside the sender (a
 * reply, the edit of a broadcast's preview when staff confirm it) counts against the sender's
 * window, so a broadcast starting or running at the same time leaves room for it rather than
 * going one over Telegram's limit and waiting out a 429. Calls the sender runs itself carry its
 * signals and are not counted twice. The reply is not held back: it is counted as it leaves.
 */
export function createOutsideCounter(pacing: Pick<Pacing, "take" | "now">, inFlight: Pick<InFlight, "isOwn">): Transformer {
  return (prev, method, payload, signal) => {
    if (COUNTED.test(method) && !inFlight.isOwn(signal)) {
      const chatId = Number((payload as { chat_id?: unknown } | undefined)?.chat_id);
      // a group's minute is counted too; an inline message (no chat id) only in the overall second
      pacing.take(Number.isFinite(chatId) && isGroupChat(chatId) ? chatId : 0, pacing.now());
    }
    return prev(method, payload, signal);
  };
}
