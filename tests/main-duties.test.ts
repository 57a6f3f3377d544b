import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import type { App } from "../src/app.js";
import { parseConfig } from "../src/config.js";
import { createLeaderDuties } from "../src/main-leader.js";
import { kickWhileLeading, leaderDuties, LIVE_COUNT_POLL_MS, OUTBOX_POLL_MS } from "../src/main-duties.js";
import { fakeLeadership } from "./helpers/fake-leadership.js";

const log = pino({ level: "silent" });
const TOKEN = "123456789:fake-token-for-tests_only";

/** An App whose leader-only parts write what happens to them into `events`. */
function fakeApp(events: string[]) {
  const app = {
    menus: { registerAll: () => Promise.resolve(void events.push("menus registered")) },
    sender: {
      start: () => void events.push("sender start"),
      stop: () => Promise.resolve(void events.push("sender stop")),
      kick: () => void events.push("kick"),
    },
    scheduler: {
      start: () => Promise.resolve(void events.push("scheduler start")),
      stop: () => Promise.resolve(void events.push("scheduler stop")),
    },
    stopFeatures: () => void events.push("live edits stop"),
    liveCounts: {
      leading: undefined as (() => boolean) | undefined,
      followLeader(leading: () => boolean) {
        this.leading = leading;
      },
      poll: () => Promise.resolve(void events.push("live poll")).then(() => 0),
    },
    bot: { api: { setWebhook: (url: string) => Promise.resolve(void events.push(`setWebhook ${url}`)) } },
    outbox: { onEnqueued: undefined as (() => void) | undefined },
  };
  return app as typeof app & App;
}

describe("the app's leader duties on PostgreSQL", () => {
  it("gaining leadership starts the menus, the sender, the scheduler and sets the webhook; losing stops them in reverse", async () => {
    const events: string[] = [];
    const app = fakeApp(events);
    const config = parseConfig({ BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://bot.example.org/telegram" });
    const leadership = fakeLeadership();
    const runner = createLeaderDuties({ leadership, log, duties: leaderDuties({ app, config, log, backend: "postgres" }) });
    kickWhileLeading(app, () => runner.running);
    await runner.start();
    app.outbox.onEnqueued?.(); // a follower confirmed a broadcast: its sender stays idle
    expect(events).toEqual([]);
    expect(app.liveCounts.leading?.()).toBe(false); // a follower's live counts go to the leader

    leadership.set(true);
    await runner.settled();
    expect(events).toEqual(["menus registered", "sender start", "scheduler start", "setWebhook https://bot.example.org/telegram"]);
    app.outbox.onEnqueued?.();
    expect(events.at(-1)).toBe("kick");
    expect(app.liveCounts.leading?.()).toBe(true);

    events.length = 0;
    leadership.set(false);
    await runner.settled();
    expect(events).toEqual(["scheduler stop", "live edits stop", "sender stop"]);
  });

  it("a PostgreSQL leader looks at the outbox every few seconds (broadcasts other instances confirmed); a follower does not", async () => {
    vi.useFakeTimers();
    try {
      const events: string[] = [];
      const app = fakeApp(events);
      const leadership = fakeLeadership();
      const runner = createLeaderDuties({ leadership, log, duties: leaderDuties({ app, config: parseConfig({ BOT_TOKEN: TOKEN }), log, backend: "postgres" }) });
      await runner.start();
      await vi.advanceTimersByTimeAsync(3 * OUTBOX_POLL_MS);
      expect(events.filter((e) => e === "kick")).toHaveLength(0);
      leadership.set(true);
      await runner.settled();
      await vi.advanceTimersByTimeAsync(3 * OUTBOX_POLL_MS);
      expect(events.filter((e) => e === "kick")).toHaveLength(3);
      leadership.set(false);
      await runner.settled();
      await vi.advanceTimersByTimeAsync(3 * OUTBOX_POLL_MS);
      expect(events.filter((e) => e === "kick")).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("the leader takes the followers' changed sign-up counts every few seconds, on both backends; a follower does not", async () => {
    vi.useFakeTimers();
    try {
      for (const backend of ["postgres", "json"] as const) {
        const events: string[] = [];
        const leadership = fakeLeadership();
        const runner = createLeaderDuties({ leadership, log, duties: leaderDuties({ app: fakeApp(events), config: parseConfig({ BOT_TOKEN: TOKEN }), log, backend }) });
        await runner.start();
        await vi.advanceTimersByTimeAsync(3 * LIVE_COUNT_POLL_MS);
        expect(events.filter((e) => e === "live poll")).toHaveLength(0);
        leadership.set(true);
        await runner.settled();
        await vi.advanceTimersByTimeAsync(3 * LIVE_COUNT_POLL_MS);
        expect(events.filter((e) => e === "live poll"), backend).toHaveLength(3);
        leadership.set(false);
        await runner.settled();
        await vi.advanceTimersByTimeAsync(3 * LIVE_COUNT_POLL_MS);
        expect(events.filter((e) => e === "live poll")).toHaveLength(3);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it("on the JSON store there is no outbox poll and, polling, no setWebhook", () => {
    const duties = leaderDuties({ app: fakeApp([]), config: parseConfig({ BOT_TOKEN: TOKEN }), log, backend: "json" });
    expect(duties.map((d) => d.name)).toEqual(["command menus", "sender", "live-count edits", "scheduler"]);
  });

  it("several communities on one bot: every community's duties under the one leader, setWebhook once", async () => {
    const [a, b] = [[] as string[], [] as string[]];
    const config = parseConfig({ BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://bot.example.org/telegram" });
    const leadership = fakeLeadership();
    const runner = createLeaderDuties({ leadership, log, duties: leaderDuties({ app: [fakeApp(a), fakeApp(b)], config, log, backend: "postgres" }) });
    await runner.start();
    leadership.set(true);
    await runner.settled();
    expect(a).toEqual(["menus registered", "sender start", "scheduler start", "setWebhook https://bot.example.org/telegram"]);
    expect(b).toEqual(["menus registered", "sender start", "scheduler start"]);
    await runner.stop();
    expect(b.slice(3)).toEqual(["scheduler stop", "live edits stop", "sender stop"]);
  });
});
