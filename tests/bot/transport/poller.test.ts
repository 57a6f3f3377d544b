import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Composer, type Bot } from "grammy";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BotContext } from "../../../src/bot/context.js";
import { createBot } from "../../../src/bot/create-bot.js";
import { createI18n } from "../../../src/bot/i18n.js";
import { createPoller, PollingConflictError, type Poller } from "../../../src/bot/transport/poller.js";
import type { Db } from "../../../src/store/schema.js";
import { openStore, type Store } from "../../../src/store/engine/store.js";
import { createUpdatesRepo } from "../../../src/store/updates-repo.js";
import { command, createFakeBotApi, makeUser, privateMessage, type FakeBotApi } from "../../../tools/fake-bot-api/index.js";
import { manualSleep, type ManualSleep } from "../../helpers/manual-sleep.js";
import { readStoreFiles } from "../../helpers/store-files.js";
import { createPeopleRepos } from "../../../src/store/people-repos.js";

let dir: string;
let dbFile: string;
let api: FakeBotApi;
let store: Store;
let bot: Bot<BotContext>;
let poller: Poller | undefined;
let running: Promise<void> | undefined;
let fatal: Error[];
/** what the probe feature saw, in the order it finished handling */
let handled: string[];
let gates: Map<string, { promise: Promise<void>; open: () => void }>;
/** getUpdates offsets sent, with whether the disk held every update below the offset at that moment */
let offsets: { offset: number; savedBelow: boolean }[];
/** the final confirming getUpdates (timeout 0) never gets an answer */
let hangConfirm = false;
/** getUpdates calls waiting for their answer now */
let polling = 0;
/** while set, each getUpdates records whether it started while one of the poller's pauses was still waiting */
let duringPause: boolean[] | undefined;

const gate = (name: string) => {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  const g = { promise, open };
  gates.set(name, g);
  return g;
};

const diskDb = async (): Promise<Db> => (await readStoreFiles(dbFile)).db;

/** Texts like "wait:a1" block until gate "a1" opens; every text is recorded (and saved) when handled. */
const probe = new Composer<BotContext>();
probe.on("message:text", async (ctx) => {
  const text = ctx.message.text;
  const name = text.startsWith("wait:") ? text.slice(5) : undefined;
  if (name) await gates.get(name)?.promise;
  await store.write((db) => void (db.enqueued[`${ctx.chat.id}:${text}`] = new Date().toISOString()), "durable");
  handled.push(`${ctx.chat.id}:${text}`);
});

/** `clock`: the poller's pauses wait for the test (real ones otherwise). */
async function startPoller(seed?: (db: Db) => void, token = api.token, clock?: ManualSleep): Promise<void> {
  store = await openStore({ file: dbFile });
  if (seed) await store.write(seed, "durable");
  bot = createBot({
    token,
    apiRoot: api.url,
    botInfo: api.botInfo,
    i18n: createI18n("locales"),
    deps: { ...createPeopleRepos(store, () => new Date()), log: pino({ level: "silent" }), now: () => new Date(), adminIds: [], timezone: "Asia/Shanghai" },
    features: [probe],
  });
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method === "getUpdates") duringPause?.push(clock?.pauses.some((p) => !p.passed) ?? false);
    if (hangConfirm && method === "getUpdates" && (payload as { timeout?: number }).timeout === 0) {
      // an API that never answers: only the caller's signal ends the call
      return new Promise((_, reject) => signal?.addEventListener("abort", () => reject(new Error("aborted"))));
    }
    if (method === "getUpdates" && payload && typeof payload === "object" && "offset" in payload) {
      const offset = Number(payload.offset);
      let onDisk = new Set<number>();
      try {
        onDisk = new Set((await diskDb()).handledUpdates);
      } catch {
        // no file yet: nothing saved
      }
      const delivered = api.calls
        .filter((c) => c.method === "getUpdates")
        .flatMap((c) => ((c.response as { result?: { update_id: number }[] }).result ?? []).map((u) => u.update_id));
      const savedBelow = delivered.every((id) => id >= offset || onDisk.has(id));
      offsets.push({ offset, savedBelow });
    }
    if (method !== "getUpdates") return prev(method, payload, signal);
    polling++;
    try {
      return await prev(method, payload, signal);
    } finally {
      polling--;
    }
  });
  poller = createPoller({
    bot,
    updates: createUpdatesRepo(store),
    ...(clock ? { sleep: clock.sleep } : {}),
    log: pino({ level: "silent" }),
    allowedUpdates: ["message", "callback_query", "my_chat_member"],
    timeoutSeconds: 2,
    onFatal: (err) => fatal.push(err),
  });
  running = poller.run();
}

