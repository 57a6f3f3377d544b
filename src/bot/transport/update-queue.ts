import type { Bot, Context } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { UpdatesRepo } from "../../store/updates-repo.js";

/**
 * Runs updates through the bot: one chat's updates strictly in order, different chats at once. An
 * update is done only when its effects and its id are on disk, so a redelivered update (after a
 * crash, or Telegram retrying a webhook) is recognised and changes nothing.
 */
export interface UpdateQueue {
  /** Starts handling; resolves once the update is handled and saved (or was already). */
  push(update: Update): Promise<void>;
  /** Whether this id is being handled now. */
  has(updateId: number): boolean;
  /** Whether this id was handled already (its effects saved, or nothing to save). */
  handled(updateId: number): Promise<boolean>;
  /** Ids being handled now. */
  readonly inFlight: ReadonlyMap<number, Promise<void>>;
  /** Resolves when everything pushed so far is done. */
  drain(): Promise<void>;
}

export interface UpdateQueueOptions {
  /** a community's bot, or the router in front of several */
  bot: Pick<Bot<Context>, "handleUpdate">;
  updates: UpdatesRepo;
  log: Logger;
  /** waits between attempts to save a handled update (tests pass their own clock) */
  sleep?: (ms: number) => Promise<void>;
}

/** Creates the queue over a bot and the store's record of updates. */
export function createUpdateQueue(options: UpdateQueueOptions): UpdateQueue {
  const { bot, updates, log } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const inFlight = new Map<number, Promise<void>>();
  const chains = new Map<string, Promise<void>>();

  const handle = async (update: Update): Promise<void> => {
    const id = update.update_id;
    // checked in the chat's line: a copy pushed twice runs after the first and finds it handled
    if (await updates.isHandled(id)) return;
    const since = await updates.changeMark();
    try {
      await bot.handleUpdate(update);
    } catch (err) {
      // createBot's error boundary has already reported it; a failing update is not retried forever
      log.debug({ err, updateId: id }, "update failed");
    }
    // A write that fails (disk full) is tried again: until it succeeds the update stays in flight, so
    // the poller never confirms it to Telegram with its effects only in memory.
    for (let delay = 500; ; delay = Math.min(delay * 2, 30_000)) {
      try {
        await updates.markHandled(id, since);
        return;
      } catch (err) {
        log.error({ err, updateId: id, retryInMs: delay }, "could not save an update; retrying");
        await sleep(delay);
      }
    }
  };

  return {
    inFlight,
    has: (id) => inFlight.has(id),
    handled: (id) => updates.isHandled(id),
    push(update) {
      const id = update.update_id;
      const running = inFlight.get(id);
      if (running) return running;
      const key = chainKey(update);
      const task = (chains.get(key) ?? Promise.resolve())
        .then(() => handle(update))
        .catch((err: unknown) => log.error({ err, updateId: id }, "saving an update failed"));
      chains.set(key, task);
      const tracked = task.finally(() => {
        inFlight.delete(id);
        if (chains.get(key) === task) chains.delete(key);
      });
      inFlight.set(id, tracked);
      return tracked;
    },
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()]);
    },
  };
}

/**
 * Updates of one chat share an order; in groups, each member's updates form their own line, so a
 * burst of button presses under one reminder is handled side by side, not one write after another.
 */
export function chainKey(update: Update): string {
  const cb = update.callback_query;
  if (cb) return cb.message ? `c${cb.message.chat.id}:u${cb.from.id}` : `u${cb.from.id}`;
  const msg = update.message ?? update.edited_message;
  if (msg) {
    const group = msg.chat.type === "group" || msg.chat.type === "supergroup";
    // service messages (migration, members) keep the chat's own line
    return group && msg.from && !msg.migrate_to_chat_id ? `c${msg.chat.id}:u${msg.from.id}` : `c${msg.chat.id}`;
  }
  const chatId =
    update.my_chat_member?.chat.id ??
    update.chat_member?.chat.id ??
    update.channel_post?.chat.id ??
    update.edited_channel_post?.chat.id;
  if (chatId !== undefined) return `c${chatId}`;
  // a survey answer shares the voter's private-chat line: one person's answers are handled in order
  const voter = update.poll_answer?.user?.id;
  if (voter !== undefined) return `c${voter}`;
  const userId = update.inline_query?.from.id;
  return userId !== undefined ? `u${userId}` : "other";
}
