/**
 * kill -9 right after a language was chosen (issue 12): the language is on disk after the restart,
 * whether the person pressed English under /lang or it was remembered from Telegram's language with
 * their first sign-up (which once set it on an object the store's change tracking never saw).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message } from "grammy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { callbackQuery, command, createFakeBotApi, makeUser, type FakeBotApi } from "../../tools/fake-bot-api/index.js";
import { ADMIN, TOKEN, botEnv, crash, localDate, readStore, seedDb, startBot, watchCalls, writeDataDir, writeStoreFiles } from "../helpers/e2e-store.js";
import { killAll, until } from "../helpers/process.js";

const RESIDENT = 5001;
const AT = "2026-01-01T00:00:00.000Z";
let dir: string;
let api: FakeBotApi;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "e2e-crash-language-"));
});
afterEach(async () => {
  await killAll();
  await api?.stop();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A store where the resident is subscribed but never chose a language. */
async function seed(dbFile: string): Promise<void> {
  const { db } = seedDb({ admins: [ADMIN] });
  db.chats[String(RESIDENT)] = { id: RESIDENT, type: "private", subscribed: true, active: true, since: AT, updatedAt: AT };
  db.users[String(RESIDENT)] = { id: RESIDENT, firstName: "Anna", seenAt: AT };
  await writeStoreFiles(dbFile, db);
}

/** Starts the bot, runs `act`, and kills it with SIGKILL at the first answerCallbackQuery. */
async function killAtAnswer(name: string, act: () => void, extra: Record<string, string> = {}): Promise<string> {
  const dbFile = join(dir, name, "db.json");
  await seed(dbFile);
  const env = botEnv(api.url!, dbFile, extra);
  const bot = await startBot(api, env, dir);
  let answered = false;
  const watcher = watchCalls(api, (c) => {
    if (c.method !== "answerCallbackQuery" || answered) return;
    answered = true;
    bot.kill("SIGKILL");
  });
  act();
  await until(() => answered, "the press answered", 20_000);
  watcher.stop();
  await crash(bot, dbFile);
  return dbFile;
}

describe("kill -9 right after a language is chosen", () => {
  it("keeps English chosen with the /lang buttons", { timeout: 60_000 }, async () => {
    api = createFakeBotApi({ token: TOKEN });
    await api.start();
    const anna = makeUser(RESIDENT, { first_name: "Anna", language_code: "zh" });
    const dbFile = await killAtAnswer("lang", () => {
      api.pushUpdate(callbackQuery(anna, "lang:en", { message_id: 1, date: 0, chat: { id: RESIDENT, type: "private", first_name: "Anna" } } as Message));
    });
    const { db } = await readStore(dbFile);
    expect(db.users[String(RESIDENT)]?.lang).toBe("en");
    expect(db.chats[String(RESIDENT)]?.lang).toBe("en");
  });

  it("keeps the language remembered with a first sign-up", { timeout: 60_000 }, async () => {
    api = createFakeBotApi({ token: TOKEN });
    await api.start();
    const date = localDate(10);
    const dataDir = await writeDataDir(join(dir, "data"), { date, time: "08:30", reminders: [{ id: "eve", dayOffset: -1, time: "19:00" }] });
    const anna = makeUser(RESIDENT, { first_name: "Anna", language_code: "en" });
    const dbFile = await killAtAnswer(
      "signup",
      () => {
        api.pushUpdate(command(makeUser(ADMIN), "/sendnow", "cleanup-day"));
        void until(() => api.sentMessages(RESIDENT).some((m) => m.reply_markup !== undefined), "the reminder", 20_000).then(() => {
          const reminder = api.sentMessages(RESIDENT).find((m) => m.reply_markup !== undefined)!;
          api.pushUpdate(callbackQuery(anna, `su:j:cleanup-day:${date}`, reminder));
        });
      },
      { DATA_DIR: dataDir },
    );
    const { db } = await readStore(dbFile);
    expect(db.users[String(RESIDENT)]?.lang).toBe("en");
  });
});
