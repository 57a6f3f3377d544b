/**
 * A disk that fills up under the real process (issue 13): the store's folder is a small tmpfs, a
 * burst of /start fills it, space is freed while the bot runs, then a stop and a start. Nothing a
 * user was told is saved may be lost, and the bot must start again.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { command, createFakeBotApi, makeUser, type FakeBotApi } from "../../tools/fake-bot-api/index.js";
import { ADMIN, TOKEN, botEnv, ids, openedByStore, received, startBot, writeStore } from "../helpers/e2e-store.js";
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
