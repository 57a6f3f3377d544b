import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { UpdatesRepo } from "../../store/updates-repo.js";
import type { UpdateQueue } from "./update-queue.js";
import { answerHealth, BodyTooLargeError, createLimitedServer, DEFAULT_WEBHOOK_LIMITS, readBody, type HealthFacts, type WebhookLimits } from "./webhook-http.js";

export { DEFAULT_WEBHOOK_LIMITS, type HealthFacts, type WebhookLimits } from "./webhook-http.js";

export interface WebhookOptions {
  queue: UpdateQueue;
  updates: UpdatesRepo;
  log: Logger;
  secret: string;
  path: string;
  /** what /healthz answers (default `{ ok: true }`): ok false (stopping) answers 503 */
  health?: () => HealthFacts;
  /** timeouts, connection cap and body cap (tests use small ones); DEFAULT_WEBHOOK_LIMITS otherwise */
  limits?: Partial<WebhookLimits>;
}

/**
 * The webhook endpoint. An update is saved to the store's inbox before Telegram gets its 200 (so a
 * crash loses nothing and Telegram never waits on our API calls), then handled in the background;
 * `replayInbox` and `startInboxSweep` handle what a crash left there. `/healthz` answers a load balancer (nothing more:
 * anyone who reaches the port may ask). Requests are held at most `requestTimeoutMs`.
 */
export function createWebhookServer(options: WebhookOptions): Server {
  const { queue, updates, log, secret, path } = options;
  const expected = Buffer.from(secret);
  const limits: WebhookLimits = { ...DEFAULT_WEBHOOK_LIMITS, ...options.limits };

  const handleUpdate = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const given = Buffer.from(String(req.headers["x-telegram-bot-api-secret-token"] ?? ""));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401).end("unauthorized");
      return;
    }
    let update: Update;
    try {
      update = JSON.parse(await readBody(req, res, limits.maxBodyBytes)) as Update;
      if (!Number.isSafeInteger(update?.update_id)) throw new Error("no update_id");
    } catch (err) {
      if (!(err instanceof BodyTooLargeError)) res.writeHead(400).end("bad update");
      return;
    }
    // already in the inbox: handled by whoever kept it first (another instance, or this one's replay)
    const mine = await updates.keepInInbox(update);
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
    if (mine) void handleFromInbox(updates, queue, update);
  };

  return createLimitedServer(limits, (req, res) => {
    const url = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && url === "/healthz") {
      answerHealth(res, options.health?.() ?? { ok: true });
      return;
    }
    if (req.method !== "POST" || url !== path) {
      res.writeHead(404).end("not found");
      return;
    }
    handleUpdate(req, res).catch((err: unknown) => {
      log.error({ err }, "webhook request failed");
      if (!res.headersSent) res.writeHead(500).end("error");
    });
  });
}

/**
 * Handles updates a crash left in the inbox (saved, answered 200, not yet handled) that no live
 * instance holds: at start, and at every sweep. Another live instance's updates are left to it.
 */
export async function replayInbox(updates: UpdatesRepo, queue: UpdateQueue): Promise<number> {
  const pending = await updates.claimInbox();
  for (const update of pending) void handleFromInbox(updates, queue, update);
  await queue.drain();
  return pending.length;
}

/** How often an instance renews its inbox claims and takes over those of dead instances. */
export const INBOX_SWEEP_MS = 10_000;

/**
 * Every `everyMs`, renews the claims on updates this instance still handles, then takes over and
 * handles inbox updates whose claim expired (an instance died holding them). Every instance sweeps:
 * each must renew its own claims anyway, a claim is taken by one atomic update (racing sweeps are
 * harmless), and a dead instance's updates wait for no leader takeover. Answers a stop function.
 */
export function startInboxSweep(o: { updates: UpdatesRepo; queue: UpdateQueue; log: Logger; everyMs?: number }): () => void {
  const { updates, queue, log } = o;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      await updates.renewClaims([...queue.inFlight.keys()]);
      const taken = await updates.claimInbox();
      for (const update of taken) void handleFromInbox(updates, queue, update);
      if (taken.length > 0) log.info({ taken: taken.map((u) => u.update_id) }, "took over updates a stopped instance had saved");
    })().catch((err: unknown) => log.warn({ err }, "could not sweep the webhook inbox")).finally(() => {
      running = false;
    });
  }, o.everyMs ?? INBOX_SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Handles an update kept in the inbox, then drops it from there (a failure was already logged by the queue). */
async function handleFromInbox(updates: UpdatesRepo, queue: UpdateQueue, update: Update): Promise<void> {
  await queue.push(update).finally(() => updates.dropFromInbox(update.update_id));
}
