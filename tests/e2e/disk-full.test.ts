/**
 * A disk that fills up under the real process (issue 13): the store's folder is a small tmpfs, a
 * burst of /start fills it, space is freed while the bot runs, then a stop and a start. Nothing a
 * user was told is saved may be lost, and the bot must start again.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { callbackQuery, command, createFakeBotApi, makeUser, type FakeBotApi } from "../../tools/fake-bot-api/index.js";
import { ADMIN, TOKEN, botEnv, ids, localDate, openedByStore, received, startBot, watchCalls, writeDataDir, writeStore } from "../helpers/e2e-store.js";
import { killAll, until } from "../helpers/process.js";
import { freeBytes, mountTmpfs, unmountTmpfs } from "../helpers/tmpfs.js";

const base = await mkdtemp(join(tmpdir(), "e2e-disk-full-"));
const disk = join(base, "disk");
const cannotMount = await mountTmpfs(disk, "1m");
if (cannotMount) console.error(`disk-full e2e skipped: ${cannotMount}`);

let api: FakeBotApi | undefined;

afterEach(async () => {
  await killAll();
  await api?.stop();
});
afterAll(async () => {
  await unmountTmpfs(disk);
  await rm(base, { recursive: true, force: true });
});

const ERROR_REPLY = "抱歉，出了点问题";

describe("a full disk under a burst of /start", () => {
  it.skipIf(cannotMount !== undefined)(
    cannotMount ? `skipped: ${cannotMount}` : "loses nothing acknowledged, recovers when space returns, and starts again after a stop",
    { timeout: 90_000 },
    async ({ annotate }) => {
      const fake = createFakeBotApi({ token: TOKEN });
      api = fake;
      await fake.start();
      const dbFile = join(disk, "db.json");
      await writeStore(dbFile, { admins: [ADMIN], subscribers: ids(1001, 5) });
      const welcomed = (id: number): boolean => received(fake, id, (t) => t.includes("您好")).length > 0;
      const answered = (id: number): boolean => welcomed(id) || received(fake, id, (t) => t.includes(ERROR_REPLY)).length > 0;

      const bot = await startBot(fake, botEnv(fake.url!, dbFile), base);
      // leave about 12 KiB free: a few dozen journal entries
      const filler = join(disk, "filler");
      await writeFile(filler, Buffer.alloc(Math.max(0, freeBytes(disk) - 12 * 1024)));

      const burst = ids(20_001, 300);
      for (const id of burst) fake.pushUpdate(command(makeUser(id), "/start"));
      // (a write cut short is cut back, so the disk need not stay at 0 bytes free)
      await until(() => /could not save/.test(bot.output()), "the disk to fill up (a write refused)", 30_000);
      // a little while full: failed writes, retries, error replies
      await until(() => burst.filter(answered).length > 60, "answers while the disk is full", 30_000).catch(() => undefined);
      const whileFull = burst.filter(welcomed).length;

      await rm(filler); // space returns while the bot runs
      await until(() => fake.pendingUpdates().length === 0, "every /start saved and confirmed once space returned", 60_000);
      const after = ids(30_001, 20);
      for (const id of after) fake.pushUpdate(command(makeUser(id), "/start"));
      await until(() => after.every(welcomed), "welcomes after space returned", 20_000);

      bot.kill("SIGTERM");
      expect((await bot.waitForExit(15_000)).code, bot.output()).toBe(0);

      // it starts again (no "damaged" journal) and works
      const again = await startBot(fake, botEnv(fake.url!, dbFile), base);
      fake.pushUpdate(command(makeUser(40_001), "/start"));
      await until(() => welcomed(40_001), "a welcome after the restart", 15_000);
      again.kill("SIGTERM");
      expect((await again.waitForExit(15_000)).code, again.output()).toBe(0);

      const { db } = await openedByStore(dbFile);
      const told = [...burst, ...after, 40_001].filter(welcomed);
      expect(told.filter((id) => db.chats[String(id)]?.subscribed !== true), "welcomed but not in the store").toEqual([]);
      // every /start was confirmed to Telegram only once saved, so all of them are there
      expect(burst.filter((id) => db.chats[String(id)]?.subscribed !== true), "a /start confirmed but not saved").toEqual([]);
      const errors = burst.filter((id) => !welcomed(id)).length;
      await annotate(`welcomed while full: ${whileFull}; told of an error: ${errors}; welcomed in all: ${told.length}`);
      expect(errors, "the disk never refused a write").toBeGreaterThan(0);
    },
  );
});

describe("a full disk under a burst of sign-up presses", () => {
  it.skipIf(cannotMount !== undefined)(
    cannotMount ? `skipped: ${cannotMount}` : "every press answered “signed up” is in the sign-up log after space returns, a stop and a start",
    { timeout: 90_000 },
    async ({ annotate }) => {
      const fake = createFakeBotApi({ token: TOKEN });
      api = fake;
      await fake.start();
      const date = localDate(10);
      const dataDir = await writeDataDir(join(base, "data"), { date, time: "08:30", reminders: [{ id: "eve", dayOffset: -1, time: "19:00" }] });
      const occurrenceId = `cleanup-day:${date}`;
      const volunteers = ids(5001, 150);
      const dbFile = join(disk, "signups", "db.json");
      await writeStore(dbFile, { subscribers: volunteers, admins: [ADMIN] });
      const env = botEnv(fake.url!, dbFile, { DATA_DIR: dataDir, SEND_RATE_PER_SECOND: "400", SEND_CONCURRENCY: "16" });
      const bot = await startBot(fake, env, base);

      fake.pushUpdate(command(makeUser(ADMIN), "/sendnow", "cleanup-day"));
      const reminderOf = (id: number): Message | undefined => fake.sentMessages(id).find((m) => m.reply_markup !== undefined);
      await until(() => volunteers.every((id) => reminderOf(id) !== undefined), "the reminder in every chat", 30_000);
      await new Promise((r) => setTimeout(r, 1000)); // the broadcast's last progress saved
      const filler = join(disk, "filler-signups");
      await writeFile(filler, Buffer.alloc(Math.max(0, freeBytes(disk) - 8 * 1024)));

      const answers = new Map<string, string>();
      const watcher = watchCalls(fake, (c) => {
        if (c.method === "answerCallbackQuery" && typeof c.params.text === "string") answers.set(String(c.params.callback_query_id), c.params.text);
      });
      const userOf = new Map<string, number>();
      for (const id of volunteers) userOf.set(fake.pushUpdate(callbackQuery(makeUser(id), `su:j:${occurrenceId}`, reminderOf(id)!)).callback_query!.id, id);
      await until(() => /could not save/.test(bot.output()), "the disk to fill up (a write refused)", 30_000);
      await until(() => answers.size > 60, "answers while the disk is full", 30_000).catch(() => undefined);
      await rm(filler);
      await until(() => fake.pendingUpdates().length === 0, "every press saved and confirmed once space returned", 60_000);
      watcher.stop();
      bot.kill("SIGTERM");
      expect((await bot.waitForExit(15_000)).code, bot.output()).toBe(0);

      const again = await startBot(fake, env, base);
      again.kill("SIGTERM");
      expect((await again.waitForExit(15_000)).code, again.output()).toBe(0);

      const { events } = await openedByStore(dbFile);
      const net = new Map<number, number>();
      for (const e of events) if (e.occurrenceId === occurrenceId) net.set(e.userId, (net.get(e.userId) ?? 0) + (e.type === "join" ? 1 : e.type === "cancel" ? -1 : 0));
      const told = [...answers].filter(([, text]) => text.startsWith("✅ 已报名")).map(([cb]) => userOf.get(cb)!);
      expect(told.filter((id) => net.get(id) !== 1), "told “signed up” but not in the log once").toEqual([]);
      expect(volunteers.filter((id) => net.get(id) !== 1), "a press confirmed but not saved once").toEqual([]);
      const refused = [...answers.values()].filter((t) => !t.startsWith("✅ 已报名")).length;
      await annotate(`sign-ups: told signed up ${told.length}; other answers ${refused}`);
      expect(refused, "the disk never refused a write").toBeGreaterThan(0);
    },
  );
});
