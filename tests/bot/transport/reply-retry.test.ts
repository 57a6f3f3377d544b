import { afterEach, describe, expect, it, vi } from "vitest";
import type { Transformer } from "grammy";
import { replyRetry } from "../../../src/bot/transport/reply-retry.js";

type Prev = Parameters<Transformer>[0];
type Signal = Parameters<Transformer>[3];

/** A call that never answers: it settles only when its signal aborts (as a hung HTTP request does). */
const hanging: Prev = ((_method: string, _payload: unknown, signal?: Signal) =>
  new Promise((_, reject) => {
    const s = signal as unknown as AbortSignal;
    s.addEventListener("abort", () => reject(s.reason as Error), { once: true });
  })) as unknown as Prev;

const deadlineOf = (deadlineMs: number): Transformer => replyRetry({ deadlineMs })[1]!;

describe("replyRetry's deadline", () => {
  afterEach(() => vi.useRealTimers());

  it("aborts a call that outlives the deadline, with a TimeoutError", async () => {
    vi.useFakeTimers();
    const call = deadlineOf(45_000)(hanging, "sendMessage", { chat_id: 1, text: "x" } as never);
    const outcome = expect(call).rejects.toMatchObject({ name: "TimeoutError" });
    await vi.advanceTimersByTimeAsync(44_999);
    let settled = false;
    void call.catch(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await outcome;
  });

  it("passes the caller's abort on, and leaves no timer behind once the call ends", async () => {
    vi.useFakeTimers();
    const outer = new AbortController();
    const call = deadlineOf(45_000)(hanging, "sendMessage", {} as never, outer.signal as unknown as Signal);
    const outcome = expect(call).rejects.toBe("stopped");
    outer.abort("stopped");
    await outcome;
    expect(vi.getTimerCount()).toBe(0);
    const ok = (() => Promise.resolve({ ok: true, result: true })) as unknown as Prev;
    await expect(deadlineOf(45_000)(ok, "sendMessage", {} as never)).resolves.toEqual({ ok: true, result: true });
    expect(vi.getTimerCount()).toBe(0);
  });
});
