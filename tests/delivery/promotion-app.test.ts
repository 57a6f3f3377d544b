/**
 * A waitlist promotion on the path production wires: createApp's bot, outbox and sender (the
 * outbox wakes the sender), every Bot API call, the bot's and the sender's, answered and recorded
 * in one place (the app harness passes the recording API to createApp as its `fetch`). A cancel
 * promotes the first waiting volunteer; the message goes out once, through the outbox and the
 * sender, never directly.
 */
import { afterEach, describe, expect, it } from "vitest";
import { signupCallbackData, signupKeyboard } from "../../src/domain/signups/buttons.js";
import { callbackQuery, makeUser } from "../../tools/fake-bot-api/index.js";
import { createAppHarness, type AppHarness } from "../bot/app-harness.js";
import { EVE, GROUP, PEST } from "../bot/signups-setup.js";

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("a waitlist promotion through createApp's outbox and sender", () => {
  it("a cancel promotes the first waiting volunteer, who is told once by the sender, not directly", async () => {
    const w = (h = await createAppHarness(EVE));
    const { app, rec, store } = w;
    const sendsTo = (chatId: number) => rec.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === chatId);

    const reminder = await app.bot.api.sendMessage(GROUP, "【除四害】明天 09:00", { reply_markup: signupKeyboard(PEST) });
    for (let u = 1001; u <= 1020; u++) await w.send(callbackQuery(makeUser(u), signupCallbackData("join", PEST), reminder));
    await w.send(callbackQuery(makeUser(2000), signupCallbackData("join", PEST), reminder)); // full: waitlisted
    const sent = rec.calls.length;
    await w.send(callbackQuery(makeUser(1005), signupCallbackData("cancel", PEST), reminder));

    // the promotion is saved in the outbox, and the outbox wakes the sender, which delivers it
    await expect.poll(() => Object.values(store.data.broadcasts).filter((b) => b.kind === "personal" && b.status === "done").length, { timeout: 10_000 }).toBe(1);
    await app.sender.idle();
    const told = sendsTo(2000);
    expect(told).toHaveLength(1);
    expect(String(told[0]?.params.text)).toContain("你已从候补转为正式报名：11月11日（周三）09:00 除四害日 — 第 20 位");
    const [b] = Object.values(store.data.broadcasts).filter((x) => x.kind === "personal");
    expect(b?.counts).toEqual({ total: 1, sent: 1, failed: 0, blocked: 0 });
    expect(app.sender.stats().sent).toBe(1); // by the sender, not by the feature directly
    expect(rec.calls.slice(sent).filter((c) => c.method === "sendMessage" && c.params.chat_id !== 2000)).toEqual([]);
    // nothing more goes out on another wake
    app.sender.kick();
    await app.sender.idle();
    expect(sendsTo(2000)).toHaveLength(1);
  });
});
