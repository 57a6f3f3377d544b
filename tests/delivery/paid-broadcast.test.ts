/**
 * Paid broadcast (PAID_BROADCAST=on): the config's pace, and the sender's messages carrying
 * `allow_paid_broadcast` through the app's own wiring (createAppSender), while the bot's replies and
 * edits do not. Off by default: no flag at all.
 */
import { Api } from "grammy";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createAppSender } from "../../src/app-sender.js";
import { parseConfig } from "../../src/config.js";
import { withPaidBroadcast } from "../../src/delivery/paid-broadcast.js";
import { createDeliveriesRepo } from "../../src/store/deliveries-repo.js";
import { createLocaleService } from "../../src/store/locales.js";
import { addBroadcast } from "../../src/store/outbox-repo.js";
import { createRecordingApi } from "../../tools/fake-bot-api/index.js";
import { createTestTranslate } from "../helpers/fluent.js";
import { createWorld, NOW, range, type World } from "./setup.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe("paid broadcast", () => {
  it("is off unless PAID_BROADCAST=on; on, the pace defaults to Telegram's 1,000 a second; a bad value is a clear error", () => {
    const base = { BOT_TOKEN: "123:TEST" };
    expect(parseConfig(base).delivery).toEqual({ perSecond: 30, groupPerMinute: 20, concurrency: 8 });
    expect(parseConfig({ ...base, PAID_BROADCAST: "off" }).delivery.paid).toBeUndefined();
    expect(parseConfig({ ...base, PAID_BROADCAST: "on" }).delivery).toEqual({ perSecond: 1000, groupPerMinute: 20, concurrency: 100, paid: true });
    expect(parseConfig({ ...base, PAID_BROADCAST: "ON", SEND_RATE_PER_SECOND: "300", SEND_CONCURRENCY: "40" }).delivery).toEqual({ perSecond: 300, groupPerMinute: 20, concurrency: 40, paid: true });
    expect(() => parseConfig({ ...base, PAID_BROADCAST: "maybe" })).toThrow(/PAID_BROADCAST must be on or off/);
    expect(() => parseConfig({ ...base, SEND_RATE_PER_SECOND: "5000" })).toThrow(/at most 1000 messages a second/);
  });

  it("flags the broadcast's sends (text, photo, poll) and nothing else; the Api it was made from is untouched", async () => {
    const rec = createRecordingApi();
    const api = new Api("123:TEST");
    api.config.use(rec.transformer);
    const paid = withPaidBroadcast(api);
    await paid.sendMessage(7, "通知");
    await paid.sendPoll(7, "知道吗？", [{ text: "知道" }, { text: "不知道" }]);
    await paid.editMessageText(7, 1, "改过的通知");
    await api.sendMessage(7, "a reply");
    const flags = rec.calls.map((c) => [c.method, c.params.allow_paid_broadcast]);
    expect(flags).toEqual([["sendMessage", true], ["sendPoll", true], ["editMessageText", undefined], ["sendMessage", undefined]]);
    expect(rec.calls.every((c) => "ok" in c.response && c.response.ok)).toBe(true); // the Bot API accepts the flag
  });

  for (const paid of [true, false]) {
    it(`the app's sender ${paid ? "sends every message of a broadcast with the flag" : "sends without it when off"}`, async () => {
      const ids = range(9100, 5);
      world = await createWorld(ids);
      const w = world;
      const api = new Api("123:TEST");
      api.config.use(w.rec.transformer);
      const { sender } = createAppSender({
        deliveries: createDeliveriesRepo(w.store),
        api,
        log: pino({ level: "silent" }),
        now: () => NOW,
        rate: { perSecond: 1000, groupPerMinute: 20, concurrency: 4, ...(paid ? { paid: true } : {}) },
        locales: createLocaleService(w.store),
        translate: (locale) => createTestTranslate(locale),
      });
      await w.store.write((db) => addBroadcast(db, { kind: "adhoc", text: { zh: "周六卫生日", en: "Cleanup Saturday" }, recipients: ids }, NOW), "durable");
      sender.start();
      sender.kick();
      await expect.poll(() => w.rec.calls.filter((c) => c.method === "sendMessage").length, { timeout: 10_000 }).toBe(ids.length);
      await sender.stop();
      const sends = w.rec.calls.filter((c) => c.method === "sendMessage");
      expect(sends.map((c) => c.params.allow_paid_broadcast)).toEqual(ids.map(() => (paid ? true : undefined)));
    });
  }
});
