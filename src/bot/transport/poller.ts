import { GrammyError, HttpError, type Bot, type Context } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { UpdatesRepo } from "../../store/updates-repo.js";
import { createUpdateQueue, type UpdateQueue } from "./update-queue.js";

/** What the poller feeds: a community's bot, or the router in front of several (any grammY Bot). */
export type PolledBot = Pick<Bot<Context>, "api" | "handleUpdate">;

export interface PollerOptions {
  bot: PolledBot;
  updates: UpdatesRepo;
  log: Logger;
  allowedUpdates: ReadonlyArray<Exclude<keyof Update, "update_id">>;
  /** most updates handled at once (different chats); one chat's updates always run in order */
  concurrency?: number;
  timeoutSeconds?: number;
  /** a condition polling cannot go on from (409 another instance, 401 token revoked) */
  onFatal: (error: Error) => void;
  /** share a queue with another entry point (tests); one is made otherwise */
  queue?: UpdateQueue;
  /** waits between polls (a backoff after errors, a pause while everything returned is in hand); tests pass their own clock */
  sleep?: (ms: number) => Promise<void>;
}

export interface Poller {
  /** Polls until `stop`; resolves when polling ended. */
  run(): Promise<void>;
  /** Stops fetching, waits for the updates in hand and their saving, confirms them. */
  stop(): Promise<void>;
}

/** Another instance polls with the same token. */
export class PollingConflictError extends Error {}

/** How soon to ask again while every update Telegram returned is still being handled. */
const BUSY_REPOLL_MS = 250;

/**
 * Long polling that confirms an update to Telegram only after its effects are on disk.
 *
 * Why not grammY's runner: it confirms updates (advances the offset) before they are handled, so a
 * crash loses them. Here the offset never passes an update still being handled; Telegram returns
 * those again and they are skipped by id, and one seen again after a restart is skipped because its
 * id was saved with its effects.
 */
export function createPoller(options: PollerOptions): Poller {
  const { bot, updates, log } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const queue = options.queue ?? createUpdateQueue({ bot, updates, log, sleep });
  const concurrency = options.concurrency ?? 64;
  let maxSeen = -1;
  let running = false;
  let fatal = false;
  let abort: AbortController | undefined;
  let finished: Promise<void> | undefined;

  const nextOffset = (): number => (queue.inFlight.size > 0 ? Math.min(...queue.inFlight.keys()) : maxSeen + 1);

  const loop = async (): Promise<void> => {
    let backoff = 1000;
    while (running) {
      if (queue.inFlight.size >= concurrency) await Promise.race(queue.inFlight.values());
      let batch: Update[];
      abort = new AbortController();
      try {
        batch = await bot.api.getUpdates(
          { offset: nextOffset(), timeout: options.timeoutSeconds ?? 30, limit: 100, allowed_updates: options.allowedUpdates },
          abort.signal as unknown as ApiSignal,
        );
        backoff = 1000;
      } catch (err) {
        if (!running) break;
        if (isFatal(err)) {
          running = false;
          fatal = true;
          options.onFatal(fatalFor(err));
          break;
        }
        log.warn({ err: err instanceof HttpError ? String(err.error) : err }, "getUpdates failed; retrying");
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
        continue;
      }
      maxSeen = await takeIn(queue, batch, maxSeen, sleep);
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
      await queue.drain();
      await updates.flush();
      // confirm what was handled so Telegram does not send it again; never after a 409, when this
      // call would knock the instance that won off its own long poll
      if (maxSeen >= 0 && !fatal) await confirmUpTo(bot, nextOffset());
    },
  };
}

type ApiSignal = Parameters<PolledBot["api"]["getUpdates"]>[1];

/**
 * Hands the fresh updates of a batch to the queue (skipping those in hand or handled already, which
 * Telegram returns again while an older one holds the offset back); when all of them are still in
 * hand, waits a little instead of asking again at once. Returns the highest update id seen.
 */
async function takeIn(queue: UpdateQueue, batch: Update[], maxSeen: number, sleep: (ms: number) => Promise<void>): Promise<number> {
  let fresh = 0;
  for (const update of batch) {
    maxSeen = Math.max(maxSeen, update.update_id);
    if (queue.has(update.update_id) || (await queue.handled(update.update_id))) continue;
    fresh++;
    void queue.push(update);
  }
  if (fresh === 0 && batch.length > 0 && queue.inFlight.size > 0) {
    await Promise.race([Promise.race(queue.inFlight.values()), sleep(BUSY_REPOLL_MS)]);
  }
  return maxSeen;
}

/** Confirms the updates before `offset` to Telegram; bounded: an unreachable API must not hold the shutdown past its 10 s. */
async function confirmUpTo(bot: PolledBot, offset: number): Promise<void> {
  const signal = AbortSignal.timeout(2_000) as unknown as ApiSignal;
  await bot.api.getUpdates({ offset, timeout: 0, limit: 1 }, signal).catch(() => undefined);
}

/** 409: another instance polls; 401: the token was revoked. Polling cannot go on from either. */
function isFatal(err: unknown): err is GrammyError {
  return err instanceof GrammyError && (err.error_code === 409 || err.error_code === 401);
}

function fatalFor(err: GrammyError): Error {
  if (err.error_code === 409) {
    return new PollingConflictError(
      "Another bot instance is already polling with this BOT_TOKEN (409 Conflict). Stop the other instance (or its webhook) and start again.",
    );
  }
  return new Error("Telegram rejected BOT_TOKEN (401 Unauthorized): it was revoked or is wrong. Get a fresh one from @BotFather.");
}
