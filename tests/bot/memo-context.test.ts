import { Api, Context } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { MemoContext } from "../../src/bot/memo-context.js";

const me = { id: 42, is_bot: true, first_name: "Bot", username: "bot" } as UserFromGetMe;
const api = new Api("1:x");
const user = { id: 7, is_bot: false, first_name: "A" };
const group = { id: -100, type: "group" as const, title: "G" };
const message = { message_id: 1, date: 0, chat: group, from: user, text: "hi" };

const updates: Record<string, Update> = {
  message: { update_id: 1, message },
  callback: { update_id: 2, callback_query: { id: "c", from: user, chat_instance: "i", data: "x", message } },
  member: { update_id: 3, my_chat_member: { chat: group, from: user, date: 0, old_chat_member: { status: "left", user }, new_chat_member: { status: "member", user } } },
  poll: { update_id: 4, poll_answer: { poll_id: "p", user, option_ids: [0], option_persistent_ids: ["a"] } },
  channel: { update_id: 5, channel_post: { message_id: 2, date: 0, chat: { id: -200, type: "channel", title: "C" }, text: "x" } },
};

describe("MemoContext", () => {
  it.each(Object.keys(updates))("answers msg, chat and from as grammY's Context does (%s), on every read", (kind) => {
    const update = updates[kind]!;
    const plain = new Context(update, api, me);
    const memo = new MemoContext(update, api, me);
    for (let read = 0; read < 2; read++) {
      expect(memo.msg).toBe(plain.msg);
      expect(memo.chat).toBe(plain.chat);
      expect(memo.from).toBe(plain.from);
      expect(memo.chatId).toBe(plain.chatId);
    }
  });

  it("is the class of the bot's contexts", async () => {
    const { createBot } = await import("../../src/bot/create-bot.js");
    const { createI18n } = await import("../../src/bot/i18n.js");
    const seen: unknown[] = [];
    const bot = createBot({
      token: "1:x", botInfo: me, i18n: createI18n("locales"), rateLimit: false,
      deps: { users: { touch: () => Promise.resolve() }, locales: { forUpdate: () => Promise.resolve("zh") } } as never,
      features: [],
    });
    bot.use((ctx) => void seen.push(ctx));
    await bot.handleUpdate(updates.poll!);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(MemoContext);
  });
});
