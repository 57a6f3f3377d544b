/**
 * Two real processes in webhook mode on one PostgreSQL database (issue 16): an update posted to both
 * is handled once; what one records the other reads; sign-ups pressed on both fill the places
 * exactly; a press handled by the follower has its live count edited by the leader only; a kill -9
 * of the leader mid-broadcast is taken over by the other, nothing missed; an instance starting leaves
 * a live one's inbox updates alone, and a dead one's are taken over once by a sweep.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message } from "grammy/types";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase, type PgDb } from "../../src/store/postgres/database.js";
import { migrateToLatest } from "../../src/store/postgres/migrations.js";
import { callbackQuery, command, createFakeBotApi, makeUser, privateMessage, type FakeBotApi } from "../../tools/fake-bot-api/index.js";
import { ADMIN, TOKEN, ids, localDate, received, watchCalls, writeDataDir } from "../helpers/e2e-store.js";
import { usePgCluster } from "../helpers/pg-cluster.js";
import { COMMUNITY, inPool, instanceEnv, seedSubscribers, sendsTo, startInstance, updateMaker } from "../helpers/pg-instances.js";
import { INBOX_SWEEP_MS } from "../../src/bot/transport/webhook.js";
import { INBOX_CLAIM_TTL_MS } from "../../src/store/postgres/updates-pg.js";
import { killAll, until } from "../helpers/process.js";

let dir: string;
let api: FakeBotApi | undefined;
let db: PgDb | undefined;
let pgUrl = "";
const admin = makeUser(ADMIN, { first_name: "社区主任" });
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "e2e-pg-instances-"));
});
afterEach(async () => {
  await killAll();
  await api?.stop();
  await db?.destroy();
  db = undefined;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("two instances on one PostgreSQL database", () => {
  const pg = usePgCluster();

  /** A fresh migrated database, a fake Bot API, and two instances on it (the first leads). */
  async function setUp(apiOptions: Parameters<typeof createFakeBotApi>[0] = { token: TOKEN }, extra: Record<string, string> = {}, seed?: (db: PgDb) => Promise<void>) {
    const url = await pg.freshDatabase();
    db = createPgDatabase(url);
    await migrateToLatest(db);
    await seed?.(db);
    const fake = createFakeBotApi(apiOptions);
    api = fake;
    await fake.start();
    const env = instanceEnv(fake, url, extra);
    const a = await startInstance(env, dir);
    const b = await startInstance(env, dir);
    expect(await a.health()).toEqual({ ok: true, leader: true });
    expect(await b.health()).toEqual({ ok: true, leader: false });
    pgUrl = url;
    return { fake, a, b, update: updateMaker(fake), db };
  }

  it("the same 100 updates posted to both are each handled once", { timeout: 180_000 }, async () => {
    const { fake, a, b, update, db } = await setUp();
    const users = ids(7001, 100).map((id) => makeUser(id, { first_name: `居民${id}`, language_code: "zh" }));
    const updates = users.map((u) => update(command(u, "/start")));
    // each update to both at once, as a retried delivery reaching the other instance would
    const statuses = await inPool(updates, 40, (u) => Promise.all([a.post(u), b.post(u)]));
    expect(statuses.flat().every((s) => s === 200)).toBe(true);
    await until(() => users.every((u) => sendsTo(fake, u.id).length >= 1), "a reply to every /start", 60_000);
    await new Promise((r) => setTimeout(r, 2_000)); // time for a second reply, if one were coming
    const twice = users.filter((u) => sendsTo(fake, u.id).length !== 1).map((u) => `${u.id}: ${sendsTo(fake, u.id).map((c) => `${c.at} ${String(c.params.text).slice(0, 30)}`).join(" | ")}`);
    expect(twice.slice(0, 3), `${twice.length} chats not answered exactly once`).toEqual([]);
    const handled = await sql<{ n: number }>`SELECT count(*)::int AS n FROM handled_updates WHERE update_id >= ${updates[0]!.update_id}`.execute(db);
    expect(handled.rows[0]?.n).toBe(100);
    const subscribed = await sql<{ n: number }>`SELECT count(*)::int AS n FROM chats WHERE id BETWEEN 7001 AND 7100 AND subscribed`.execute(db);
    expect(subscribed.rows[0]?.n).toBe(100);
  });

  it("a /record on one instance is seen by /progress and a question on the other", { timeout: 180_000 }, async () => {
    const { fake, a, b, update } = await setUp();
    const resident = makeUser(5001, { first_name: "王阿姨", language_code: "zh" });
    const garbage = (n: number) => (t: string) => t.includes(`清运垃圾：${n}/350 车`);
    expect(await b.post(update(command(resident, "/progress")))).toBe(200);
    await until(() => received(fake, 5001, garbage(300)).length === 1, "the seeded figure, from B", 30_000);
    expect(await a.post(update(command(admin, "/record", "清运垃圾 12车")))).toBe(200);
    await until(() => fake.sentMessages(ADMIN).length >= 1, "the record's answer, from A", 30_000);
    expect(await b.post(update(command(resident, "/progress")))).toBe(200);
    await until(() => received(fake, 5001, garbage(312)).length === 1, "the recorded figure, from B", 30_000);
    // a question on B is answered from the same figures (and not only the first instance's cache)
    expect(await b.post(update(privateMessage(resident, "清运垃圾多少车了？")))).toBe(200);
    await until(() => received(fake, 5001, (t) => t.includes("312")).length >= 2, "the answer to the question, from B", 30_000);
  });

  it("200 sign-up presses over both for a 20-place event: exactly 20 in, the waitlist in order, each answered", { timeout: 240_000 }, async () => {
    const date = localDate(10);
    const dataDir = await writeDataDir(join(dir, "data-signup"), { date, time: "08:30", reminders: [{ id: "eve", dayOffset: -1, time: "19:00" }] });
    const file = join(dataDir, "notices.json");
    const catalog = JSON.parse(await readFile(file, "utf8")) as { notices: { signup: { capacity: number } }[] };
    catalog.notices[0]!.signup.capacity = 20;
    await writeFile(file, JSON.stringify(catalog, null, 2));
    const people = ids(4001, 200);
    const { fake, a, b, update, db } = await setUp({ token: TOKEN, latencyMs: 2 }, { DATA_DIR: dataDir, SEND_RATE_PER_SECOND: "400", SEND_CONCURRENCY: "16" }, (d) => seedSubscribers(d, people));
    const occurrenceId = `cleanup-day:${date}`;
    const joinData = `su:j:${occurrenceId}`;

    expect(await a.post(update(command(admin, "/sendnow", "cleanup-day")))).toBe(200);
    const reminderOf = (id: number): Message | undefined => fake.sentMessages(id).find((m) => m.reply_markup !== undefined);
    await until(() => people.every((id) => reminderOf(id) !== undefined), "the reminder in every chat", 60_000);
    expect(JSON.stringify(reminderOf(4001)?.reply_markup)).toContain(joinData);

    const presses = people.map((id) => update(callbackQuery(makeUser(id), joinData, reminderOf(id)!)));
    // half to each instance, both at once, up to 40 in flight on each (Telegram's most per webhook)
    const statuses = await Promise.all([a, b].map((inst, k) => inPool(presses.filter((_, i) => i % 2 === k), 40, (u) => inst.post(u))));
    expect(statuses.flat().every((s) => s === 200)).toBe(true);
    const answerOf = (cb: string) => fake.calls.find((c) => c.method === "answerCallbackQuery" && c.params.callback_query_id === cb);
    await until(() => presses.every((u) => answerOf(u.callback_query!.id) !== undefined), "an answer to every press", 90_000);
    const texts = presses.map((u) => String(answerOf(u.callback_query!.id)!.params.text));
    const joined = texts.filter((t) => t.startsWith("✅ 已报名"));
    const waiting = texts.filter((t) => t.startsWith("⏳"));
    expect(joined).toHaveLength(20);
    expect(waiting).toHaveLength(180);
    expect(joined.map((t) => Number(/第 (\d+) 位/.exec(t)?.[1])).sort((x, y) => x - y)).toEqual(ids(1, 20));

    // the roster holds 20 confirmed and 180 waiting; each waiting person's position is their place in join order
    const roster = await db.selectFrom("roster").select(["user_id", "status", "seq"]).where("occurrence_id", "=", occurrenceId).orderBy("seq").execute();
    expect(roster).toHaveLength(200);
    const confirmed = roster.filter((r) => r.status === "c");
    const waitlist = roster.filter((r) => r.status === "w");
    expect(confirmed).toHaveLength(20);
    expect(waitlist).toHaveLength(180);
    const told = new Map(presses.map((u, i) => [u.callback_query!.from.id, texts[i]!]));
    for (const r of confirmed) expect(told.get(r.user_id), `user ${r.user_id}`).toMatch(/^✅ 已报名/);
    waitlist.forEach((r, k) => expect(told.get(r.user_id), `user ${r.user_id}`).toContain(`候补第 ${k + 1} 位`));
  });

  it("a press handled by the follower has its group's live count edited by the leader, not by the follower", { timeout: 180_000 }, async () => {
    const GROUP_ID = -4242;
    const date = localDate(10);
    const dataDir = await writeDataDir(join(dir, "data-live"), { date, time: "08:30", reminders: [{ id: "eve", dayOffset: -1, time: "19:00" }] });
    const { fake, a, b, update } = await setUp({ token: TOKEN }, { DATA_DIR: dataDir }, async (d) => {
      await d.insertInto("chats").values({
        community: COMMUNITY, id: GROUP_ID, type: "group", title: "三号楼", subscribed: true, active: true, inactive_reason: null,
        lang: "zh", compound: null, received: null, since: new Date(0).toISOString(), updated_at: new Date(0).toISOString(),
      }).execute();
    });
    expect(await a.post(update(command(admin, "/sendnow", "cleanup-day")))).toBe(200);
    const reminderIn = (): Message | undefined => fake.sentMessages(GROUP_ID).find((m) => m.reply_markup !== undefined);
    await until(() => reminderIn() !== undefined, "the reminder in the group", 30_000);
    await new Promise((r) => setTimeout(r, 1_000)); // the leader's own edit after sending, if any
    const edits = () => fake.calls.filter((c) => c.method === "editMessageReplyMarkup" && Number(c.params.chat_id) === GROUP_ID);
    const before = edits().length;
    const shown = () => JSON.stringify(fake.sentMessages(GROUP_ID).find((m) => m.message_id === reminderIn()!.message_id)?.reply_markup);

    // the leader stalls for a few seconds (well within its lease): nobody may edit meanwhile
    a.bot.kill("SIGSTOP");
    try {
      const press = update(callbackQuery(makeUser(4301, { language_code: "zh" }), `su:j:cleanup-day:${date}`, reminderIn()!));
      expect(await b.post(press)).toBe(200);
      await until(() => fake.calls.some((c) => c.method === "answerCallbackQuery" && c.params.callback_query_id === press.callback_query!.id), "the follower's answer", 10_000);
      await new Promise((r) => setTimeout(r, 2_500)); // the follower would have edited by now (its interval starts at 0)
      expect(edits()).toHaveLength(before);
    } finally {
      a.bot.kill("SIGCONT");
    }
    // the leader takes the follower's mark at its next poll and edits the count in
    await until(() => edits().length > before, "the leader's edit of the live count", 15_000);
    await until(() => shown().includes("· 1"), "the count 1 on the group's reminder", 10_000);
    expect(await a.health()).toEqual({ ok: true, leader: true });
  });

  it("kill -9 of the leader mid-broadcast: the other takes over within 15 s, everyone gets it, few doubles", { timeout: 240_000 }, async ({ annotate }) => {
    const CONCURRENCY = 8;
    const chats = ids(1001, 300);
    const { fake, a, b, update } = await setUp(
      { token: TOKEN, latencyMs: 20, rateLimit: { perSecond: 30 } }, { SEND_RATE_PER_SECOND: "30", SEND_CONCURRENCY: String(CONCURRENCY) },
      (d) => seedSubscribers(d, chats),
    );
    const TEXT = "周六上午9点清理楼道杂物";
    expect(await a.post(update(command(admin, "/broadcast", TEXT)))).toBe(200);
    await until(() => fake.sentMessages(ADMIN).some((m) => m.reply_markup !== undefined && m.text?.includes(TEXT)), "the preview", 30_000);
    const preview = fake.sentMessages(ADMIN).find((m) => m.reply_markup !== undefined && m.text?.includes(TEXT))!;
    const ok = preview.reply_markup!.inline_keyboard[0]![0] as { callback_data: string };

    const reached = new Set<number>();
    let killedAt = 0;
    const watcher = watchCalls(fake, (c) => {
      const chat = Number(c.params.chat_id);
      if (c.method !== "sendMessage" || chat < 1001 || chat > 1300 || !("ok" in c.response) || !c.response.ok) return;
      reached.add(chat);
      if (reached.size === 100 && killedAt === 0) {
        killedAt = Date.now();
        a.bot.kill("SIGKILL");
      }
    });
    expect(await a.post(update(callbackQuery(admin, ok.callback_data, preview)))).toBe(200);
    await a.bot.waitForExit(60_000);
    watcher.stop();
    const reachedBefore = chats.filter((id) => received(fake, id, (t) => t === TEXT).length > 0).length;
    expect(reachedBefore).toBeLessThan(300); // it died in the middle

    await until(async () => (await b.health()).leader, "B to lead", 30_000);
    const takeover = Date.now() - killedAt;
    expect(takeover).toBeLessThanOrEqual(15_000);
    await until(() => chats.every((id) => received(fake, id, (t) => t === TEXT).length > 0), "every subscriber to get the notice", 90_000);
    await until(() => fake.sentMessages(ADMIN).some((m) => m.text?.includes("发送完成")), "the summary for staff", 30_000);
    const doubled = chats.reduce((sum, id) => sum + Math.max(0, received(fake, id, (t) => t === TEXT).length - 1), 0);
    await annotate(`two instances: ${reachedBefore} reached before kill -9, takeover ${takeover} ms, ${doubled} doubled (bound ${CONCURRENCY})`);
    expect(doubled).toBeLessThanOrEqual(CONCURRENCY);
  });

  it("an instance starting leaves a live instance's inbox rows alone, and a dead one's are taken over once", { timeout: 180_000 }, async () => {
    const { fake, a, b, update, db } = await setUp();
    const holderOf = (out: string) => /"instance":"([^"]+)"/.exec(out)?.[1];
    const holderA = holderOf(a.bot.output());
    expect(holderA).toBeDefined();
    a.bot.kill("SIGKILL");
    await a.bot.waitForExit(30_000);
    // what A left: an update it kept (answered 200) and never handled, its claim as fresh as at its death
    const [dead, live] = [makeUser(8001, { language_code: "zh" }), makeUser(8002, { language_code: "zh" })];
    const keep = (u: ReturnType<typeof update>, owner: string) =>
      db.insertInto("inbox").values({ community: COMMUNITY, update_id: u.update_id, body: JSON.stringify(u), owner }).execute();
    const diedAt = Date.now();
    await keep(update(command(dead, "/start")), holderA!);
    // another instance, alive, handling an update slowly: it renews its claim (here the test does, every second)
    await keep(update(command(live, "/start")), "elsewhere:alive");
    const renew = setInterval(() => void sql`UPDATE inbox SET claimed_at = now() WHERE owner = 'elsewhere:alive'`.execute(db).catch(() => undefined), 1_000);
    try {
      const c = await startInstance(instanceEnv(fake, pgUrl, {}), dir);
      await until(() => sendsTo(fake, 8001).length >= 1, "the dead instance's update handled", 60_000);
      const tookMs = Date.now() - diedAt;
      expect(tookMs).toBeLessThanOrEqual(INBOX_CLAIM_TTL_MS + INBOX_SWEEP_MS + 5_000);
      await new Promise((r) => setTimeout(r, INBOX_SWEEP_MS + 2_000)); // every instance swept again at least once
      expect(sendsTo(fake, 8001)).toHaveLength(1);
      // the live one's update was left to it by C's start and by every sweep
      expect(sendsTo(fake, 8002)).toHaveLength(0);
      expect(await c.health()).toMatchObject({ ok: true });
    } finally {
      clearInterval(renew);
    }
    // that instance dies too: its claim is no longer renewed; once the ttl passed (moved back here
    // instead of waited for), one of B and C takes it at its next sweep
    await sql`UPDATE inbox SET claimed_at = claimed_at - ${INBOX_CLAIM_TTL_MS} * interval '1 millisecond'`.execute(db);
    await until(() => sendsTo(fake, 8002).length >= 1, "the second dead instance's update handled", 60_000);
    await new Promise((r) => setTimeout(r, INBOX_SWEEP_MS + 2_000));
    expect(sendsTo(fake, 8002)).toHaveLength(1);
    expect(await db.selectFrom("inbox").select("update_id").execute()).toEqual([]);
    expect(await b.health()).toMatchObject({ ok: true });
  });
});
