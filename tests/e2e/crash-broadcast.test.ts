/**
 * kill -9 of the real process in the middle of a delivery (issue 3): after a restart on the same
 * DB_FILE every recipient has the message, and only the few whose outcome was not on disk yet get
 * it twice: at most the requests in flight (SEND_CONCURRENCY), and nobody is missed.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { callbackQuery, command, createFakeBotApi, makeUser, type FakeBotApi } from "../../tools/fake-bot-api/index.js";
import {
  ADMIN, TOKEN, botEnv, crash, ids, localDate, openedByStore, readStore, received, startBot, watchCalls, writeDataDir, writeStore,
} from "../helpers/e2e-store.js";
import { killAll, until, type Spawned } from "../helpers/process.js";

/** Typed by staff: every character that means something in HTML or Markdown. */
const TYPED = "测试 <b>&amp;</b> 1*2_3.";
const RATE = 30;
const CONCURRENCY = 8;
/**
 * What a crash can double (issue 13): a chat gets the message twice only when its send went out and
 * its outcome was not on disk yet. The sender keeps those (sent or in flight, outcome not yet saved)
 * at most SEND_CONCURRENCY, so a kill -9 doubles at most that many chats, at any rate.
 */
const doubleBound = (concurrency: number): number => concurrency;

let dir: string;
let api: FakeBotApi;
const admin = makeUser(ADMIN, { first_name: "社区主任" });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "e2e-crash-broadcast-"));
});
afterEach(async () => {
  await killAll();
  await api?.stop();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Deliveries per chat of messages whose text satisfies `match`. */
function deliveries(chats: number[], match: (text: string) => boolean): Map<number, number> {
  return new Map(chats.map((id) => [id, received(api, id, match).length]));
}
const doubles = (counts: Map<number, number>): number => [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);

describe("kill -9 in the middle of a staff broadcast", () => {
  it("every one of 300 chats gets the notice, exactly as typed, with few doubles, and staff get the summary", { timeout: 60_000 }, async ({ annotate }) => {
    api = createFakeBotApi({ token: TOKEN, latencyMs: 20, rateLimit: { perSecond: RATE } });
    await api.start();
    const chats = ids(1001, 300);
    const dbFile = join(dir, "broadcast", "db.json");
    await writeStore(dbFile, { subscribers: chats, admins: [ADMIN] });
    const env = botEnv(api.url!, dbFile, { SEND_RATE_PER_SECOND: String(RATE), SEND_CONCURRENCY: String(CONCURRENCY) });
    let bot = await startBot(api, env, dir);

    api.pushUpdate(command(admin, "/broadcast", TYPED));
    await until(() => api.sentMessages(ADMIN).some((m) => m.reply_markup !== undefined), "the preview with its buttons");
    const preview = api.sentMessages(ADMIN).find((m) => m.reply_markup !== undefined)!;
    expect(preview.text).toContain(TYPED); // the preview shows it as typed too
    const confirm = preview.reply_markup!.inline_keyboard[0]![0]!;
    expect(confirm.text).toContain("确认");
    expect("callback_data" in confirm && confirm.callback_data).toMatch(/^bc:ok:/);

    // kill at the very moment the 100th recipient's message is recorded
    const reached = new Set<number>();
    const watcher = watchCalls(api, (c) => {
      const chat = Number(c.params.chat_id);
      if (c.method !== "sendMessage" || chat < 1001 || chat > 1300 || !("ok" in c.response) || !c.response.ok) return;
      reached.add(chat);
      if (reached.size === 100) bot.kill("SIGKILL");
    });
    api.pushUpdate(callbackQuery(admin, (confirm as { callback_data: string }).callback_data, preview));
    await bot.waitForExit(20_000);
    watcher.stop();
    await crash(bot, dbFile);
    const beforeRestart = deliveries(chats, (t) => t === TYPED);
    const reachedBefore = [...beforeRestart.values()].filter((n) => n > 0).length;
    expect(reachedBefore).toBeGreaterThanOrEqual(100);
    expect(reachedBefore).toBeLessThan(300); // it really died in the middle
    const { db: onDisk } = await readStore(dbFile);
    // the staff's /broadcast (on the first days of a month the scheduler also sends staff a report)
    const broadcast = Object.values(onDisk.broadcasts).find((b) => b.kind === "adhoc");
    expect(broadcast?.status).toBe("sending");
    expect(Object.keys(broadcast?.recipients ?? {})).toHaveLength(300);

    // the restart takes over the stale lock and resumes
    bot = await startBot(api, env, dir);
    await until(() => chats.every((id) => received(api, id, (t) => t === TYPED).length > 0), "every chat to get the notice", 30_000);
    await until(async () => (await readStore(dbFile)).db.broadcasts[broadcast!.id]?.status === "done", "the broadcast to be done on disk", 10_000);
    await until(() => api.sentMessages(ADMIN).some((m) => m.text?.includes("发送完成")), "the summary for staff", 10_000);
    bot.kill("SIGTERM");
    expect((await bot.waitForExit(12_000)).code).toBe(0);

    const counts = deliveries(chats, (t) => t === TYPED);
    const doubled = doubles(counts);
    await annotate(`broadcast crash: ${reachedBefore} reached before kill -9, ${doubled} doubled after restart (bound ${doubleBound(CONCURRENCY)})`);
    expect([...counts.values()].every((n) => n >= 1)).toBe(true);
    expect(doubled).toBeLessThanOrEqual(doubleBound(CONCURRENCY));
    // only those reached before the crash can have it twice
    for (const [id, n] of counts) if (n > 1) expect(beforeRestart.get(id)).toBeGreaterThan(0);

    // exactly as typed: the HTML that went out is escaped, the text people see is what staff typed
    const sent = api.calls.find((c) => c.method === "sendMessage" && Number(c.params.chat_id) === 1001);
    expect(sent?.params.parse_mode).toBe("HTML");
    expect(sent?.params.text).toBe("测试 &lt;b&gt;&amp;amp;&lt;/b&gt; 1*2_3.");
    expect(api.sentMessages(1300)[0]?.text).toBe(TYPED);
    expect(api.sentMessages(1300)[0]?.entities ?? []).toEqual([]);

    const summary = api.sentMessages(ADMIN).find((m) => m.text?.includes("发送完成"))!;
    expect(summary.text).toContain("已送达 300 / 300");
    expect(summary.text).toContain("失败 0");
    const { db } = await openedByStore(dbFile); // files the bot's own store accepts
    const final = db.broadcasts[broadcast!.id]!;
    expect(final.status).toBe("done");
    expect(final.counts).toEqual({ total: 300, sent: 300, failed: 0, blocked: 0 });
    expect(Object.values(final.recipients).filter((r) => r.s !== "s")).toEqual([]);
  });
});

describe("a scheduled reminder that fell due while the bot was down", () => {
  it("is sent once at start, resumed after kill -9, and not again after a second restart", { timeout: 60_000 }, async ({ annotate }) => {
    api = createFakeBotApi({ token: TOKEN, latencyMs: 5 });
    await api.start();
    // cleanup day tomorrow 23:00; its eve reminder (today 00:00, community time) is already due
    const date = localDate(1);
    const dataDir = await writeDataDir(join(dir, "data-due"), { date, time: "23:00", reminders: [{ id: "eve", dayOffset: -1, time: "00:00" }] });
    const key = `cleanup-day:${date}:eve`;
    const chats = ids(2001, 200);
    const dbFile = join(dir, "reminder", "db.json");
    await writeStore(dbFile, { subscribers: chats, admins: [ADMIN] });
    const env = botEnv(api.url!, dbFile, { DATA_DIR: dataDir, SEND_RATE_PER_SECOND: "50", SEND_CONCURRENCY: String(CONCURRENCY) });
    const isReminder = (t: string): boolean => t.includes("【柳河社区周末卫生日】");

    // first start: the reminder is enqueued by the first tick (before polling starts) and sending
    // starts at once; kill -9 as soon as 20 subscribers have it
    const reached = new Set<number>();
    let first: Spawned | undefined;
    const watcher = watchCalls(api, (c) => {
      if (c.method !== "sendMessage" || !("ok" in c.response) || !c.response.ok || !isReminder(String(c.params.text))) return;
      reached.add(Number(c.params.chat_id));
      if (reached.size >= 20) first?.kill("SIGKILL");
    });
    let bot = (first = await startBot(api, env, dir));
    if (reached.size >= 20) bot.kill("SIGKILL");
    await bot.waitForExit(20_000);
    watcher.stop();
    await crash(bot, dbFile);
    const before = deliveries(chats, isReminder);
    expect([...before.values()].filter((n) => n > 0).length).toBeLessThan(200); // it died in the middle
    expect((await readStore(dbFile)).db.enqueued[key]).toBeDefined(); // enqueued before the first send

    // second start: resumes, finishes
    bot = await startBot(api, env, dir);
    await until(() => chats.every((id) => received(api, id, isReminder).length > 0), "every subscriber to get the reminder", 30_000);
    await until(async () => Object.values((await readStore(dbFile)).db.broadcasts).every((b) => b.status === "done"), "the broadcast done on disk");
    await crash(bot, dbFile);
    const afterSecond = deliveries(chats, isReminder);

    // third start: the tick before polling sees the key and enqueues nothing
    const since = api.calls.length;
    bot = await startBot(api, env, dir);
    await new Promise((r) => setTimeout(r, 1500));
    expect(api.calls.slice(since).filter((c) => c.method === "sendMessage")).toEqual([]);
    bot.kill("SIGTERM");
    expect((await bot.waitForExit(12_000)).code).toBe(0);

    const { db } = await openedByStore(dbFile);
    expect(Object.keys(db.enqueued).filter((k) => k.startsWith("cleanup-day:"))).toEqual([key]);
    const withKey = Object.values(db.broadcasts).filter((b) => b.key?.startsWith("cleanup-day:"));
    expect(withKey).toHaveLength(1);
    expect(withKey[0]?.occurrenceId).toBe(`cleanup-day:${date}`);
    const counts = deliveries(chats, isReminder);
    expect(counts).toEqual(afterSecond);
    expect([...counts.values()].every((n) => n >= 1)).toBe(true);
    await annotate(`reminder crash: ${doubles(counts)} doubled (bound ${doubleBound(CONCURRENCY)})`);
    expect(doubles(counts)).toBeLessThanOrEqual(doubleBound(CONCURRENCY));
    for (const [id, n] of counts) if (n > 1) expect(before.get(id)).toBeGreaterThan(0);
    // the reminder carries the sign-up buttons of that occurrence
    expect(JSON.stringify(api.sentMessages(2001)[0]?.reply_markup)).toContain(`su:j:cleanup-day:${date}`);
  });
});
