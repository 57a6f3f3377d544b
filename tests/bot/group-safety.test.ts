import type { Message } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callbackQuery, command, makeGroup, makeUser } from "../../tools/fake-bot-api/index.js";
import { createTestBot, type TestBot } from "../helpers/bot-harness.js";
import { createTestTranslate } from "../helpers/fluent.js";

const STAFF = 2;
const GROUP = makeGroup(-300, "3号楼");
const NOW = new Date("2026-11-27T02:00:00.000Z");
const zh = createTestTranslate("zh");
let h: TestBot;

beforeEach(async () => {
  h = await createTestBot({
    now: () => NOW,
    seed: (db) => {
      db.roles[String(STAFF)] = "staff";
    },
    features: () => [],
  });
});
afterEach(async () => {
  await h.close();
});

const texts = (chatId: number) => h.rec.sentMessages(chatId).map((m) => m.text);

// /start, /lang and the language buttons are part of every bot (createBot installs them)
describe("group safety", () => {
  it("a member's /start@bot does not undo the staff's /stop; an anonymous admin's does", async () => {
    await h.send(command(makeUser(301), "/start@test_bot", undefined, GROUP));
    expect(h.store.data.chats["-300"]?.subscribed).toBe(true);
    await h.send(command(makeUser(STAFF), "/stop", undefined, GROUP));
    expect(h.store.data.chats["-300"]?.subscribed).toBe(false);
    await h.send(command(makeUser(301), "/start@test_bot", undefined, GROUP));
    expect(h.store.data.chats["-300"]?.subscribed).toBe(false);
    expect(texts(-300).at(-1)).toBe(zh("group-start-admins"));
    const anonymous = command({ id: 1087968824, is_bot: true, first_name: "Group" }, "/start@test_bot", undefined, GROUP);
    (anonymous.message as Message).sender_chat = GROUP;
    await h.send(anonymous);
    expect(h.store.data.chats["-300"]?.subscribed).toBe(true);
  });

  it("a member can neither open nor press the group's language buttons; staff can", async () => {
    await h.send(command(makeUser(301), "/start", undefined, GROUP));
    await h.send(command(makeUser(302), "/lang", undefined, GROUP));
    expect(texts(-300).at(-1)).toBe(zh("group-lang-admins"));
    await h.send(command(makeUser(STAFF), "/lang", undefined, GROUP));
    const keyboard = h.rec.sentMessages(-300).at(-1)!;
    expect(keyboard.reply_markup?.inline_keyboard[0]?.map((b) => (b as { callback_data: string }).callback_data)).toEqual(["lang:zh", "lang:en"]);
    await h.send(callbackQuery(makeUser(302), "lang:en", keyboard));
    expect(h.store.data.chats["-300"]?.lang).not.toBe("en");
    const alert = h.rec.calls.filter((c) => c.method === "answerCallbackQuery").at(-1);
    expect(alert?.params).toMatchObject({ text: zh("group-lang-admins"), show_alert: true });
    await h.send(callbackQuery(makeUser(STAFF), "lang:en", keyboard));
    expect(h.store.data.chats["-300"]?.lang).toBe("en");
  });
});
