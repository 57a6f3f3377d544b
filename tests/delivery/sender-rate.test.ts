/**
 * The sender keeps every call within Telegram's limit, also around a 429 and beside the bot's own
 * replies (issue 13: a short broadcast lost whole seconds to 429s it caused itself).
 */
import { Api } from "grammy";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPacing } from "../../src/delivery/pacing.js";
import { errors, type RecordedCall } from "../../tools/fake-bot-api/index.js";
import { createWorld, enqueue, manualClock, range, WAIT, type World } from "./setup.js";

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const PER_SECOND = 5;
const rate = { rate: { perSecond: PER_SECOND, groupPerMinute: 20, concurrency: 4 } };
const succeeded = (c: RecordedCall): boolean => c.method === "sendMessage" && "ok" in c.response && c.response.ok;

/** The most calls in any window of `windowMs`. */
function busiest(times: number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe("sender rate around 429s and the bot's own calls", () => {
  it("sends a message answered with 429 again through its limit: no second holds one more", { timeout: 15_000 }, async () => {
    const ids = range(7000, 14);
    w = await createWorld(ids, { sender: rate });
    w.rec.failNext("sendMessage", errors.tooManyRequests(1));
    await enqueue(w, { recipients: ids });
    await w.sender.idle();
    for (const chat of ids) expect(w.delivered(chat)).toBe(1);
    // auto-retry used to resend it when retry_after ran out, beside the resumed sender's full second
    expect(busiest(w.rec.calls.filter(succeeded).map((c) => c.at))).toBeLessThanOrEqual(PER_SECOND);
  });

  it("counts the bot's own sends outside it (a reply, a preview's edit) in the same window", { timeout: 15_000 }, async () => {
    const ids = range(7100, 8);
    w = await createWorld([...ids, 7199], { sender: rate });
    const botApi = new Api("123:TEST");
    botApi.config.use(w.rec.transformer);
    botApi.config.use(w.sender.countOutside);
    for (let i = 0; i < 3; i++) await botApi.sendMessage(7199, `reply ${i}`);
    await enqueue(w, { recipients: ids });
    await w.sender.idle();
    for (const chat of ids) expect(w.delivered(chat)).toBe(1);
    const times = w.rec.calls.filter(succeeded).map((c) => c.at);
    expect(times).toHaveLength(11);
    expect(busiest(times)).toBeLessThanOrEqual(PER_SECOND);
  });

  it("takes a message's slot only once its recipient's language is known: a slow lookup bunches no sends", { timeout: 15_000 }, async () => {
    const ids = range(7400, 12);
    const slow = new Set(ids.slice(0, PER_SECOND));
    // the first recipients' languages take 600 ms to read (PostgreSQL under load), the rest none
    const localeOf = (id: number) => (slow.has(id) ? new Promise<"zh">((resolve) => setTimeout(() => resolve("zh"), 600)) : "zh" as const);
    w = await createWorld(ids, { sender: { ...rate, localeOf } });
    await enqueue(w, { recipients: ids });
    await w.sender.idle();
    for (const chat of ids) expect(w.delivered(chat)).toBe(1);
    // before, the slot was taken when the lookup began: the slow ones went out 600 ms late, in the
    // same second as the next second's allowance
    expect(busiest(w.rec.calls.filter(succeeded).map((c) => c.at))).toBeLessThanOrEqual(PER_SECOND);
  });

  it("does not count its own calls twice: a broadcast alone uses the whole window", { timeout: 15_000 }, async () => {
    const ids = range(7300, PER_SECOND);
    w = await createWorld(ids, { sender: rate });
    const t0 = Date.now();
    await enqueue(w, { recipients: ids });
    await w.sender.idle();
    // the first second's full allowance goes at once (one window, no wait for the next)
    expect(Date.now() - t0).toBeLessThan(900);
  });

  it("runs a call (a live-count edit) answered with 429 again after the pause, instead of failing it", async () => {
    const clock = manualClock();
    w = await createWorld([7200], { sender: { ...rate, clock: clock.now } });
    const world = w;
    const api = new Api("123:TEST");
    api.config.use(w.rec.transformer);
    w.rec.failNext("sendMessage", errors.tooManyRequests(1));
    const sends = () => world.rec.calls.filter((c) => c.method === "sendMessage").length;
    const message = w.sender.limited(7200, (signal) => api.sendMessage(7200, "1 / 20", {}, signal));
    await vi.waitFor(() => expect([sends(), world.sender.stats().inFlight]).toEqual([1, 0]), WAIT);
    // paused on the sender's clock: a wake does not run it again before retry_after has passed
    w.sender.kick();
    expect(w.sender.stats().inFlight).toBe(0);
    clock.advance(1_100);
    w.sender.kick();
    expect((await message).text).toBe("1 / 20");
    expect(sends()).toBe(2);
  });

  it("two senders given one bot's pacing (two communities on one bot) stay within the bot's one limit together", { timeout: 15_000 }, async () => {
    const pacing = createPacing({ perSecond: PER_SECOND, groupPerMinute: 20 }, () => performance.now());
    const [a, b] = [range(7400, 8), range(7500, 8)];
    const worlds = [await createWorld(a, { sender: { ...rate, pacing } }), await createWorld(b, { sender: { ...rate, pacing } })] as const;
    try {
      await Promise.all([enqueue(worlds[0], { recipients: a }), enqueue(worlds[1], { recipients: b })]);
      await Promise.all(worlds.map((x) => x.sender.idle()));
      for (const chat of a) expect(worlds[0].delivered(chat)).toBe(1);
      for (const chat of b) expect(worlds[1].delivered(chat)).toBe(1);
      const times = worlds.flatMap((x) => x.rec.calls.filter(succeeded).map((c) => c.at));
      expect(times).toHaveLength(16);
      // each alone would be within its limit; only a shared pace keeps the two together within it
      expect(busiest(times)).toBeLessThanOrEqual(PER_SECOND);
    } finally {
      await Promise.all(worlds.map((x) => x.close()));
    }
  });
});
