import { GrammyError, HttpError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { markHandled, wasHandled } from "../store/handled-updates.js";
import type { Store } from "../store/store.js";
import type { BotContext } from "./context.js";

export interface PollerOptions {
  bot: Bot<BotContext>;
  store: Store;
  log: Logger;
  allowedUpdates: ReadonlyArray<Exclude<keyof Update, "update_id">>;
  /** most updates handled at once (different chats); one chat's updates always run in order */
  concurrency?: number;
  timeoutSeconds?: number;
  /** a condition polling cannot go on from (409 another instance, 401 token revoked) */
  onFatal: (error: Error) => void;
}

export interface Poller {
  /** Polls until `stop`; resolves when polling ended. */
  run(): Promise<void>;
  /** Stops fetching, waits for the updates in hand, flushes the store. */
  stop(): Promise<void>;
}

/** Long polling that confirms an update to Telegram only after its effects are on disk. */
export class PollingConflictError extends Error {}

/**
 * Why not grammY's runner: it confirms updates (advances the offset) before they are handled, so a
 * crash loses them. Here the offset only moves past an update once it is handled and saved, and an
 * update seen again after a restart is recognised by its id and skipped.
 */
export function createPoller(options: PollerOptions): Poller {
  const { bot, store, log } = options;
  const concurrency = options.concurrency ?? 64;
  const inFlight = new Map<number, Promise<void>>();
  const doneAbove = new Set<number>(); // finished ids above the lowest one still running
  const chains = new Map<string, Promise<void>>();
  let maxSeen = -1;
  let running = false;
  let abort: AbortController | undefined;
  let finished: Promise<void> | undefined;

  const handle = async (update: Update): Promise<void> => {
    try {
      await bot.handleUpdate(update);
    } catch (err) {
      // createBot's error boundary has already reported it; an update that fails is not retried
      log.debug({ err, updateId: update.update_id }, "update failed");
    }
    await store.update((db) => markHandled(db, update.update_id));
  };

  const dispatch = (update: Update): void => {
    const key = chainKey(update);
    const previous = chains.get(key) ?? Promise.resolve();
    const task = previous.then(() => handle(update)).catch((err: unknown) => log.error({ err }, "saving an update failed"));
    chains.set(key, task);
    const tracked = task.finally(() => {
      inFlight.delete(update.update_id);
      doneAbove.add(update.update_id);
      if (chains.get(key) === task) chains.delete(key);
    });
    inFlight.set(update.update_id, tracked);
  };

  const nextOffset = (): number => {
    const lowest = inFlight.size > 0 ? Math.min(...inFlight.keys()) : maxSeen + 1;
    for (const id of doneAbove) if (id < lowest) doneAbove.delete(id);
    return lowest;
  };

  const loop = async (): Promise<void> => {
    let backoff = 1000;
    while (running) {
      if (inFlight.size >= concurrency) await Promise.race(inFlight.values());
      let updates: Update[];
      abort = new AbortController();
      try {
        updates = await bot.api.getUpdates(
          { offset: nextOffset(), timeout: options.timeoutSeconds ?? 30, limit: 100, allowed_updates: options.allowedUpdates },
          abort.signal as unknown as Parameters<typeof bot.api.getUpdates>[1],
        );
        backoff = 1000;
      } catch (err) {
        if (!running) break;
        if (err instanceof GrammyError && (err.error_code === 409 || err.error_code === 401)) {
          running = false;
          options.onFatal(fatalFor(err));
          break;
        }
        log.warn({ err: err instanceof HttpError ? String(err.error) : err }, "getUpdates failed; retrying");
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
        continue;
      }
      let fresh = 0;
      for (const update of updates) {
        const id = update.update_id;
        maxSeen = Math.max(maxSeen, id);
        if (inFlight.has(id) || doneAbove.has(id)) continue;
        if (wasHandled(store.data, id)) continue; // handled before a restart
        fresh++;
        dispatch(update);
      }
      // everything returned is still being handled: wait for progress instead of spinning
      if (fresh === 0 && updates.length > 0 && inFlight.size > 0) {
        await Promise.race([Promise.race(inFlight.values()), sleep(1000)]);
      }
    }
  };

  return {
    run() {
      running = true;
      finished = loop();
      return finished;
    },
    async stop() {
      running = false;
      abort?.abort();
      await finished?.catch(() => undefined);
      await Promise.allSettled(inFlight.values());
      // confirm what was handled, so Telegram does not send it again (best effort, short)
      if (maxSeen >= 0) {
        await bot.api.getUpdates({ offset: nextOffset(), timeout: 0, limit: 1 }).catch(() => undefined);
      }
      await store.flush();
    },
  };
}

function chainKey(update: Update): string {
  const chatId =
    update.message?.chat.id ??
    update.edited_message?.chat.id ??
    update.callback_query?.message?.chat.id ??
    update.my_chat_member?.chat.id ??
    update.chat_member?.chat.id ??
    update.channel_post?.chat.id;
  if (chatId !== undefined) return `c${chatId}`;
  const userId = update.callback_query?.from.id ?? update.inline_query?.from.id;
  return userId !== undefined ? `u${userId}` : "other";
}

function fatalFor(err: GrammyError): Error {
  if (err.error_code === 409) {
    return new PollingConflictError(
      "Another bot instance is already polling with this BOT_TOKEN (409 Conflict). Stop the other instance (or its webhook) and start again.",
    );
  }
  return new Error("Telegram rejected BOT_TOKEN (401 Unauthorized): it was revoked or is wrong. Get a fresh one from @BotFather.");
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
