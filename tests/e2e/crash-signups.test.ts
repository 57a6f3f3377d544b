/**
 * kill -9 of the real process in the middle of a sign-up burst (issue 4): no sign-up that was
 * answered is lost, and the presses not yet confirmed to Telegram are redelivered and handled
 * after the restart, each person counted once.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message, Update } from "grammy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { StoredSignupEvent } from "../../src/store/schema.js";
import { callbackQuery, command, createFakeBotApi, makeUser, type FakeBotApi } from "../../tools/fake-bot-api/index.js";
import { ADMIN, TOKEN, botEnv, crash, ids, localDate, openedByStore, readStore, startBot, watchCalls, writeDataDir, writeStore } from "../helpers/e2e-store.js";
import { killAll, until, type Spawned } from "../helpers/process.js";

let dir: string;
let api: FakeBotApi;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "e2e-crash-signups-"));
});
afterEach(async () => {
  await killAll();
  await api?.stop();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Net sign-up per user for one occurrence (joins minus cancels), from the append-only log. */
function netJoins(events: readonly StoredSignupEvent[], occurrenceId: string): Map<number, number> {
  const net = new Map<number, number>();
  for (const e of events) {
    if (e.occurrenceId !== occurrenceId) continue;
    if (e.type === "join") net.set(e.userId, (net.get(e.userId) ?? 0) + 1);
    if (e.type === "cancel") net.set(e.userId, (net.get(e.userId) ?? 0) - 1);
  }
  return net;
}

