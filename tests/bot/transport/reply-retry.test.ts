import { afterEach, describe, expect, it, vi } from "vitest";
import { HttpError, type Transformer } from "grammy";
import { replyRetry } from "../../../src/bot/transport/reply-retry.js";

type Prev = Parameters<Transformer>[0];
type Signal = Parameters<Transformer>[3];
type Answer = Awaited<ReturnType<Prev>>;

const ok: Answer = { ok: true, result: true };
const tooMany = (retryAfter: number): Answer => ({ ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: retryAfter } });
const serverError: Answer = { ok: false, error_code: 502, description: "Bad Gateway" };
const badRequest: Answer = { ok: false, error_code: 400, description: "Bad Request: chat not found" };
const networkError = () => new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET"));

/** A call that never answers: it settles only when its signal aborts (as a hung HTTP request does). */
function hangUntilAborted(signal?: Signal): Promise<Answer> {
  return new Promise((_, reject) => {
    const s = signal as unknown as AbortSignal;
    s.addEventListener("abort", () => reject(s.reason as Error), { once: true });
  });
}

/** A Bot API stand-in answering each call with the next of `answers` (a function: called with the signal); records the calls' signals. */
function api(...answers: Array<Answer | Error | ((signal?: Signal) => Promise<Answer>)>) {
  const signals: Array<Signal | undefined> = [];
  const prev = ((_method: string, _payload: unknown, signal?: Signal) => {
    signals.push(signal);
    const next = answers.shift() ?? ok;
    if (typeof next === "function") return next(signal);
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  }) as unknown as Prev;
  return { prev, signals };
}

const send = (t: Transformer, prev: Prev, signal?: Signal) => t(prev, "sendMessage", { chat_id: 1, text: "x" } as never, signal);

describe("replyRetry", () => {
  afterEach(() => vi.useRealTimers());

  it("sends a reply that succeeds once, with no timer and no signal of its own", async () => {
    vi.useFakeTimers();
    const { prev, signals } = api(ok);
    const call = send(replyRetry(), prev);
    expect(vi.getTimerCount()).toBe(0);
    await expect(call).resolves.toEqual(ok);
    expect(signals).toEqual([undefined]);
  });

  it("returns a refusal that no retry mends (400) after one call", async () => {
    const { prev, signals } = api(badRequest, ok);
    await expect(send(replyRetry(), prev)).resolves.toEqual(badRequest);
    expect(signals).toHaveLength(1);
  });

  it("retries a 5xx and a network error", async () => {
    vi.useFakeTimers();
    const a = api(serverError, ok);
    await expect(send(replyRetry(), a.prev)).resolves.toEqual(ok);
    expect(a.signals).toHaveLength(2);
    const b = api(networkError(), ok);
    await expect(send(replyRetry(), b.prev)).resolves.toEqual(ok);
    expect(b.signals).toHaveLength(2);
  });

  it("waits a short retry_after before the next call, and returns a long one's 429 as it is", async () => {
    vi.useFakeTimers();
    const a = api(tooMany(2), ok);
    const call = send(replyRetry(), a.prev);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(a.signals).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(call).resolves.toEqual(ok);
    expect(a.signals).toHaveLength(2);
    const b = api(tooMany(60), ok);
    await expect(send(replyRetry({ maxRetryAfterS: 10 }), b.prev)).resolves.toEqual(tooMany(60));
    expect(b.signals).toHaveLength(1);
  });

  it("gives up after `attempts` retries of a 5xx", async () => {
    vi.useFakeTimers();
    const { prev, signals } = api(serverError, serverError, serverError, serverError, serverError, ok);
    const call = send(replyRetry({ attempts: 3 }), prev);
    const outcome = expect(call).resolves.toEqual(serverError);
    await vi.advanceTimersByTimeAsync(60_000);
    await outcome;
    expect(signals).toHaveLength(4);
  });

  it("ends retries that outlive the deadline with a TimeoutError, and leaves no timer behind", async () => {
    vi.useFakeTimers();
    const { prev } = api(networkError(), hangUntilAborted);
    const call = send(replyRetry({ deadlineMs: 45_000 }), prev);
    const outcome = expect(call).rejects.toMatchObject({ name: "TimeoutError" });
    await vi.advanceTimersByTimeAsync(44_999);
    let settled = false;
    void call.catch(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await outcome;
    expect(vi.getTimerCount()).toBe(0);
  });

  it("passes the caller's abort on to the retries", async () => {
    vi.useFakeTimers();
    const outer = new AbortController();
    const { prev } = api(serverError, hangUntilAborted);
    const call = send(replyRetry(), prev, outer.signal as unknown as Signal);
    const outcome = expect(call).rejects.toBe("stopped");
    await vi.advanceTimersByTimeAsync(10);
    outer.abort("stopped");
    await outcome;
    expect(vi.getTimerCount()).toBe(0);
  });
});
