/**
 * Faults around the real process: kill -9 while the store is being written, a truncated store
 * file at start, a stale lock left by a killed process, and a flaky network to the Bot API.
 */
import { existsSync, readFileSync, statSync, watch } from "node:fs";
import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { tempPrefixOf } from "../../src/store/engine/durable-file.js";
import { storePaths } from "../../src/store/engine/load.js";
import { DROP, callbackQuery, command, createFakeBotApi, makeUser, type FakeBotApi } from "../../tools/fake-bot-api/index.js";
import {
  ADMIN, TOKEN, botEnv, crash, createFaultProxy, ids, isZombie, lockPid, openedByStore, readStore, received, seededRandom, startBot,
  writeStore, type FaultProxy, type ProxyFault,
} from "../helpers/e2e-store.js";
import { killAll, spawnBot, spawnProcess, until, type Spawned } from "../helpers/process.js";

let dir: string;
let api: FakeBotApi;
let proxy: FaultProxy | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "e2e-faults-"));
});
afterEach(async () => {
  await killAll();
  await proxy?.close();
  proxy = undefined;
  await api?.stop();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const welcomed = (id: number): boolean => received(api, id, (t) => t.includes("您好")).length > 0;
const nonEmptyLines = (s: string): string[] => s.split("\n").filter((l) => l.trim() !== "");

describe("kill -9 while the store is being written", () => {
  it("leaves a valid, openable file every time (5 rounds on a 50,000-event store)", { timeout: 60_000 }, async ({ annotate }) => {
    api = createFakeBotApi({ token: TOKEN });
    await api.start();
    const dbFile = join(dir, "writes", "db.json");
    await writeStore(dbFile, { admins: [ADMIN], signupEvents: 50_000 });
    // a change is appended to the journal (the snapshot is rewritten only at checkpoints and on close)
    const journalSize = (): number => (existsSync(storePaths(dbFile).journal) ? statSync(storePaths(dbFile).journal).size : 0);
    const random = seededRandom(4);
    const acknowledged: number[] = [];
    let midWrite = 0;
    for (let round = 0; round < 5; round++) {
      const bot = await startBot(api, botEnv(api.url!, dbFile), dir);
      const before = journalSize();
      // new residents keep arriving: each /start is one more journal append, synced
      const users = ids(100_000 + round * 1000, 400);
      let next = 0;
      const pusher = setInterval(() => {
        const user = users[next++];
        if (user !== undefined) api.pushUpdate(command(makeUser(user), "/start"));
      }, 10);
      if (round % 2 === 0) {
        // at a moment writes are under way (the journal is growing)
        await until(() => journalSize() > before, "a write in progress", 15_000);
        bot.kill("SIGKILL");
        midWrite++;
      } else {
        await new Promise((r) => setTimeout(r, 150 + random() * 600));
      }
      clearInterval(pusher);
      await crash(bot, dbFile);
      const text = readFileSync(dbFile, "utf8");
      expect(() => JSON.parse(text) as unknown, `round ${round}: the store is not valid JSON`).not.toThrow();
      const { db, events } = await openedByStore(dbFile);
      expect(events).toHaveLength(50_000);
      // whoever was welcomed had their subscription on disk first
      for (const id of users) if (welcomed(id)) acknowledged.push(id);
      expect(acknowledged.filter((id) => db.chats[String(id)]?.subscribed !== true), `round ${round}: welcomed but not on disk`).toEqual([]);
    }
    expect(midWrite).toBe(3);
    expect(acknowledged.length).toBeGreaterThan(0);

    // and it still starts cleanly and works
    const bot = await startBot(api, botEnv(api.url!, dbFile), dir);
    api.pushUpdate(command(makeUser(99), "/start"));
    await until(() => welcomed(99), "a welcome after five crashes", 15_000);
    bot.kill("SIGTERM");
    expect((await bot.waitForExit(12_000)).code).toBe(0);
    const { db } = await openedByStore(dbFile);
    expect(db.chats["99"]?.subscribed).toBe(true);
    expect(acknowledged.every((id) => db.chats[String(id)]?.subscribed)).toBe(true);
    const leftovers = (await readdir(dirname(dbFile))).filter((f) => f.endsWith(".tmp"));
    if (leftovers.length > 0) await annotate(`temporary files left by killed processes (never removed): ${leftovers.join(", ")}`);
  });
});

describe("kill -9 while a snapshot is being written", () => {
  it("keeps the last good snapshot and the journals: everything acknowledged is there after restart", { timeout: 60_000 }, async () => {
    api = createFakeBotApi({ token: TOKEN });
    await api.start();
    const dbFile = join(dir, "snapshot", "db.json");
    // a large document, so writing its snapshot takes long enough to be caught in the middle
    await writeStore(dbFile, { admins: [ADMIN], subscribers: ids(1_000_000, 150_000) });
    const bot = await startBot(api, botEnv(api.url!, dbFile), dir);
    const users = ids(200_000, 40);
    for (const id of users) api.pushUpdate(command(makeUser(id), "/start"));
    await until(() => users.every(welcomed), "every /start answered (each on disk first)", 20_000);

    // a clean stop writes a new snapshot (checkpoint); kill -9 as soon as its temporary file appears
    const temp = (name: string | null): boolean => name !== null && name.startsWith(tempPrefixOf(dbFile)) && name.endsWith(".tmp");
    let caught = false;
    const watcher = watch(dirname(dbFile), (_event, name) => {
      if (caught || !temp(name)) return;
      caught = true;
      bot.kill("SIGKILL");
    });
    try {
      bot.kill("SIGTERM");
      await bot.waitForExit(15_000);
    } finally {
      watcher.close();
    }
    await crash(bot, dbFile);
    expect(caught, "the snapshot's temporary file never appeared").toBe(true);
    // killed mid-write: the temporary file is still there, the snapshot is the previous, whole one
    expect((await readdir(dirname(dbFile))).some((f) => temp(f)), "the kill came after the snapshot was renamed into place").toBe(true);
    expect(() => JSON.parse(readFileSync(dbFile, "utf8")) as unknown).not.toThrow();
    const { db } = await openedByStore(dbFile);
    expect(users.filter((id) => db.chats[String(id)]?.subscribed !== true)).toEqual([]);
    expect(Object.keys(db.chats)).toHaveLength(150_000 + 40);

    // and the bot starts from those files and works
    const again = await startBot(api, botEnv(api.url!, dbFile), dir);
    api.pushUpdate(command(makeUser(99), "/start"));
    await until(() => welcomed(99), "a welcome after the crash", 15_000);
    again.kill("SIGTERM");
    expect((await again.waitForExit(15_000)).code).toBe(0);
    const after = await openedByStore(dbFile);
    expect(users.every((id) => after.db.chats[String(id)]?.subscribed)).toBe(true);
  });
});

describe("a truncated store file at start", () => {
  it("stops with one line naming the file and its .bak, leaves it byte-identical; the .bak brings the bot back", { timeout: 60_000 }, async () => {
    api = createFakeBotApi({ token: TOKEN });
    await api.start();
    const dbFile = join(dir, "truncated", "db.json");
    await writeStore(dbFile, { subscribers: ids(1001, 20), admins: [ADMIN] });
    let bot = await startBot(api, botEnv(api.url!, dbFile), dir);
    api.pushUpdate(command(makeUser(7001), "/start")); // one write: the seeded file becomes db.json.bak
    await until(() => welcomed(7001), "the welcome");
    bot.kill("SIGTERM");
    expect((await bot.waitForExit(12_000)).code).toBe(0);
    expect(existsSync(`${dbFile}.bak`)).toBe(true);

    const whole = readFileSync(dbFile);
    const cut = whole.subarray(0, Math.floor(whole.length / 2)); // a disk that filled up, a bad copy
    await writeFile(dbFile, cut);
    const p = spawnBot(botEnv(api.url!, dbFile), dir);
    const { code, ms } = await p.waitForExit(15_000);
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(ms).toBeLessThan(10_000);
    const lines = nonEmptyLines(p.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`The store file ${dbFile} cannot be used`);
    expect(lines[0]).toContain(`${dbFile}.bak`);
    expect(p.output()).not.toMatch(/^\s+at .+[:(]/m);
    expect(readFileSync(dbFile).equals(cut)).toBe(true);
    expect(existsSync(`${dbFile}.lock`)).toBe(false);

    // a file holding `null` (a hand edit, a bad tool) is refused the same way, not opened as an empty store
    await writeFile(dbFile, "null");
    const nulled = spawnBot(botEnv(api.url!, dbFile), dir);
    expect((await nulled.waitForExit(15_000)).code).not.toBe(0);
    expect(nonEmptyLines(nulled.stderr())).toEqual([expect.stringContaining(`The store file ${dbFile} cannot be used: it does not hold a JSON object`)]);
    expect(readFileSync(dbFile, "utf8")).toBe("null");
    expect(existsSync(`${dbFile}.lock`)).toBe(false);

    // the documented way back: the last good copy
    await copyFile(`${dbFile}.bak`, dbFile);
    bot = await startBot(api, botEnv(api.url!, dbFile), dir);
    const since = api.calls.length;
    api.pushUpdate(command(makeUser(1001), "/help"));
    await api.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === 1001, 10_000, since);
    bot.kill("SIGTERM");
    expect((await bot.waitForExit(12_000)).code).toBe(0);
    const { db: restored } = await openedByStore(dbFile);
    expect(Object.keys(restored.chats)).toEqual(expect.arrayContaining(ids(1001, 20).map(String)));
  });
});

describe("a stale lock left by a killed process", () => {
  /**
   * kill -9 of the process group orphans tsx's node child; until init reaps it (about 1.6 s in this
   * container, never under an init that does not reap) it is a zombie, and process.kill(pid, 0)
   * succeeds on a zombie. A bot restarted in that window is refused as if the dead one still ran.
   */
  it("is taken over when its process has exited but is not reaped yet (a zombie)", { timeout: 30_000 }, async () => {
    api = createFakeBotApi({ token: TOKEN });
    await api.start();
    // a child that exits while its parent (exec'd into sleep) never waits for it: a zombie
    const parent: Spawned = spawnProcess("sh", ["-c", 'sh -c "sleep 0.2" & echo $!; exec sleep 30']);
    await parent.waitForOutput(/^\d+$/m);
    const zombie = Number(parent.stdout().trim());
    await until(() => isZombie(zombie), "the zombie");
    const dbFile = join(dir, "zombie", "db.json");
    await writeStore(dbFile, { subscribers: [1001], admins: [ADMIN] });
    await writeFile(`${dbFile}.lock`, `${zombie} 00000000-0000-4000-8000-000000000000`);

    const bot = await startBot(api, botEnv(api.url!, dbFile), dir);
    expect(lockPid(dbFile)).not.toBe(zombie);
    bot.kill("SIGTERM");
    expect((await bot.waitForExit(12_000)).code).toBe(0);
  });
});

describe("a flaky network to the Bot API", () => {
  it("loses no update, no notice and no answer when ~20% of getUpdates and sendMessage calls fail", { timeout: 60_000 }, async ({ annotate }) => {
    api = createFakeBotApi({ token: TOKEN, latencyMs: 5 });
    await api.start();
    const random = seededRandom(20);
    // at most two faults in a row per method and chat: this tests recovery, not the give-up policy
    const streak = new Map<string, number>();
    const maybe = <T>(key: string, fault: () => T): T | undefined => {
      const n = streak.get(key) ?? 0;
      const hit = n < 2 && random() < 0.2;
      streak.set(key, hit ? n + 1 : 0);
      return hit ? fault() : undefined;
    };
    let faulty = false;
    let polls = 0;
    let pollFaults = 0;
    proxy = await createFaultProxy(api.url!, (method): ProxyFault => {
      if (!faulty) return undefined;
      if (method === "getUpdates") {
        // polls 1, 3, 5, 7 get each kind once, then every 5th poll one in turn (a poll that returned
        // updates comes before each fault, so the poller's backoff stays at 1 s)
        const n = polls++;
        if (n < 8 ? n % 2 !== 1 : n % 5 !== 1) return undefined;
        const kinds: ProxyFault[] = ["drop-response", "502", "drop", { delayMs: 300 }];
        return kinds[pollFaults++ % kinds.length];
      }
      if (method === "sendMessage" && random() < 0.1) return { delayMs: 150 };
      return undefined;
    });
    api.behaviour = (method, params) => {
      const chat = Number(params.chat_id);
      if (!faulty || method !== "sendMessage" || chat === ADMIN) return undefined;
      return maybe(`send:${chat}`, () => (random() < 0.5 ? { ok: false, error_code: 502, description: "Bad Gateway" } : DROP));
    };

    const subscribers = ids(2001, 100);
    const dbFile = join(dir, "flaky", "db.json");
    await writeStore(dbFile, { subscribers, admins: [ADMIN] });
    const bot = await startBot(api, botEnv(proxy.url, dbFile), dir);
    faulty = true;

    const admin = makeUser(ADMIN);
    const notice = "停水通知：11月26日 9:00–12:00 <检修> & 清洗水箱";
    const pushed = [api.pushUpdate(command(admin, "/broadcast", notice))];
    const residents = ids(3001, 50);
    // in ten waves, so there are many polls to fault
    for (const [i, id] of residents.entries()) {
      pushed.push(api.pushUpdate(command(makeUser(id), "/start")));
      if (i % 5 === 4) await new Promise((r) => setTimeout(r, 400));
    }
    await until(() => api.sentMessages(ADMIN).some((m) => m.reply_markup !== undefined), "the preview", 20_000);
    const preview = api.sentMessages(ADMIN).find((m) => m.reply_markup !== undefined)!;
    const confirm = preview.reply_markup!.inline_keyboard[0]![0] as { callback_data: string };
    pushed.push(api.pushUpdate(callbackQuery(admin, confirm.callback_data, preview)));

    const db = async () => (await readStore(dbFile)).db;
    await until(async () => { const d = await db(); return residents.every((id) => d.chats[String(id)]?.subscribed === true); }, "every resident subscribed", 30_000);
    // the staff's /broadcast (on the first days of a month the scheduler also sends staff a report)
    const adhoc = (d: Awaited<ReturnType<typeof db>>) => Object.values(d.broadcasts).find((b) => b.kind === "adhoc");
    await until(async () => adhoc(await db())?.status === "done", "the broadcast done", 40_000);
    await until(() => api.pendingUpdates().length === 0, "every update confirmed", 15_000);
    // answers still being retried get a little time
    await until(() => residents.every(welcomed), "every /start answered", 10_000).catch(() => undefined);
    faulty = false;
    bot.kill("SIGTERM");
    expect((await bot.waitForExit(12_000)).code).toBe(0);

    const { db: final } = await openedByStore(dbFile);
    // a finished broadcast keeps its counts; its recipients were the subscribers when Confirm was
    // handled: the 100 seeded chats and whichever residents' /start came first
    const broadcast = adhoc(final);
    expect(broadcast?.status).toBe("done");
    const total = broadcast?.counts?.total ?? Object.keys(broadcast?.recipients ?? {}).length;
    expect(total).toBeGreaterThanOrEqual(100);
    expect(broadcast?.counts ?? {}).toMatchObject({ sent: total, failed: 0, blocked: 0 });
    const got = (id: number): boolean => received(api, id, (t) => t === notice).length > 0;
    expect(subscribers.filter((id) => !got(id)), "subscribers who never got the notice").toEqual([]);
    expect([...subscribers, ...residents].filter(got)).toHaveLength(total);
    expect(pushed.every((u) => final.handledUpdates.includes(u.update_id))).toBe(true);
    const faults = [...(proxy.injected.entries())].map(([k, n]) => `${k}=${n}`).join(" ");
    const sendFaults = api.calls.filter((c) => c.method === "sendMessage" && (!("ok" in c.response) || !c.response.ok)).length;
    await annotate(`flaky network: proxy ${faults}; sendMessage faults ${sendFaults}`);
    for (const kind of ["drop-response", "502", "drop"]) expect(proxy.injected.get(`getUpdates:${kind}`) ?? 0, kind).toBeGreaterThan(0);
    expect(sendFaults).toBeGreaterThan(10);
    const unanswered = residents.filter((id) => !welcomed(id));
    expect(unanswered, "residents whose /start was never answered (a lost reply)").toEqual([]);
  });
});
