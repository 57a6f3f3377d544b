import { describe, expect, it } from "vitest";
import { Bot, GrammyError, HttpError, InlineKeyboard } from "grammy";
import type { Update } from "grammy/types";
import { DROP, callbackQuery, command, createRecordingApi, errors, makeUser, type UpdateInput } from "../../tools/fake-bot-api/index.js";

function setup() {
  const rec = createRecordingApi();
  const bot = new Bot("123:TEST", { botInfo: rec.botInfo });
  bot.api.config.use(rec.transformer);
  let nextId = 1;
  const handle = (u: UpdateInput) => bot.handleUpdate({ update_id: nextId++, ...u } as Update);
  return { rec, bot, handle };
}

describe("recording transformer", () => {
  it("records the bot's reply without network and answers like Telegram", async () => {
    const { rec, bot, handle } = setup();
    bot.command("start", (ctx) => ctx.reply(`你好，<b>${ctx.from?.first_name}</b>`, { parse_mode: "HTML", reply_markup: new InlineKeyboard().text("报名", "signup:cleanup-day") }));
    const user = makeUser(42, { first_name: "王" });
    await handle(command(user, "/start"));
    expect(rec.calls).toHaveLength(1);
    expect(rec.calls[0]).toMatchObject({ method: "sendMessage", params: { chat_id: 42, text: "你好，<b>王</b>", parse_mode: "HTML" } });
    const [msg] = rec.sentMessages(42);
    expect(msg).toMatchObject({ text: "你好，王", entities: [{ type: "bold", offset: 3, length: 1 }], chat: { id: 42, type: "private" } });
    expect(msg?.reply_markup?.inline_keyboard[0]?.[0]).toEqual({ text: "报名", callback_data: "signup:cleanup-day" });
    const second = await bot.api.sendMessage(42, "again");
    expect(second.message_id).toBe((msg?.message_id ?? 0) + 1);
  });

  it("makes invalid calls throw GrammyError as Telegram would", async () => {
    const { rec, bot, handle } = setup();
    await expect(bot.api.sendMessage(1, "a < b", { parse_mode: "HTML" })).rejects.toBeInstanceOf(GrammyError);
    await expect(bot.api.sendMessage(1, "x", { reply_markup: new InlineKeyboard().text("x", "y".repeat(65)) }))
      .rejects.toMatchObject({ error_code: 400, description: "Bad Request: BUTTON_DATA_INVALID" });
    bot.on("message", (ctx) => ctx.reply(""));
    const err = await handle(command(makeUser(1), "/x")).catch((e: unknown) => e);
    expect((err as { error: unknown }).error).toBeInstanceOf(GrammyError);
    expect(((err as { error: GrammyError }).error).description).toBe("Bad Request: message text is empty");
    expect(rec.calls.map((c) => ("ok" in c.response ? c.response.ok : "dropped"))).toEqual([false, false, false]);
  });

  it("edits on button presses and detects 'message is not modified'", async () => {
    const { rec, bot, handle } = setup();
    bot.callbackQuery("toggle", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "已报名" });
      await ctx.editMessageReplyMarkup({ reply_markup: new InlineKeyboard().text("取消", "toggle") });
    });
    const user = makeUser(5);
    const msg = await bot.api.sendMessage(5, "卫生日", { reply_markup: new InlineKeyboard().text("报名", "toggle") });
    await handle(callbackQuery(user, "toggle", msg));
    expect(rec.sentMessages(5)[0]?.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe("取消");
    const again = await handle(callbackQuery(user, "toggle", msg)).catch((e: unknown) => e);
    expect(((again as { error: GrammyError }).error).description).toMatch(/^Bad Request: message is not modified/);
  });

  it("injects faults", async () => {
    const { rec, bot } = setup();
    rec.blockChat(8);
    await expect(bot.api.sendMessage(8, "x")).rejects.toMatchObject({ error_code: 403 });
    rec.failNext("sendMessage", errors.migrated(-1001));
    await expect(bot.api.sendMessage(-3, "x")).rejects.toMatchObject({ parameters: { migrate_to_chat_id: -1001 } });
    rec.failNext("sendMessage", DROP);
    await expect(bot.api.sendMessage(1, "x")).rejects.toBeInstanceOf(HttpError);
    await expect(bot.api.sendMessage(1, "x")).resolves.toMatchObject({ text: "x" });
    rec.clear();
    expect(rec.calls).toEqual([]);
  });
});
