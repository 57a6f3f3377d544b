import type { Logger } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createScheduler, type Scheduler } from "../../src/schedule/scheduler.js";
import type { TickJob } from "../../src/schedule/tick-job.js";

function fakeLog() {
  const log = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
  return { log, logger: log as unknown as Logger };
}

let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
});

describe("createScheduler", () => {
  it("runs every job with the tick's time, in order", async () => {
    const seen: string[] = [];
    const a: TickJob = async (now) => void seen.push(`a ${now.toISOString()}`);
    const b: TickJob = async (now) => void seen.push(`b ${now.toISOString()}`);
    scheduler = createScheduler({ jobs: [a, b], timezone: "Asia/Shanghai", log: fakeLog().logger });
    expect(await scheduler.tick(new Date("2026-11-27T11:00:00Z"))).toBe(true);
    expect(await scheduler.tick(new Date("2026-11-27T11:01:00Z"))).toBe(true);
    expect(seen).toEqual([
      "a 2026-11-27T11:00:00.000Z",
      "b 2026-11-27T11:00:00.000Z",
      "a 2026-11-27T11:01:00.000Z",
      "b 2026-11-27T11:01:00.000Z",
    ]);
  });

  it("a job that throws is logged and does not stop the jobs after it", async () => {
    const { log, logger } = fakeLog();
    const ran: string[] = [];
    const broken: TickJob = async function broken() {
      throw new Error("disk full");
    };
    const after: TickJob = async () => void ran.push("after");
    scheduler = createScheduler({ jobs: [broken, after], timezone: "Asia/Shanghai", log: logger });
    await expect(scheduler.tick(new Date("2026-11-27T11:00:00Z"))).resolves.toBe(true);
    expect(ran).toEqual(["after"]);
    expect(log.error).toHaveBeenCalledTimes(1);
    const [fields] = log.error.mock.calls[0] as [{ err: Error; job: string }];
    expect(fields.err.message).toBe("disk full");
    expect(fields.job).toBe("broken");
  });

  it("never overlaps ticks: a tick while one is running is skipped", async () => {
    let release!: () => void;
    let calls = 0;
    const slow: TickJob = () => {
      calls++;
      return new Promise<void>((r) => (release = r));
    };
    scheduler = createScheduler({ jobs: [slow], timezone: "Asia/Shanghai", log: fakeLog().logger });
    const first = scheduler.tick(new Date("2026-11-27T11:00:00Z"));
    expect(await scheduler.tick(new Date("2026-11-27T11:01:00Z"))).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(calls).toBe(1);
    const third = scheduler.tick(new Date("2026-11-27T11:02:00Z"));
    release();
    expect(await third).toBe(true);
    expect(calls).toBe(2);
  });

  it("start runs one tick at once (catch-up) with the clock's time, then stop ends it", async () => {
    const seen: Date[] = [];
    const now = new Date("2026-11-27T12:00:00Z");
    scheduler = createScheduler({ jobs: [async (t) => void seen.push(t)], timezone: "Asia/Shanghai", log: fakeLog().logger, now: () => now });
    await scheduler.start();
    expect(seen).toEqual([now]);
    await scheduler.start(); // already started: no second catch-up
    expect(seen).toHaveLength(1);
    await scheduler.stop();
  });

  it("wakes on the cron schedule, in the given time zone (fake timers: no real waiting)", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-27T00:59:30Z") }); // 08:59:30 in Shanghai
    try {
      const ticks: string[] = [];
      scheduler = createScheduler({
        jobs: [async (t) => void ticks.push(t.toISOString())],
        timezone: "Asia/Shanghai",
        log: fakeLog().logger,
        cronExpression: "0 9 * * *", // 09:00 Shanghai = 01:00 UTC
      });
      await scheduler.start();
      expect(ticks).toEqual(["2026-11-27T00:59:30.000Z"]); // the catch-up tick at start
      await vi.advanceTimersByTimeAsync(29_000);
      expect(ticks).toHaveLength(1); // 08:59:59: not yet
      await vi.advanceTimersByTimeAsync(2_000);
      expect(ticks).toHaveLength(2); // 09:00 in Shanghai
      expect(ticks[1]).toMatch(/^2026-11-27T01:00:0/);
      await scheduler.stop();
      await vi.advanceTimersByTimeAsync(2 * 86_400_000); // two more 09:00s pass: a stopped scheduler does not wake
      expect(ticks).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("rejects an invalid cron expression at once", () => {
    expect(() => createScheduler({ jobs: [], timezone: "Asia/Shanghai", log: fakeLog().logger, cronExpression: "every minute" })).toThrow(
      /invalid cron expression/,
    );
  });
});
