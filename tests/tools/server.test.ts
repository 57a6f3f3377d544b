import { afterEach, describe, expect, it } from "vitest";
import { Bot, GrammyError, InlineKeyboard, InputFile } from "grammy";
import type { Update } from "grammy/types";
import { DROP, callbackQuery, command, createFakeBotApi, errors, makeUser, privateMessage, type FakeBotApi, type UploadedFile } from "../../tools/fake-bot-api/index.js";

const TOKEN = "123:TEST";
let api: FakeBotApi;
let root: string;

async function call(method: string, body: Record<string, unknown> = {}, token = TOKEN): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${root}/bot${token}/${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function startApi(options: Parameters<typeof createFakeBotApi>[0] = {}): Promise<void> {
  api = createFakeBotApi(options);
  root = (await api.start()).url;
}

afterEach(async () => {
  await api.stop();
});

describe("fake Bot API server", () => {
  it("answers getMe, refuses a wrong token and unknown methods", async () => {
    await startApi();
    expect(root).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const me = await call("getMe");
    expect(me.status).toBe(200);
    expect((me.json.result as { username: string }).username).toBe("test_bot");
    expect(await call("getMe", {}, "999:WRONG")).toEqual({ status: 401, json: { ok: false, error_code: 401, description: "Unauthorized" } });
    expect(await call("sendMesage", { chat_id: 1, text: "x" })).toEqual({ status: 404, json: { ok: false, error_code: 404, description: "Not Found" } });
    const invalid = await call("sendMessage", { chat_id: 1, text: "<b>x", parse_mode: "HTML" });
    expect(invalid.status).toBe(400);
    expect(invalid.json.description).toMatch(/^Bad Request: can't parse entities/);
    expect(api.calls.map((c) => c.method)).toEqual(["getMe", "sendMesage", "sendMessage"]);
  });

  it("stores messages: edit, not modified, delete", async () => {
    await startApi();
    const markup = { inline_keyboard: [[{ text: "报名", callback_data: "s:1" }]] };
    const sent = await call("sendMessage", { chat_id: 7, text: "<b>卫生日</b>", parse_mode: "HTML", reply_markup: markup });
    const msg = sent.json.result as { message_id: number; text: string; entities: unknown[] };
    expect(msg.text).toBe("卫生日");
    expect(msg.entities).toEqual([{ type: "bold", offset: 0, length: 3 }]);
    const same = await call("editMessageText", { chat_id: 7, message_id: msg.message_id, text: "<strong>卫生日</strong>", parse_mode: "HTML", reply_markup: markup });
    expect(same.json.description).toBe("Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
    const edited = await call("editMessageText", { chat_id: 7, message_id: msg.message_id, text: "已报名" });
    expect(edited.json.ok).toBe(true);
    expect(api.sentMessages(7)).toMatchObject([{ message_id: msg.message_id, text: "已报名" }]);
    expect(api.sentMessages(7)[0]?.reply_markup).toBeUndefined(); // an edit without markup removes it
    expect((await call("editMessageReplyMarkup", { chat_id: 7, message_id: msg.message_id })).json.description).toMatch(/not modified/);
    expect((await call("editMessageText", { chat_id: 7, message_id: 999, text: "x" })).json.description).toBe("Bad Request: message to edit not found");
    expect((await call("deleteMessage", { chat_id: 7, message_id: msg.message_id })).json).toEqual({ ok: true, result: true });
    expect((await call("deleteMessage", { chat_id: 7, message_id: msg.message_id })).json.description).toBe("Bad Request: message to delete not found");
    expect(api.sentMessages(7)).toEqual([]);
  });

  it("delivers pushed updates by long polling; offset confirms them", async () => {
    await startApi();
    const pending = call("getUpdates", { timeout: 5 });
    await new Promise((r) => setTimeout(r, 50));
    const pushed = api.pushUpdate(privateMessage(makeUser(5), "下次卫生日是哪天"));
    const first = await pending;
    expect((first.json.result as Update[]).map((u) => u.update_id)).toEqual([pushed.update_id]);
    api.pushUpdate(privateMessage(makeUser(5), "second"));
    const again = await call("getUpdates", {});
    expect((again.json.result as Update[]).length).toBe(2); // not confirmed yet
    const last = (again.json.result as Update[])[1] as Update;
    expect((await call("getUpdates", { offset: last.update_id + 1 })).json.result).toEqual([]);
    expect(api.pendingUpdates()).toEqual([]);
    api.pushUpdate({ chat_member: {} as never });
    expect((await call("getUpdates", { offset: last.update_id + 1 })).json.result).toEqual([]); // chat_member not wanted by default
  });

  it("answers the older of two concurrent getUpdates with 409 Conflict", async () => {
    await startApi();
    const older = call("getUpdates", { timeout: 5 });
    await new Promise((r) => setTimeout(r, 50));
    const newer = call("getUpdates", { timeout: 5 });
    const conflict = await older;
    expect(conflict.status).toBe(409);
    expect(conflict.json.description).toBe("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
    api.pushUpdate(privateMessage(makeUser(5), "hi"));
    expect(((await newer).json.result as Update[]).length).toBe(1);
  });

  it("runs a real grammY bot with long polling", async () => {
    await startApi();
    const bot = new Bot(TOKEN, { client: { apiRoot: root } });
    bot.command("start", (ctx) => ctx.reply("欢迎 <b>订阅</b>", { parse_mode: "HTML", reply_markup: new InlineKeyboard().text("English", "lang:en") }));
    bot.callbackQuery(/^lang:/, async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText("Welcome");
    });
    const running = bot.start({ timeout: 1 });
    try {
      const user = makeUser(77, { language_code: "zh" });
      const sent = api.waitForCall((c) => c.method === "sendMessage");
      api.pushUpdate(command(user, "/start"));
      expect((await sent).params).toMatchObject({ chat_id: 77, text: "欢迎 <b>订阅</b>" });
      const msg = api.sentMessages(77)[0];
      expect(msg?.text).toBe("欢迎 订阅");
      const edited = api.waitForCall((c) => c.method === "editMessageText");
      api.pushUpdate(callbackQuery(user, "lang:en", msg!));
      expect((await edited).response).toMatchObject({ ok: true, result: { text: "Welcome" } });
      expect(api.calls.find((c) => c.method === "answerCallbackQuery")?.response).toEqual({ ok: true, result: true });
    } finally {
      await bot.stop();
      await running;
    }
    expect(api.pendingUpdates()).toEqual([]); // bot.stop() confirmed the offset
  });

  it("limits the rate with 429 and retry_after", async () => {
    let now = 1_800_000_000_000; // the server's clock, moved by the test (a whole second)
    await startApi({ rateLimit: { perSecond: 3, perGroupPerMinute: 2 }, now: () => now });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call("sendMessage", { chat_id: 1, text: `m${i}` })).status);
    // within one second the first three pass
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = api.calls.find((c) => "ok" in c.response && !c.response.ok);
    expect(limited?.response).toMatchObject({ ok: false, error_code: 429, parameters: { retry_after: 1 } });
    now += 1_000; // the next second: three more, the group's third within its minute refused
    const group = [];
    for (let i = 0; i < 3; i++) group.push(await call("sendMessage", { chat_id: -5, text: `g${i}` }));
    expect(group.map((g) => g.status)).toEqual([200, 200, 429]);
    expect((group[2]?.json.parameters as { retry_after: number }).retry_after).toBe(60);
    now += 60_000; // the group's minute is over
    expect((await call("sendMessage", { chat_id: -5, text: "g3" })).status).toBe(200);
  });

  it("injects faults: blocked, migrated, 429, 502 and dropped connections", async () => {
    await startApi();
    const bot = new Bot(TOKEN, { client: { apiRoot: root } });
    api.blockChat(9);
    await expect(bot.api.sendMessage(9, "x")).rejects.toMatchObject({ error_code: 403, description: "Forbidden: bot was blocked by the user" });
    api.migrateChat(-55, -1005500000000);
    const migrated = await bot.api.sendMessage(-55, "x").catch((e: unknown) => e);
    expect(migrated).toBeInstanceOf(GrammyError);
    expect((migrated as GrammyError).parameters.migrate_to_chat_id).toBe(-1005500000000);
    api.failNext("sendMessage", errors.tooManyRequests(7));
    await expect(bot.api.sendMessage(1, "x")).rejects.toMatchObject({ error_code: 429, parameters: { retry_after: 7 } });
    api.failNext("*", errors.badGateway());
    const gw = await call("sendChatAction", { chat_id: 1, action: "typing" });
    expect(gw).toEqual({ status: 502, json: { ok: false, error_code: 502, description: "Bad Gateway" } });
    api.failNext("sendMessage", DROP);
    await expect(call("sendMessage", { chat_id: 1, text: "x" })).rejects.toThrow();
    api.behaviour = (method, params) => (method === "sendMessage" && params.chat_id === 2 ? errors.blocked() : undefined);
    expect((await call("sendMessage", { chat_id: 2, text: "x" })).status).toBe(403);
    expect((await call("sendMessage", { chat_id: 1, text: "x" })).status).toBe(200);
  });

  it("accepts multipart uploads from grammY", async () => {
    await startApi();
    const bot = new Bot(TOKEN, { client: { apiRoot: root } });
    const bytes = new TextEncoder().encode("metric,value\n知晓率,94\n");
    const msg = await bot.api.sendDocument(3, new InputFile(bytes, "progress.csv"), { caption: "<b>导出</b>", parse_mode: "HTML" });
    expect(msg.document?.file_name).toBe("progress.csv");
    expect(msg.caption).toBe("导出");
    const doc = api.calls.at(-1)?.params.document as UploadedFile;
    expect(doc.filename).toBe("progress.csv");
    expect(doc.size).toBe(bytes.length);
    expect(new TextDecoder().decode(doc.bytes)).toBe("metric,value\n知晓率,94\n");
    expect(api.calls.at(-1)?.params.chat_id).toBe("3");
  });
});
