import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Bot, Transformer } from "grammy";
import type { Update } from "grammy/types";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BotContext } from "../../../src/bot/context.js";
import { createBot } from "../../../src/bot/create-bot.js";
import { createI18n } from "../../../src/bot/i18n.js";
import { createUpdateQueue, type UpdateQueue } from "../../../src/bot/transport/update-queue.js";
import { createWebhookServer, replayInbox } from "../../../src/bot/transport/webhook.js";
import { emptyDb, type Db } from "../../../src/store/schema.js";
import { openStore, type Store } from "../../../src/store/engine/store.js";
import { createUpdatesRepo, type UpdatesRepo } from "../../../src/store/updates-repo.js";
import { command, createRecordingApi, makeUser, type RecordingApi, type UpdateInput } from "../../../tools/fake-bot-api/index.js";
import { readStoreFiles } from "../../helpers/store-files.js";
import { createPeopleRepos } from "../../../src/store/people-repos.js";

const SECRET = "s3cret_Webhook-token";
const PATH = "/tg";
const NOW = new Date("2026-03-02T08:00:00.000Z");
const RESIDENT = makeUser(5001, { first_name: "王芳" });
const log = pino({ level: "silent" });

let dir: string;
let dbFile: string;
let store: Store | undefined;
let updates: UpdatesRepo;
let rec: RecordingApi;
let bot: Bot<BotContext>;
let queue: UpdateQueue;
let server: Server | undefined;
let base: string;
let nextUpdateId = 1;
/** while set, sendMessage waits for it: shows that the 200 does not wait on the bot's API calls */
let sendGate: Promise<void> | undefined;

const diskDb = async (): Promise<Db> => (await readStoreFiles(dbFile)).db;
const withId = (input: UpdateInput): Update => ({ update_id: nextUpdateId++, ...input }) as Update;
const replies = (chatId: number) => rec.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chatId);

const gated: Transformer = async (prev, method, payload, signal) => {
  if (method === "sendMessage" && sendGate) await sendGate;
  return prev(method, payload, signal);
};

/** Opens the store on dbFile and builds the bot and queue over it (as main does). */
async function boot(): Promise<void> {
  store = await openStore({ file: dbFile });
  rec = createRecordingApi();
  bot = createBot({
    token: "123:TEST",
    botInfo: rec.botInfo,
    i18n: createI18n("locales"),
    deps: { ...createPeopleRepos(store, () => NOW), log, now: () => NOW, adminIds: [1], timezone: "Asia/Shanghai" },
    transformers: [rec.transformer, gated],
  });
  updates = createUpdatesRepo(store);
  queue = createUpdateQueue({ bot, updates, log });
}

async function listen(): Promise<void> {
  server = createWebhookServer({ queue, updates, log, secret: SECRET, path: PATH, health: () => ({ ok: true, leader: false }) });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** `secret: null` sends no secret header at all. */
function post(body: unknown, secret: string | null = SECRET, path = PATH): Promise<Response> {
  return fetch(base + path, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret === null ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Everything pushed is handled and the inbox clean-up is on disk. */
async function settle(): Promise<void> {
  await queue.drain();
  await store!.flush();
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "webhook-"));
  dbFile = join(dir, "db.json");
  sendGate = undefined;
});

afterEach(async () => {
  sendGate = undefined;
  if (server) {
    server.closeAllConnections();
    await new Promise((r) => server!.close(r));
    server = undefined;
  }
  if (store) {
    await queue.drain();
    await store.close();
    store = undefined;
  }
  await rm(dir, { recursive: true, force: true });
});

