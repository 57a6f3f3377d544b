/**
 * Staff run the office from the chat (issue 14), with the real process: a broadcast kept for a later
 * time is sent once after a restart (the bot was down at its time), and a notice to one compound
 * reaches only that compound's residents.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { callbackQuery, command, createFakeBotApi, makeUser, type FakeBotApi } from "../../tools/fake-bot-api/index.js";
import { ADMIN, TOKEN, botEnv, received, seedDb, startBot, writeStoreFiles } from "../helpers/e2e-store.js";
import { killAll, until } from "../helpers/process.js";
import { formatDate } from "../../src/domain/notice-text.js";
import { addDays, nextOccurrence } from "../../src/domain/recurrence.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";

let dir: string;
let api: FakeBotApi;
const admin = makeUser(ADMIN, { first_name: "社区主任" });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "e2e-office-"));
});
afterEach(async () => {
  await killAll();
  await api?.stop();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("staff office with the real process", () => {
  it("sends a scheduled notice missed while down once at start, and a to= notice only to its compound", { timeout: 60_000 }, async () => {
    api = createFakeBotApi({ token: TOKEN });
    await api.start();
    const dbFile = join(dir, "office", "db.json");
    const { db, events } = seedDb({ subscribers: [1001, 1002, 1003], admins: [ADMIN] });
    db.users["1001"]!.compound = "liudong";
    db.users["1002"]!.compound = "liuhe40";
    const at = new Date(Date.now() - 60_000).toISOString(); // due a minute ago, while the bot was down
    db.office.scheduled.s1 = {
      id: "s1", at, createdBy: ADMIN, createdAt: at, text: "今晚19:00停电检修", to: ["liudong"],
      progress: { chatId: ADMIN, lang: "zh" }, status: "waiting",
    };
    db.office.nextScheduled = 2;
    await writeStoreFiles(dbFile, db, events);
    const env = botEnv(api.url!, dbFile);
    let bot = await startBot(api, env, dir);

    const late = (t: string) => t === "今晚19:00停电检修";
    await until(() => received(api, 1001, late).length === 1, "the scheduled notice at start");
    expect(received(api, 1002, late)).toHaveLength(0);
    expect(received(api, 1003, late)).toHaveLength(0);

    api.pushUpdate(command(admin, "/broadcast", "to=柳河路40号 明天上午水箱清洗，9:00–12:00停水"));
    await until(() => api.sentMessages(ADMIN).some((m) => m.reply_markup !== undefined && m.text?.includes("柳河路40号")), "the preview");
    const preview = api.sentMessages(ADMIN).find((m) => m.reply_markup !== undefined && m.text?.includes("柳河路40号"))!;
    expect(preview.text).toContain("共 1 个订阅者");
    const ok = preview.reply_markup!.inline_keyboard[0]![0] as { callback_data: string };
    api.pushUpdate(callbackQuery(admin, ok.callback_data, preview));
    const water = (t: string) => t.startsWith("明天上午水箱清洗");
    await until(() => received(api, 1002, water).length === 1, "the compound's notice");

    bot.kill("SIGTERM");
    await bot.waitForExit(15_000);
    bot = await startBot(api, env, dir); // a restart sends nothing again
    await new Promise((r) => setTimeout(r, 1500));
    expect(received(api, 1001, late)).toHaveLength(1);
    expect(received(api, 1001, water)).toHaveLength(0);
    expect(received(api, 1003, water)).toHaveLength(0);
    expect(received(api, 1002, water)).toHaveLength(1);
    bot.kill("SIGTERM");
    await bot.waitForExit(15_000);
  });

  it("a move with a person signed up holds across a restart", { timeout: 60_000 }, async () => {
    api = createFakeBotApi({ token: TOKEN });
    await api.start();
    const dbFile = join(dir, "move", "db.json");
    const { db, events } = seedDb({ subscribers: [1001], admins: [ADMIN] });
    await writeStoreFiles(dbFile, db, events);
    const env = botEnv(api.url!, dbFile);
    let bot = await startBot(api, env, dir);
    const catalog = await loadNoticeCatalog("data");
    const pest = catalog.notices.find((n) => n.id === "pest-control")!;
    const from = nextOccurrence(pest, catalog.timezone, new Date(Date.now() + 86_400_000))!.date;
    const to = addDays(from, 1);
    const resident = makeUser(1001, { first_name: "王芳", language_code: "zh" });
    const chat = { message_id: 1, date: 0, chat: { id: 1001, type: "private" as const, first_name: "王芳" } };
    api.pushUpdate(callbackQuery(resident, `su:j:pest-control:${from}`, chat));
    // the join is a button press: answered, nothing sent; give it a moment before the move
    await new Promise((r) => setTimeout(r, 1000));
    api.pushUpdate(command(admin, "/move", `pest-control ${from} ${to} 10:00`));
    const isPreview = (m: { text?: string; reply_markup?: unknown }) => m.reply_markup !== undefined && (m.text?.includes("改期预览") ?? false);
    await until(() => api.sentMessages(ADMIN).some(isPreview), "the move preview");
    const preview = api.sentMessages(ADMIN).find(isPreview)!;
    expect(preview.text).toContain("已报名 1 人");
    const ok = preview.reply_markup!.inline_keyboard[0]![0] as { callback_data: string };
    api.pushUpdate(callbackQuery(admin, ok.callback_data, preview));
    const newDay = formatDate(to, catalog.timezone, "zh");
    await until(() => received(api, 1001, (t) => t.includes("活动改期") && t.includes(newDay)).length === 1, "the resident is told");

    bot.kill("SIGTERM");
    await bot.waitForExit(15_000);
    bot = await startBot(api, env, dir);
    api.pushUpdate(command(resident, "/my"));
    await until(() => received(api, 1001, (t) => t.includes("除四害日") && t.includes(newDay) && !t.includes("活动改期")).length >= 1, "/my after the restart");
    expect(received(api, 1001, (t) => t.includes("活动改期"))).toHaveLength(1);
    bot.kill("SIGTERM");
    await bot.waitForExit(15_000);
  });
});
