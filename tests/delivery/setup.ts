import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "grammy";
import pino from "pino";
import { addBroadcast, type EnqueueInput } from "../../src/store/outbox-repo.js";
import { createSender, type Sender, type SenderOptions } from "../../src/delivery/sender.js";
import { createDeliveriesRepo } from "../../src/store/deliveries-repo.js";
import { subscribeChat } from "../../src/store/chats.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { createRecordingApi, type RecordingApi, type RecordingApiOptions } from "../../tools/fake-bot-api/index.js";
import { createTestTranslate } from "../helpers/fluent.js";

export interface World {
  dir: string;
  store: Store;
  rec: RecordingApi;
  sender: Sender;
  /** sendMessage calls that succeeded, per chat id */
  delivered(chatId?: number): number;
  close(): Promise<void>;
}

export const NOW = new Date("2026-11-20T02:00:00Z");

/** A store in a temp dir with subscribed chats, and a sender over the recording transformer. */
export async function createWorld(
  chats: number[],
  options: { api?: RecordingApiOptions; sender?: Partial<SenderOptions>; dir?: string } = {},
): Promise<World> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), "sender-")));
  const store = await openStore({ file: join(dir, "db.json"), keepBackup: false });
  await store.write((db) => {
    for (const id of chats) subscribeChat(db, { id, type: id > 0 ? "private" : id < -1e12 ? "supergroup" : "group" }, NOW);
  }, "durable");
  const rec = createRecordingApi(options.api);
  const api = new Api("123:TEST");
  api.config.use(rec.transformer);
  const sender = createSender({
    deliveries: createDeliveriesRepo(store),
    api,
    log: pino({ level: "silent" }),
    now: () => NOW,
    rate: { perSecond: 1000, groupPerMinute: 20, concurrency: 4 },
    localeOf: (id) => store.data.chats[String(id)]?.lang ?? "zh",
    translate: (locale) => createTestTranslate(locale),
    retryDelayMs: 20,
    ...options.sender,
  });
  return {
    dir,
    store,
    rec,
    sender,
    delivered: (chatId) =>
      rec.calls.filter((c) => c.method === "sendMessage" && "ok" in c.response && c.response.ok && (chatId === undefined || Number(c.params.chat_id) === chatId)).length,
    async close() {
      await sender.stop();
      await store.close();
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Puts a broadcast in the store (as the outbox does) and wakes the sender. */
export async function enqueue(w: World, input: Partial<EnqueueInput> & { recipients: number[] }): Promise<string> {
  const { id } = await w.store.write(
    (db) => addBroadcast(db, { kind: "adhoc", text: { zh: "<b>通知</b> 周六卫生日", en: "<b>Notice</b> cleanup Saturday" }, ...input }, NOW),
    "durable",
  );
  w.sender.kick();
  return id;
}

export const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

/** The sender's monotonic clock (`sender.clock`), moved by the test instead of by waiting. */
export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
}

export function manualClock(start = 1_000_000): ManualClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** For vi.waitFor on a condition (not a sleep): generous, so a loaded machine does not fail it. */
export const WAIT = { timeout: 10_000 };
