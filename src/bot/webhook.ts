import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { Store } from "../store/store.js";
import type { UpdateQueue } from "./update-queue.js";

export interface WebhookOptions {
  queue: UpdateQueue;
  store: Store;
  log: Logger;
  secret: string;
  path: string;
  /** extra facts for /healthz */
  health?: () => Record<string, unknown>;
}

const MAX_BODY = 1024 * 1024;

/**
 * The webhook endpoint. An update is saved to the store's inbox before Telegram gets its 200 (so a
 * crash loses nothing and Telegram never waits on our API calls), then handled in the background;
 * `replayInbox` handles what a crash left there. `/healthz` answers for monitoring.
 */
export function createWebhookServer(options: WebhookOptions): Server {
  const { queue, store, log, secret, path } = options;
  const expected = Buffer.from(secret);

  const handleUpdate = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const given = Buffer.from(String(req.headers["x-telegram-bot-api-secret-token"] ?? ""));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401).end("unauthorized");
      return;
    }
    let update: Update;
    try {
      update = JSON.parse(await readBody(req)) as Update;
      if (!Number.isSafeInteger(update?.update_id)) throw new Error("no update_id");
    } catch {
      res.writeHead(400).end("bad update");
      return;
    }
    const id = String(update.update_id);
    await store.update((db) => {
      db.inbox[id] = update;
    });
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
    void queue.push(update).finally(() => store.mutate((db) => delete db.inbox[id]));
  };

  return createServer((req, res) => {
    const url = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && url === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, inFlight: queue.inFlight.size, ...options.health?.() }));
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

/** Handles updates a crash left in the inbox (saved, answered 200, not yet handled). */
export async function replayInbox(store: Store, queue: UpdateQueue): Promise<number> {
  const pending = Object.entries(store.data.inbox);
  for (const [id, update] of pending) {
    void queue.push(update as Update).finally(() => store.mutate((db) => delete db.inbox[id]));
  }
  await queue.drain();
  return pending.length;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
