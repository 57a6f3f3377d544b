/**
 * The per-user rate limit runs on a monotonic clock (issue 13): the wall clock set back (NTP, an
 * operator) must not stretch the windows of users who hit the limit.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Bot, Composer } from "grammy";
import type { Update } from "grammy/types";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { command, createRecordingApi, makeUser, type RecordingApi } from "../../tools/fake-bot-api/index.js";
import { createLimitedBot } from "../helpers/limited-bot.js";
import { createPeopleRepos } from "../../src/store/people-repos.js";

let dir: string;
let store: Store;
let rec: RecordingApi;
let bot: Bot<BotContext>;
let updateId = 1;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ratelimit-clock-"));
  store = await openStore({ file: join(dir, "db.json") });
  rec = createRecordingApi();
  const deps = { store, ...createPeopleRepos(store, () => new Date()), log: pino({ level: "silent" }), now: () => new Date(), adminIds: [1], timezone: "Asia/Shanghai" };
  // only the clocks are faked (timers stay real for the store); the limiter keeps its default clock
  vi.useFakeTimers({ toFake: ["Date", "performance"], now: Date.parse("2026-03-20T02:00:00.000Z") });
  const probe = new Composer<BotContext>();
  probe.command("ping", (ctx) => ctx.reply("pong"));
  bot = createLimitedBot(deps, rec, {}, probe);
});

afterEach(async () => {
  vi.useRealTimers();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function ping(userId: number): Promise<string | undefined> {
  const update = { update_id: updateId++, ...command(makeUser(userId, { language_code: "en" }), "/ping") } as Update;
  rec.observeUpdate(update);
  const before = rec.calls.length;
  await bot.handleUpdate(update);
  const sent = rec.calls.slice(before).find((c) => c.method === "sendMessage");
  return sent ? String(sent.params.text) : undefined;
}

describe("the rate limit's clock", () => {
  it("a wall clock set back an hour does not keep a limited user blocked", async () => {
    for (let i = 0; i < 30; i++) expect(await ping(700)).toBe("pong");
    expect(await ping(700)).not.toBe("pong"); // the slow-down notice
    expect(await ping(700)).toBeUndefined(); // dropped silently
    vi.setSystemTime(Date.now() - 3_600_000); // the wall clock goes back; monotonic time does not
    vi.advanceTimersByTime(10_500); // the window (10 s) has passed in real time
    expect(await ping(700)).toBe("pong");
  });

  it("still limits within the window after the wall clock moved", async () => {
    for (let i = 0; i < 30; i++) await ping(701);
    vi.setSystemTime(Date.now() + 3_600_000); // a jump forward does not end the window either
    expect(await ping(701)).not.toBe("pong");
    vi.advanceTimersByTime(10_500);
    expect(await ping(701)).toBe("pong");
  });
});
