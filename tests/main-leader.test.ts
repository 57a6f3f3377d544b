import pino from "pino";
import { describe, expect, it } from "vitest";
import { createLeaderDuties, type LeaderDuty } from "../src/main-leader.js";
import { alwaysLeader } from "../src/store/leadership.js";
import { fakeLeadership } from "./helpers/fake-leadership.js";

const log = pino({ level: "silent" });

/** Stand-ins for the sender and the scheduler that write what happened to them into `events`. */
function duties(events: string[], names = ["sender", "scheduler"]): LeaderDuty[] {
  return names.map((name) => ({
    name,
    start: async () => {
      await Promise.resolve();
      events.push(`${name} start`);
    },
    stop: async () => {
      await Promise.resolve();
      events.push(`${name} stop`);
    },
  }));
}

describe("the leader's duties follow the leadership", () => {
  it("a follower runs nothing; gaining starts the sender then the scheduler, losing stops them in reverse", async () => {
    const events: string[] = [];
    const leadership = fakeLeadership(false);
    let lost = 0;
    const runner = createLeaderDuties({ leadership, duties: duties(events), log, onLost: () => void lost++ });
    await runner.start();
    expect(events).toEqual([]);
    expect(runner.running).toBe(false);

    leadership.set(true);
    await runner.settled();
    expect(events).toEqual(["sender start", "scheduler start"]);
    expect(runner.running).toBe(true);

    leadership.set(false);
    await runner.settled();
    expect(events).toEqual(["sender start", "scheduler start", "scheduler stop", "sender stop"]);
    expect(runner.running).toBe(false);
    expect(lost).toBe(1);
  });

  it("a leader at start (the embedded store's alwaysLeader) starts them at once; shutdown stops them without calling it a loss", async () => {
    const events: string[] = [];
    let lost = 0;
    const runner = createLeaderDuties({ leadership: alwaysLeader(), duties: duties(events), log, onLost: () => void lost++ });
    await runner.start();
    expect(events).toEqual(["sender start", "scheduler start"]);
    await runner.stop();
    expect(events).toEqual(["sender start", "scheduler start", "scheduler stop", "sender stop"]);
    expect(lost).toBe(0);
  });

  it("a loss right after a gain waits for the starts, then stops exactly what started; regaining starts again", async () => {
    const events: string[] = [];
    const leadership = fakeLeadership(false);
    const runner = createLeaderDuties({ leadership, duties: duties(events), log });
    await runner.start();
    leadership.set(true);
    leadership.set(false);
    leadership.set(true);
    await runner.settled();
    expect(events).toEqual(["sender start", "scheduler start", "scheduler stop", "sender stop", "sender start", "scheduler start"]);
    expect(runner.running).toBe(true);
  });

  it("after stop(), leadership changes start nothing", async () => {
    const events: string[] = [];
    const leadership = fakeLeadership(false);
    const runner = createLeaderDuties({ leadership, duties: duties(events), log });
    await runner.start();
    await runner.stop();
    leadership.set(true);
    await runner.settled();
    expect(events).toEqual([]);
  });

  it("a duty failing to start at startup fails the start (no half leader goes unnoticed)", async () => {
    const runner = createLeaderDuties({
      leadership: alwaysLeader(),
      duties: [{ name: "scheduler", start: () => Promise.reject(new Error("tick failed")), stop: () => undefined }],
      log,
    });
    await expect(runner.start()).rejects.toThrow("tick failed");
  });
});
