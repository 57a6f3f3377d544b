/**
 * The production path of a waitlist promotion: the sign-up feature puts the message in the outbox,
 * and the sender (over the deliveries repository) delivers it to the promoted volunteer, once.
 */
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createSender, type Sender } from "../../src/delivery/sender.js";
import { signupCallbackData } from "../../src/domain/signups/buttons.js";
import { createDeliveriesRepo } from "../../src/store/deliveries-repo.js";
import { callbackQuery, makeUser } from "../../tools/fake-bot-api/index.js";
import { setupSignupBot, GROUP, PEST } from "../bot/signups-setup.js";
import { createTestTranslate } from "../helpers/fluent.js";

let o: Awaited<ReturnType<typeof setupSignupBot>> | undefined;
let sender: Sender | undefined;
afterEach(async () => {
  await sender?.stop();
  await o?.close();
  sender = undefined;
  o = undefined;
});

describe("a waitlist promotion through the outbox", () => {
  it("is delivered by the sender to the promoted volunteer once, with the place, and the broadcast is done", async () => {
    o = await setupSignupBot({ outbox: true });
    const s = o;
    sender = createSender({
      deliveries: createDeliveriesRepo(s.store),
      api: s.bot.api,
      log: pino({ level: "silent" }),
      now: () => s.clock.now,
      rate: { perSecond: 1000, groupPerMinute: 20, concurrency: 2 },
      localeOf: (id) => s.store.data.users[String(id)]?.lang ?? "zh",
      translate: (locale) => createTestTranslate(locale),
    });
    const reminder = await s.postReminder(GROUP, PEST);
    for (let u = 1001; u <= 1020; u++) await s.handle(callbackQuery(makeUser(u), signupCallbackData("join", PEST), reminder));
    await s.handle(callbackQuery(makeUser(2000), signupCallbackData("join", PEST), reminder));
    await s.handle(callbackQuery(makeUser(1005), signupCallbackData("cancel", PEST), reminder));
    expect(s.sends(2000)).toEqual([]); // not sent directly
    await expect.poll(() => Object.values(s.store.data.broadcasts).filter((b) => b.kind === "personal").length).toBe(1);
    sender.start();
    await sender.idle();
    const told = s.sends(2000);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain("你已从候补转为正式报名：11月11日（周三）09:00 除四害日 — 第 20 位");
    expect(told[0]).toContain("📍");
    const [b] = Object.values(s.store.data.broadcasts).filter((x) => x.kind === "personal");
    expect(b?.status).toBe("done");
    expect(b?.counts).toEqual({ total: 1, sent: 1, failed: 0, blocked: 0 });
    // a second start finds nothing more to send
    sender.kick();
    await sender.idle();
    expect(s.sends(2000)).toHaveLength(1);
  });
});
