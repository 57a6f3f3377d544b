import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyDb } from "../../src/store/schema.js";
import { command, createFakeBotApi, makeUser, privateMessage, type FakeBotApi, type UpdateInput } from "../../tools/fake-bot-api/index.js";
import { ROOT, killAll, spawnBot, until, webhookPort, type Spawned } from "../helpers/process.js";
import { readStoreFiles } from "../helpers/store-files.js";

const TOKEN = "4343:WEBHOOKtokenValue_e2e";
const ADMIN = 1;
const RESIDENT = makeUser(6001, { first_name: "张伟", language_code: "zh" });
const OTHER = makeUser(6002, { first_name: "Anna", language_code: "en" });
const CRASHED = makeUser(6003, { first_name: "李娜", language_code: "zh" });

let dir: string;
let api: FakeBotApi;
let port: number;
let bot: Spawned;
let nextUpdateId = 10_000;

const dbFile = () => join(dir, "data", "db.json");
/** The document as the store's files hold it (snapshot and journal), without opening the store. */
const readDb = async () => (await readStoreFiles(dbFile())).db;
/** the public URL the bot registers (a proxy would forward it); the bot listens on a port of its own choosing */
const hookUrl = () => "https://bot.example.org/tg";
const sendsTo = (chatId: number) => api.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chatId);

/** The update as Telegram would post it (the fake API learns the chat, as if the user wrote). */
function update(input: UpdateInput): Update {
  const u = { update_id: nextUpdateId++, ...input } as Update;
  api.observeUpdate(u);
  return u;
}

function post(body: Update, secret: string | null): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/tg`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret === null ? {} : { "x-telegram-bot-api-secret-token": secret }) },
    body: JSON.stringify(body),
  });
}

/** The secret the bot gave Telegram in setWebhook. */
function registeredSecret(): string {
  const call = api.calls.find((c) => c.method === "setWebhook");
  return String(call?.params.secret_token ?? "");
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "e2e-webhook-"));
  api = createFakeBotApi({ token: TOKEN });
  await api.start();
  // a crash left one update in the inbox: answered 200 to Telegram, never handled
  await mkdir(join(dir, "data"), { recursive: true });
  const db = emptyDb();
  const pending = update(command(CRASHED, "/start"));
  db.inbox[String(pending.update_id)] = pending;
  await writeFile(dbFile(), JSON.stringify(db));

  bot = spawnBot(
    {
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.url!,
      DB_FILE: dbFile(),
      DATA_DIR: join(ROOT, "data"),
      ADMIN_IDS: String(ADMIN),
      LOG_LEVEL: "info",
      WEBHOOK_URL: hookUrl(),
      WEBHOOK_PORT: "0",
      WEBHOOK_HOST: "127.0.0.1",
    },
    dir,
  );
  await bot.waitForOutput(/receiving updates by webhook/, 20_000);
  port = webhookPort(bot);
});

afterAll(async () => {
  await killAll();
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("the real process in webhook mode", () => {
  it("registers the webhook with its url and a secret, and never polls", async () => {
    const calls = api.calls.filter((c) => c.method === "setWebhook");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params.url).toBe(hookUrl());
    expect(registeredSecret()).toMatch(/^[A-Za-z0-9_-]{16,256}$/);
    expect(calls[0]!.response).toMatchObject({ ok: true });
    expect(api.state.webhookUrl).toBe(hookUrl());
    expect(api.calls.some((c) => c.method === "getUpdates")).toBe(false);
    expect(api.calls.some((c) => c.method === "deleteWebhook")).toBe(false);
    expect(bot.output()).not.toContain(TOKEN);
    expect(bot.output()).not.toContain(registeredSecret());
  });

  it("handled the update a crash left in the inbox before registering", async () => {
    expect(sendsTo(CRASHED.id)).toHaveLength(1);
    expect(String(sendsTo(CRASHED.id)[0]!.params.text)).toContain("李娜");
    // replayed before Telegram was told where to post new updates
    expect(api.calls.indexOf(sendsTo(CRASHED.id)[0]!)).toBeLessThan(api.calls.findIndex((c) => c.method === "setWebhook"));
    await until(async () => Object.keys((await readDb()).inbox).length === 0, "the inbox to be emptied on disk");
    expect((await readDb()).chats[String(CRASHED.id)]?.subscribed).toBe(true);
  });

  it("handles updates posted with the secret: replies reach the Bot API, the subscription is on disk", async () => {
    const secret = registeredSecret();
    const start = update(command(RESIDENT, "/start"));
    const res = await post(start, secret);
    expect(res.status).toBe(200);
    const reply = await api.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === RESIDENT.id, 10_000, 0);
    expect(String(reply.params.text)).toContain("您好，张伟");
    expect(reply.response).toMatchObject({ ok: true });
    expect((await readDb()).chats[String(RESIDENT.id)]).toMatchObject({ subscribed: true, active: true });

    // a question from another user, and a retry of the /start: one more reply, not two
    const question = update(privateMessage(OTHER, "what is the awareness rate?"));
    expect((await post(question, secret)).status).toBe(200);
    expect((await post(start, secret)).status).toBe(200);
    await api.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === OTHER.id, 10_000, 0);
    await until(async () => (await readDb()).handledUpdates.includes(start.update_id), "the /start id on disk");
    await new Promise((r) => setTimeout(r, 300));
    expect(sendsTo(RESIDENT.id)).toHaveLength(1);
    expect(sendsTo(OTHER.id)).toHaveLength(1);
  });

  it("refuses updates without the right secret (401) and does nothing with them", async () => {
    const before = api.calls.length;
    const stranger = makeUser(6100);
    expect((await post(update(command(stranger, "/start")), null)).status).toBe(401);
    expect((await post(update(command(stranger, "/start")), "not-the-secret")).status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(api.calls.slice(before).filter((c) => c.method === "sendMessage")).toHaveLength(0);
    expect((await readDb()).chats[String(stranger.id)]).toBeUndefined();
    expect((await readDb()).inbox).toEqual({});
  });

  it("answers /healthz", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    // what a load balancer needs, and nothing else (no delivery counters for whoever reaches the port);
    // the embedded store's single process always leads
    expect(await res.json()).toEqual({ ok: true, leader: true });
  });

  it("SIGTERM stops it with exit code 0, releases the lock and closes the port", async () => {
    bot.kill("SIGTERM");
    const { code } = await bot.waitForExit(12_000);
    expect(code).toBe(0);
    expect(bot.stdout()).toMatch(/"msg":"stopped"/);
    expect(existsSync(`${dbFile()}.lock`)).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(api.calls.some((c) => c.method === "getUpdates")).toBe(false);
  });
});
