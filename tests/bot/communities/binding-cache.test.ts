/** The router's memory of chats' communities (bounded, trusted for a while) and how it finds an update's chat. */
import { describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { createBindingCache } from "../../../src/bot/communities/binding-cache.js";
import { isPrivateForgetMe, startPayload, updateChat } from "../../../src/bot/communities/update-chat.js";
import type { ChatCommunitiesRepo } from "../../../src/store/chat-communities-repo.js";
import { callbackQuery, command, makeGroup, makeUser, type UpdateInput } from "../../../tools/fake-bot-api/index.js";

function countingRepo(): ChatCommunitiesRepo & { reads: number; rows: Map<number, string> } {
  const rows = new Map<number, string>();
  const repo = {
    reads: 0, rows,
    communityOf: (id: number) => {
      repo.reads++;
      return Promise.resolve(rows.get(id));
    },
    bind: (id: number, c: string) => Promise.resolve(void rows.set(id, c)),
    unbind: (id: number) => Promise.resolve(void rows.delete(id)),
  };
  return repo;
}

const asUpdate = (u: UpdateInput): Update => ({ update_id: 1, ...u }) as Update;

describe("the binding cache", () => {
  it("answers from memory for ttl, bounded to max chats, and follows its own binds at once", async () => {
    const repo = countingRepo();
    const clock = { t: 0 };
    const cache = createBindingCache(repo, { max: 2, ttlMs: 1_000, now: () => clock.t });
    repo.rows.set(1, "a");
    expect([await cache.communityOf(1), await cache.communityOf(1), repo.reads]).toEqual(["a", "a", 1]);
    repo.rows.set(1, "b"); // rebound on another instance
    clock.t = 999;
    expect(await cache.communityOf(1)).toBe("a");
    clock.t = 1_000;
    expect(await cache.communityOf(1)).toBe("b");
    await cache.bind(2, "a");
    expect([await cache.communityOf(2), repo.reads]).toEqual(["a", 2]);
    await cache.communityOf(3); // the least recently used (1) is dropped
    await cache.communityOf(1);
    expect(repo.reads).toBe(4);
    await cache.unbind(1);
    expect(await cache.communityOf(1)).toBeUndefined();
    expect(repo.reads).toBe(4);
  });
});

describe("an update's chat", () => {
  const user = makeUser(7);
  const group = makeGroup(-9);
  it("is the message's chat, the pressed message's chat, or the presser's private chat", () => {
    expect(updateChat(asUpdate(command(user, "/help")))).toEqual({ chatId: 7, group: false });
    expect(updateChat(asUpdate(command(user, "/help", undefined, group)))).toEqual({ chatId: -9, group: true });
    const message = { message_id: 3, date: 0, chat: group, text: "x" };
    expect(updateChat(asUpdate(callbackQuery(user, "x", message)))).toEqual({ chatId: -9, group: true });
    expect(updateChat(asUpdate({ poll_answer: { poll_id: "p", user, option_ids: [0] } } as UpdateInput))).toEqual({ chatId: 7, group: false });
  });
  it("reads /start's payload only when addressed to this bot; /forgetme only in a private chat", () => {
    expect(startPayload(asUpdate(command(user, "/start", "liuhe")), "test_bot")).toBe("liuhe");
    expect(startPayload(asUpdate(command(user, "/start")), "test_bot")).toBeUndefined();
    expect(startPayload(asUpdate({ message: { message_id: 1, date: 0, chat: group, from: user, text: "/start@other_bot b" } }), "test_bot")).toBeUndefined();
    expect(startPayload(asUpdate({ message: { message_id: 1, date: 0, chat: group, from: user, text: "/start@Test_Bot b" } }), "test_bot")).toBe("b");
    expect(isPrivateForgetMe(asUpdate(command(user, "/forgetme")))).toBe(true);
    expect(isPrivateForgetMe(asUpdate(command(user, "/forgetme", undefined, group)))).toBe(false);
  });
});
