/**
 * The webhook inbox's sweep: every tick it first renews this instance's claims on the updates it is
 * handling (so a slow one is not taken over), then handles what it took over and drops each from
 * the inbox once handled; a tick still running is not overlapped; a failing sweep is logged and the
 * next tick tries again.
 */
import type { Update } from "grammy/types";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startInboxSweep } from "../../../src/bot/transport/webhook.js";
import type { UpdateQueue } from "../../../src/bot/transport/update-queue.js";
import type { UpdatesRepo } from "../../../src/store/updates-repo.js";

const update = (id: number): Update => ({ update_id: id } as Update);

function fakes(claims: Update[][]) {
  const calls: string[] = [];
  const inFlight = new Map<number, Promise<void>>([[1, new Promise<void>(() => undefined)]]);
  const updates = {
    renewClaims: (ids: readonly number[]) => {
      calls.push(`renew ${ids.join(",")}`);
      return Promise.resolve();
    },
    claimInbox: () => {
      const next = claims.shift();
      if (!next) return Promise.reject(new Error("database down"));
      calls.push(`claim ${next.map((u) => u.update_id).join(",")}`);
      return Promise.resolve(next);
    },
    dropFromInbox: (id: number) => {
      calls.push(`drop ${id}`);
      return Promise.resolve();
    },
  } as unknown as UpdatesRepo;
  const queue = {
    inFlight,
    push: (u: Update) => {
      calls.push(`handle ${u.update_id}`);
      return Promise.resolve();
    },
  } as unknown as UpdateQueue;
  return { calls, updates, queue };
}

describe("startInboxSweep", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("renews what is in flight, then handles and drops what it took over; errors wait for the next tick", async () => {
    const { calls, updates, queue } = fakes([[], [update(7), update(8)]]);
    const log = pino({ level: "silent" });
    const warn = vi.spyOn(log, "warn");
    const stop = startInboxSweep({ updates, queue, log, everyMs: 1_000 });
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(["renew 1", "claim "]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls.slice(2)).toEqual(["renew 1", "claim 7,8", "handle 7", "handle 8", "drop 7", "drop 8"]);
    await vi.advanceTimersByTimeAsync(1_000); // the database is down now: logged, nothing handled
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), "could not sweep the webhook inbox");
    stop();
    const before = calls.length;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toHaveLength(before);
  });
});