async function stopPoller(): Promise<void> {
  if (poller) await poller.stop();
  await running;
  poller = undefined;
  running = undefined;
  await store.close();
}

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "poller-"));
  dbFile = join(dir, "db.json");
  api = createFakeBotApi();
  await api.start();
  fatal = [];
  handled = [];
  gates = new Map();
  offsets = [];
  hangConfirm = false;
  polling = 0;
  duringPause = undefined;
});

afterEach(async () => {
  for (const g of gates.values()) g.open();
  if (poller) await stopPoller().catch(() => undefined);
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("poller", () => {
  it("handles updates and confirms them only after their effects are saved", async () => {
    const a = gate("a");
    const user = makeUser(10);
    await startPoller();
    const first = api.pushUpdate(privateMessage(user, "wait:a"));
    // asked twice more while the update runs (getting it back each time)
    await until(() => offsets.length >= 3, "the poller to ask again while the update runs");
    // still running: not confirmed, whatever getUpdates was asked since
    expect(api.pendingUpdates().map((u) => u.update_id)).toContain(first.update_id);
    expect(offsets.every((o) => o.offset <= first.update_id)).toBe(true);
    a.open();
    await until(() => api.pendingUpdates().length === 0, "the update to be confirmed");
    expect(handled).toEqual(["10:wait:a"]);
    expect((await diskDb()).handledUpdates).toContain(first.update_id);
    expect((await diskDb()).enqueued["10:wait:a"]).toBeDefined();
    expect(offsets.every((o) => o.savedBelow)).toBe(true);
    expect(fatal).toEqual([]);
  });

  it("answers commands through the real bot and remembers the update ids", async () => {
    await startPoller();
    const u = api.pushUpdate(command(makeUser(11, { language_code: "en" }), "/start"));
    const reply = await api.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === 11);
    expect(String(reply.params.text)).toContain("Hello, User 11");
    await until(() => api.pendingUpdates().length === 0, "confirmation");
    expect((await diskDb()).chats["11"]?.subscribed).toBe(true);
    expect((await diskDb()).handledUpdates).toEqual([u.update_id]);
  });

  it("an update delivered again after a restart (id already handled) changes nothing", async () => {
    const user = makeUser(12);
    const again = api.pushUpdate(command(user, "/start"));
    const fresh = api.pushUpdate(privateMessage(user, "after restart"));
    await startPoller((db) => db.handledUpdates.push(again.update_id));
    await until(() => handled.length === 1 && api.pendingUpdates().length === 0, "the fresh update");
    expect(handled).toEqual(["12:after restart"]);
    expect(api.calls.filter((c) => c.method === "sendMessage")).toEqual([]); // no second welcome
    expect((await diskDb()).chats["12"]).toBeUndefined();
    expect((await diskDb()).handledUpdates).toEqual([again.update_id, fresh.update_id]);
  });

  it("handles one chat's updates in order while another chat goes on concurrently", async () => {
    const a1 = gate("a1");
    const alice = makeUser(20);
    const bob = makeUser(21);
    await startPoller();
    api.pushUpdate(privateMessage(alice, "wait:a1"));
    api.pushUpdate(privateMessage(alice, "a2"));
    api.pushUpdate(privateMessage(bob, "b1"));
    api.pushUpdate(privateMessage(bob, "b2"));
    await until(() => handled.length === 2, "chat B's updates");
    expect(handled).toEqual(["21:b1", "21:b2"]); // B was not held up by A's slow handler
    expect(api.pendingUpdates()).toHaveLength(4); // nothing confirmed past A's running update
    a1.open();
    await until(() => handled.length === 4 && api.pendingUpdates().length === 0, "chat A");
    expect(handled.slice(2)).toEqual(["20:wait:a1", "20:a2"]);
  });

  it("a chat's update that arrives while another chat's handler is slow is handled without waiting for it", async () => {
    const a = gate("a");
    const clock = manualSleep();
    await startPoller(undefined, api.token, clock);
    api.pushUpdate(privateMessage(makeUser(22), "wait:a"));
    // the poller cannot long-poll past A's unconfirmed update: it gets A back and pauses briefly
    await clock.asked(1);
    expect(clock.pauses.map((p) => p.ms)).toEqual([250]);
    api.pushUpdate(privateMessage(makeUser(23), "b"));
    clock.passAll(); // one pause later it asks again and gets B
    await until(() => handled.includes("23:b"), "B", 3000);
    expect(handled).toEqual(["23:b"]);
    a.open();
    await until(() => handled.length === 2 && api.pendingUpdates().length === 0, "A");
  });

  it("while a slow update holds the offset back, updates already handled are not re-polled in a tight loop", async () => {
    const a = gate("a");
    const clock = manualSleep();
    await startPoller(undefined, api.token, clock);
    api.pushUpdate(privateMessage(makeUser(26), "wait:a"));
    api.pushUpdate(privateMessage(makeUser(27), "quick"));
    await until(() => handled.includes("27:quick"), "the quick update");
    // Telegram returns both again (the slow one is not confirmed): the poller pauses between asks,
    // and asks again only once the pause is over
    await clock.waiting();
    clock.passAll();
    duringPause = [];
    for (let round = 1; round <= 3; round++) {
      await clock.waiting();
      clock.passAll();
    }
    await clock.waiting();
    expect(duringPause.length).toBeGreaterThanOrEqual(3);
    expect(duringPause.filter(Boolean)).toEqual([]);
    expect(clock.pauses.every((p) => p.ms === 250)).toBe(true);
    a.open();
    await until(() => handled.length === 2 && api.pendingUpdates().length === 0, "the slow update");
  });

  it("a 401 (token revoked) calls onFatal with a clear message", async () => {
    await startPoller(undefined, "999:REVOKED");
    await until(() => fatal.length === 1, "onFatal");
    expect(fatal[0]?.message).toMatch(/Telegram rejected BOT_TOKEN \(401 Unauthorized\)/);
    expect(fatal[0]?.message).not.toContain("999:REVOKED");
    await running;
  });

  it("a 409 Conflict (another instance polling) calls onFatal with a clear message and stops polling", async () => {
    await startPoller();
    api.pushUpdate(privateMessage(makeUser(25), "before the conflict"));
    await until(() => handled.length === 1 && api.pendingUpdates().length === 0, "a first update");
    await until(() => polling === 1, "back in a long poll");
    const other = await fetch(`${api.url}/bot${api.token}/getUpdates`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ timeout: 0 }),
    });
    expect(other.status).toBe(200);
    await until(() => fatal.length === 1, "onFatal");
    expect(fatal[0]).toBeInstanceOf(PollingConflictError);
    expect(fatal[0]?.message).toMatch(/Another bot instance is already polling with this BOT_TOKEN \(409 Conflict\)/);
    await running; // run() ends by itself: it polls no more
    const polls = api.calls.filter((c) => c.method === "getUpdates").length;
    // main() then calls stop(): that must not poll again, or it knocks out the instance that won (409 for it too)
    await poller!.stop();
    expect(api.calls.filter((c) => c.method === "getUpdates").length).toBe(polls);
  });

  it("stop() does not hang when the API stops answering its final confirmation", async () => {
    await startPoller();
    api.pushUpdate(privateMessage(makeUser(31), "x"));
    await until(() => handled.length === 1 && api.pendingUpdates().length === 0, "the update");
    hangConfirm = true;
    const started = Date.now();
    await poller!.stop();
    expect(Date.now() - started).toBeLessThan(4000);
    await running;
    await store.close();
    poller = undefined;
  }, 8000);

  it("stop() waits for in-flight updates, saves them and confirms them", async () => {
    const s = gate("s");
    await startPoller();
    const u = api.pushUpdate(privateMessage(makeUser(30), "wait:s"));
    await until(() => offsets.length >= 2, "the update to be in flight");
    let stopped = false;
    const stopping = poller!.stop().then(() => (stopped = true));
    await running; // polling has ended; the update in hand still holds stop() back
    for (let turn = 0; turn < 50; turn++) await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    s.open();
    await stopping;
    expect(handled).toEqual(["30:wait:s"]);
    expect((await diskDb()).handledUpdates).toContain(u.update_id);
    expect((await diskDb()).enqueued["30:wait:s"]).toBeDefined();
    expect(api.pendingUpdates()).toEqual([]);
    await running;
    await store.close();
    poller = undefined;
  });
});