describe("webhook server", () => {
  beforeEach(async () => {
    await boot();
    await listen();
  });

  it("saves a /start in the inbox, answers 200 before handling, then replies and subscribes on disk", async () => {
    let open!: () => void;
    sendGate = new Promise<void>((r) => (open = r));
    const update = withId(command(RESIDENT, "/start"));
    const t0 = performance.now();
    const res = await post(update);
    const ms = performance.now() - t0;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(ms).toBeLessThan(1000);
    // the 200 came while the reply was still held back: Telegram never waits on our API calls
    expect(replies(RESIDENT.id)).toHaveLength(0);
    expect(queue.has(update.update_id)).toBe(true);
    // and the update was on disk before the 200
    expect((await diskDb()).inbox[String(update.update_id)]).toMatchObject({ update_id: update.update_id });

    open();
    await until(() => replies(RESIDENT.id).length === 1, "the reply");
    expect(String(replies(RESIDENT.id)[0]!.params.text)).toContain("王芳");
    expect(replies(RESIDENT.id)[0]!.response).toMatchObject({ ok: true });
    await settle();
    const db = await diskDb();
    expect(db.chats[String(RESIDENT.id)]).toMatchObject({ subscribed: true, active: true, type: "private" });
    expect(db.handledUpdates).toContain(update.update_id);
    expect(db.inbox).toEqual({});
  });

  it("refuses a wrong or missing secret with 401 and handles nothing", async () => {
    const cases: (string | null)[] = [null, "", "wrong", SECRET.slice(0, -1) + "X", SECRET + "x", SECRET.toUpperCase()];
    for (const secret of cases) {
      const res = await post(withId(command(RESIDENT, "/start")), secret);
      expect(res.status, `secret ${JSON.stringify(secret)}`).toBe(401);
    }
    // each 401 was answered before anything could be pushed
    await settle();
    expect(rec.calls).toHaveLength(0);
    expect(queue.inFlight.size).toBe(0);
    expect(store!.data.chats[String(RESIDENT.id)]).toBeUndefined();
    expect(store!.data.inbox).toEqual({});
    expect(store!.writes).toBe(0);
  });

  it("answers 400 to a body that is not an update, 404 to other paths", async () => {
    for (const body of ["{not json", "", "[]", "null", JSON.stringify({ message: { text: "no id" } }), JSON.stringify({ update_id: "7" }), JSON.stringify({ update_id: 1.5 })]) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
    }
    expect((await post(withId(command(RESIDENT, "/start")), SECRET, "/other")).status).toBe(404);
    expect((await fetch(base + PATH)).status).toBe(404);
    await settle();
    expect(rec.calls).toHaveLength(0);
    expect(store!.data.inbox).toEqual({});
    expect(store!.data.chats).toEqual({});
  });

  it("GET /healthz answers 200 with JSON", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ ok: true, leader: false });
    // no secret needed for monitoring, and a query string is ignored
    expect((await fetch(`${base}/healthz?x=1`)).status).toBe(200);
  });

  it("handles an update Telegram retries only once (after it was handled, and while it is in flight)", async () => {
    const first = withId(command(RESIDENT, "/start"));
    expect((await post(first)).status).toBe(200);
    await settle();
    expect(replies(RESIDENT.id)).toHaveLength(1);
    expect((await post(first)).status).toBe(200);
    await settle();
    expect(replies(RESIDENT.id)).toHaveLength(1);

    // a retry that arrives while the first delivery is still being handled
    let open!: () => void;
    sendGate = new Promise<void>((r) => (open = r));
    const other = makeUser(5002, { first_name: "Li" });
    const second = withId(command(other, "/start"));
    const answers = await Promise.all([post(second), post(second), post(second)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(queue.inFlight.size).toBe(1);
    open();
    await settle();
    expect(replies(other.id)).toHaveLength(1);
    expect(store!.data.handledUpdates.filter((id) => id === second.update_id)).toHaveLength(1);
    expect((await diskDb()).inbox).toEqual({});
    expect((await diskDb()).chats[String(other.id)]?.subscribed).toBe(true);
  });
});

describe("replayInbox after a restart", () => {
  it("handles an update saved in the inbox but not handled, exactly once", async () => {
    // the state a crash leaves: the update on disk in the inbox (Telegram got its 200), no effects
    const update = withId(command(RESIDENT, "/start"));
    const db = emptyDb();
    db.inbox[String(update.update_id)] = update;
    await writeFile(dbFile, JSON.stringify(db));

    await boot();
    expect(await replayInbox(updates, queue)).toBe(1);
    await store!.flush();
    expect(replies(RESIDENT.id)).toHaveLength(1);
    expect(String(replies(RESIDENT.id)[0]!.params.text)).toContain("王芳");
    let disk = await diskDb();
    expect(disk.inbox).toEqual({});
    expect(disk.chats[String(RESIDENT.id)]?.subscribed).toBe(true);
    expect(disk.handledUpdates).toContain(update.update_id);

    // nothing left to replay, and Telegram's own retry of it changes nothing
    expect(await replayInbox(updates, queue)).toBe(0);
    await listen();
    expect((await post(update)).status).toBe(200);
    await settle();
    expect(replies(RESIDENT.id)).toHaveLength(1);

    // and after another restart it is not handled again either
    server!.closeAllConnections();
    await new Promise((r) => server!.close(r));
    server = undefined;
    await store!.close();
    await boot();
    expect(await replayInbox(updates, queue)).toBe(0);
    expect(rec.calls).toHaveLength(0);
    disk = await diskDb();
    expect(disk.chats[String(RESIDENT.id)]?.subscribed).toBe(true);
  });

  it("does not handle again an update whose effects were saved but whose inbox entry was not yet removed", async () => {
    const update = withId(command(RESIDENT, "/start"));
    const db = emptyDb();
    db.inbox[String(update.update_id)] = update;
    db.handledUpdates.push(update.update_id);
    await writeFile(dbFile, JSON.stringify(db));

    await boot();
    expect(await replayInbox(updates, queue)).toBe(1);
    await store!.flush();
    expect(rec.calls).toHaveLength(0);
    expect((await diskDb()).inbox).toEqual({});
  });
});
