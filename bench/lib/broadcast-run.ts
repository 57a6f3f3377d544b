/**
 * One broadcast through the real sender (its Bot API calls over createApiFetch, the HTTP client main
 * gives the bot), with a fresh temporary store holding the recipients' chat records and one
 * broadcast with a progress message, against the local fake Bot API server in a worker thread (so
 * Telegram's side does not share the bot's thread). Helper for bench/broadcast.bench.ts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "grammy";
import pino from "pino";
import type { FakeBotApiOptions } from "../../tools/fake-bot-api/index.js";
import { createApiFetch } from "../../src/bot/transport/api-fetch.js";
import { addBroadcast } from "../../src/store/outbox-repo.js";
import { createSender, type SenderOptions } from "../../src/delivery/sender.js";
import { createDeliveriesRepo } from "../../src/store/deliveries-repo.js";
import { subscribeChat } from "../../src/store/chats.js";
import { openStore } from "../../src/store/engine/store.js";
import type { SeenCall } from "../broadcast-api-worker.js";
import { startTsWorker } from "./ts-worker.js";

export const STAFF_CHAT = 900_000_001;
const TOKEN = "123:TEST";
const words = (key: string, args?: Record<string, string | number>): string => `${key} ${JSON.stringify(args ?? {})}`;

export interface ServerHandle {
  url: string;
  calls(): Promise<SeenCall[]>;
  stop(): Promise<void>;
}

/** The fake Bot API server in a worker thread (see broadcast-api-worker.ts). */
export async function startServer(options: FakeBotApiOptions): Promise<ServerHandle> {
  const worker = startTsWorker(new URL("../broadcast-api-worker.ts", import.meta.url), { ...options, token: TOKEN });
  const next = <T>(): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
  const { url } = await next<{ url: string }>();
  return {
    url,
    async calls() {
      const answer = next<{ calls: SeenCall[] }>();
      worker.postMessage("calls");
      return (await answer).calls;
    },
    async stop() {
      worker.postMessage("stop");
      await new Promise((r) => worker.once("exit", r));
    },
  };
}

export interface RunResult {
  /** every send and edit the server saw (`at` in Date.now() milliseconds) */
  calls: SeenCall[];
  /** when each recipient's message was accepted (server time) */
  delivered: number[];
  tooMany: number;
  /** Date.now() when the sender was started */
  startedAt: number;
  /** from the start until the sender is idle (everything sent and on disk) */
  elapsedMs: number;
  /** from the start until the summary was on the staff member's screen (its edit answered) */
  summaryMs: number;
  writes: number;
}

/** The sender's rate and any option that differs from the benchmark's defaults. */
export type RunRate = { perSecond: number; concurrency: number } & Partial<Pick<SenderOptions, "batchMs" | "progressEveryMs">>;

/** Sends one broadcast to `recipients` private chats and reports what the server saw. */
export async function runBroadcast(server: FakeBotApiOptions, recipients: number, rate: RunRate): Promise<RunResult> {
  const dir = await mkdtemp(join(tmpdir(), "bench-broadcast-"));
  const store = await openStore({ file: join(dir, "db.json") });
  const api = await startServer(server);
  const transport = createApiFetch();
  try {
    const at = new Date();
    const ids = Array.from({ length: recipients }, (_, i) => 100_000 + i);
    const { id } = await store.write((db) => {
      for (const id of ids) subscribeChat(db, { id, type: "private" }, at);
      const text = { zh: "<b>通知</b>：本周六卫生日。", en: "<b>Notice</b>: cleanup day on Saturday." };
      return addBroadcast(db, { kind: "adhoc", text, recipients: ids, progress: { chatId: STAFF_CHAT, lang: "zh" } }, at);
    }, "durable");
    const writesBefore = store.writes;
    const sender = createSender({
      deliveries: createDeliveriesRepo(store),
      api: new Api(TOKEN, { apiRoot: api.url, fetch: transport.fetch }),
      log: pino({ level: "silent" }),
      now: () => new Date(),
      rate: { perSecond: rate.perSecond, groupPerMinute: 20, concurrency: rate.concurrency },
      ...(rate.batchMs !== undefined ? { batchMs: rate.batchMs } : {}),
      ...(rate.progressEveryMs !== undefined ? { progressEveryMs: rate.progressEveryMs } : {}),
      localeOf: (id) => store.data.chats[String(id)]?.lang ?? "zh",
      translate: () => words,
    });
    const startedAt = Date.now();
    const t0 = performance.now();
    sender.start();
    await sender.idle();
    const elapsedMs = performance.now() - t0;
    // the summary is shown after the sender is idle (it may wait for a slot): the staff's end
    while (store.data.broadcasts[id]?.progress?.summaryPending) await new Promise((r) => setTimeout(r, 2));
    const summaryMs = performance.now() - t0;
    await sender.stop();
    const calls = await api.calls();
    const sends = calls.filter((c) => c.method === "sendMessage" && c.chatId !== STAFF_CHAT);
    return {
      calls,
      delivered: sends.filter((c) => c.error === 0).map((c) => c.at),
      tooMany: sends.filter((c) => c.error === 429).length,
      startedAt,
      elapsedMs,
      summaryMs,
      writes: store.writes - writesBefore,
    };
  } finally {
    await transport.close();
    await api.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