describe("kill -9 during a burst of 200 sign-up presses", () => {
  it("loses no answered sign-up, handles the redelivered rest after restart, counts each person once", { timeout: 60_000 }, async ({ annotate }) => {
    api = createFakeBotApi({ token: TOKEN, latencyMs: 2 });
    await api.start();
    const date = localDate(10);
    const dataDir = await writeDataDir(join(dir, "data"), { date, time: "08:30", reminders: [{ id: "eve", dayOffset: -1, time: "19:00" }] });
    const occurrenceId = `cleanup-day:${date}`;
    const volunteers = ids(4001, 200);
    const dbFile = join(dir, "signups", "db.json");
    await writeStore(dbFile, { subscribers: volunteers, admins: [ADMIN] });
    const env = botEnv(api.url!, dbFile, { DATA_DIR: dataDir, SEND_RATE_PER_SECOND: "400", SEND_CONCURRENCY: "16" });
    let bot: Spawned = await startBot(api, env, dir);

    // the reminder with its sign-up buttons, sent now to all 200
    api.pushUpdate(command(makeUser(ADMIN), "/sendnow", "cleanup-day"));
    const reminderOf = (id: number): Message | undefined => api.sentMessages(id).find((m) => m.reply_markup !== undefined);
    await until(() => volunteers.every((id) => reminderOf(id) !== undefined), "the reminder in every chat", 20_000);
    const joinData = `su:j:${occurrenceId}`;
    expect(JSON.stringify(reminderOf(4001)?.reply_markup)).toContain(joinData);

    // 200 different people press "报名" at once; kill -9 once 100 have been told they are in
    const answered = new Map<string, string>(); // callback id → answer text (the latest)
    let killed = false; // once: the restarted process answers the same presses again
    const watcher = watchCalls(api, (c) => {
      if (c.method !== "answerCallbackQuery" || typeof c.params.text !== "string") return;
      answered.set(String(c.params.callback_query_id), c.params.text);
      if (answered.size >= 100 && !killed) {
        killed = true;
        bot.kill("SIGKILL");
      }
    });
    const presses = new Map<number, Update>();
    for (const id of volunteers) presses.set(id, api.pushUpdate(callbackQuery(makeUser(id), joinData, reminderOf(id)!)));
    const userOfCallback = new Map([...presses].map(([id, u]) => [u.callback_query!.id, id]));
    await bot.waitForExit(20_000);
    await crash(bot, dbFile);

    // every answer the dead process ever sent said "signed up", and each of those is on disk
    const acknowledged = [...answered].filter(([, text]) => text.startsWith("✅ 已报名")).map(([cb]) => userOfCallback.get(cb)!);
    expect(acknowledged.length).toBeGreaterThanOrEqual(100);
    expect(acknowledged.length).toBeLessThan(200); // it really died in the middle
    expect(answered.size).toBe(acknowledged.length);
    const afterCrash = await readStore(dbFile);
    const onDisk = netJoins(afterCrash.events, occurrenceId);
    const lost = acknowledged.filter((id) => onDisk.get(id) !== 1);
    expect(lost, "answered sign-ups missing from the store after kill -9").toEqual([]);
    expect(api.pendingUpdates().length).toBeGreaterThan(0); // unconfirmed presses wait for redelivery
    const answeredBefore = new Set(answered.keys());
    await annotate(`sign-up crash: ${acknowledged.length} answered before kill -9, ${[...onDisk.values()].filter((n) => n === 1).length} on disk`);

    // the restart gets the unconfirmed presses again and handles each once
    const restartAt = api.calls.length;
    bot = await startBot(api, env, dir);
    const unanswered = (): number[] => volunteers.filter((id) => !answered.has(presses.get(id)!.callback_query!.id));
    await until(() => unanswered().length === 0, "an answer to every press", 20_000).catch(async (err: Error) => {
      const { db, events } = await readStore(dbFile);
      const pending = api.pendingUpdates().map((u) => u.update_id);
      const details = unanswered().map((id) => {
        const update = presses.get(id)!.update_id;
        return `${id} (update ${update}: pending ${pending.includes(update)}, handled ${db.handledUpdates.includes(update)}, joined ${netJoins(events, occurrenceId).get(id) ?? 0}, joined before restart ${onDisk.get(id) ?? 0})`;
      });
      const polls = api.calls.filter((c) => c.method === "getUpdates").slice(-6).map((c) => `${c.at} offset=${String(c.params.offset)} -> ${"ok" in c.response && c.response.ok ? `${(c.response.result as unknown[]).length} updates` : JSON.stringify(c.response)}`);
      const after = api.calls.slice(restartAt).reduce<Record<string, number>>((m, c) => ({ ...m, [c.method]: (m[c.method] ?? 0) + 1 }), {});
      throw new Error(`${err.message}: bot ${bot.exited ? "exited" : "running"}; calls after restart ${JSON.stringify(after)}; handled on disk ${db.handledUpdates.length}; ${details.length} unanswered: ${details.slice(0, 3).join("; ")}\nlast polls (now ${Date.now()}):\n${polls.join("\n")}\n${bot.output().slice(-3000)}`);
    });
    await until(() => api.pendingUpdates().length === 0, "every press confirmed to Telegram", 10_000);
    watcher.stop();
    bot.kill("SIGTERM");
    expect((await bot.waitForExit(12_000)).code).toBe(0);

    const { events } = await openedByStore(dbFile);
    const net = netJoins(events, occurrenceId);
    expect(volunteers.filter((id) => net.get(id) !== 1), "volunteers not signed up exactly once").toEqual([]);
    expect(net.size).toBe(200);
    const joins = events.filter((e) => e.occurrenceId === occurrenceId && e.type === "join");
    expect(joins).toHaveLength(200);
    expect(new Set(joins.map((e) => e.seq)).size).toBe(200);
    // presses answered only after the restart: "signed up" if the first run had not written them,
    // "already signed up" if it had written them but died before answering
    for (const [cb, text] of answered) {
      if (answeredBefore.has(cb)) continue;
      const written = onDisk.get(userOfCallback.get(cb)!) === 1;
      expect(text.startsWith(written ? "你已报名" : "✅ 已报名"), `${text} (on disk before restart: ${written})`).toBe(true);
    }
    // positions are 1…200 with no gaps or repeats
    const positions = [...answered.values()].map((t) => Number(/第 (\d+) 位/.exec(t)?.[1]));
    expect(new Set(positions).size).toBe(200);
    expect(Math.max(...positions)).toBe(200);
  });
});
