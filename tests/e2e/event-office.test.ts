/**
 * One-off events (issue 14) with the real process: /event is previewed and confirmed, residents get
 * it with the sign-up button and press it, and after a restart the event and its sign-ups are there.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays, localDateOf } from "../../src/domain/zoned-time.js";
import { callbackQuery, command, createFakeBotApi, makeUser, type FakeBotApi } from "../../tools/fake-bot-api/index.js";
import { ADMIN, TOKEN, botEnv, received, seedDb, startBot, writeStoreFiles } from "../helpers/e2e-store.js";
import { killAll, until } from "../helpers/process.js";

let dir: string;
let api: FakeBotApi;
const admin = makeUser(ADMIN, { first_name: "社区主任" });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "e2e-event-"));
});
afterEach(async () => {
  await killAll();
  await api?.stop();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("/event with the real process", () => {
  it("creates, announces and takes sign-ups for an event; a restart keeps all of it", { timeout: 60_000 }, async () => {
    api = createFakeBotApi({ token: TOKEN });
    await api.start();
    const dbFile = join(dir, "event", "db.json");
    const { db, events } = seedDb({ subscribers: [1001, 1002], admins: [ADMIN] });
    await writeStoreFiles(dbFile, db, events);
    const env = botEnv(api.url!, dbFile);
    let bot = await startBot(api, env, dir);

    const date = addDays(localDateOf(new Date(), "Asia/Shanghai"), 10);
    api.pushUpdate(command(admin, "/event", `${date} 08:30 世界环境日骑行 place=柳河路40号 cap=1`));
    const isPreview = (t?: string) => t?.includes("世界环境日骑行") === true && t.includes("预览");
    await until(() => api.sentMessages(ADMIN).some((m) => isPreview(m.text) && m.reply_markup), "the preview");
    const preview = api.sentMessages(ADMIN).find((m) => isPreview(m.text) && m.reply_markup)!;
    const ok = preview.reply_markup!.inline_keyboard[0]![0] as { callback_data: string };
    api.pushUpdate(callbackQuery(admin, ok.callback_data, preview));

    const ride = (t: string) => t.includes("世界环境日骑行");
    await until(() => received(api, 1001, ride).length === 1 && received(api, 1002, ride).length === 1, "the announcement");
    const copy = api.sentMessages(1001).find((m) => m.text?.includes("世界环境日骑行"))!;
    const join1 = (copy.reply_markup!.inline_keyboard[0]![0] as { callback_data: string }).callback_data;
    expect(join1).toBe(`su:j:e1:${date}`);
    api.pushUpdate(callbackQuery(makeUser(1001), join1, copy));
    const copy2 = api.sentMessages(1002).find((m) => m.text?.includes("世界环境日骑行"))!;
    api.pushUpdate(callbackQuery(makeUser(1002), join1, copy2));
    await until(() => api.calls.filter((c) => c.method === "answerCallbackQuery").length >= 3, "the presses answered");

    bot.kill("SIGTERM");
    await bot.waitForExit(15_000);
    bot = await startBot(api, env, dir);
    api.pushUpdate(command(admin, "/signups", "e1"));
    const roster = (t?: string) => t?.includes("1001") === true && t.includes("世界环境日骑行");
    await until(() => api.sentMessages(ADMIN).some((m) => roster(m.text)), "the roster after the restart");
    const text = api.sentMessages(ADMIN).find((m) => roster(m.text))!.text!;
    expect(text).toMatch(/1001[\s\S]*候补[\s\S]*1002/);
    // announced once: the restart sends nothing again
    expect(received(api, 1001, ride)).toHaveLength(1);
    bot.kill("SIGTERM");
    await bot.waitForExit(15_000);
  });
});
