import { Api, type Transformer } from "grammy";

/** The sends a broadcast makes (see job-dispatch.ts); Telegram takes `allow_paid_broadcast` on each. */
const BROADCAST_SENDS = new Set(["sendMessage", "sendPhoto", "sendPoll"]);

/**
 * Telegram's paid broadcast: with `allow_paid_broadcast`, a bot may send up to 1,000 messages a
 * second, for 0.1 Telegram Star a message from the bot's balance. The sender's own Api with the
 * flag on every message it sends (progress messages to staff included: a few per broadcast); the
 * given Api, and so the bot's replies, are left as they are. Off unless PAID_BROADCAST=on.
 */
export function withPaidBroadcast(api: Api): Api {
  const paid = new Api(api.token, api.options);
  const flag: Transformer = (prev, method, payload, signal) =>
    prev(method, BROADCAST_SENDS.has(method) ? { ...payload, allow_paid_broadcast: true } : payload, signal);
  paid.config.use(...api.config.installedTransformers(), flag);
  return paid;
}
