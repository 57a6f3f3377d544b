import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/delivery/rate-limiter.js";

/** Takes as fast as the limiter allows on a fake clock (0.5 ms steps); returns the take times. */
function drive(chats: number[], perSecond: number, groupPerMinute: number, untilMs: number): { chat: number; at: number }[] {
  const limiter = createRateLimiter({ perSecond, groupPerMinute });
  const taken: { chat: number; at: number }[] = [];
  let i = 0;
  for (let now = 0; now < untilMs; now += 0.5) {
    // try each chat in turn, skipping ones at their limit (as the sender does)
    for (let k = 0; k < chats.length; k++) {
      if (limiter.globalWait(now) > 0) break;
      const chat = chats[(i + k) % chats.length] as number;
      if (limiter.chatWait(chat, now) > 0) continue;
      limiter.take(chat, now);
      taken.push({ chat, at: now });
      i++;
    }
  }
  return taken;
}

function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let a = 0, b = 0; a < times.length; a++) {
    while ((times[a] as number) - (times[b] as number) >= windowMs) b++;
    best = Math.max(best, a - b + 1);
  }
  return best;
}

describe("rate limiter", () => {
  it("never exceeds perSecond in any 1-second window, and reaches it", () => {
    const taken = drive([1, 2, 3], 30, 20, 10_000);
    expect(maxInWindow(taken.map((t) => t.at), 1000)).toBe(30);
    expect(taken.length).toBeGreaterThanOrEqual(300);
    expect(taken.length).toBeLessThanOrEqual(330);
  });

  it("keeps a group to groupPerMinute while private chats go ahead", () => {
    const taken = drive([-100, 5, 6], 30, 20, 130_000);
    const group = taken.filter((t) => t.chat === -100).map((t) => t.at);
    expect(maxInWindow(group, 60_000)).toBe(20);
    expect(group.length).toBeGreaterThanOrEqual(60); // 3 windows' worth in 130 s
    expect(group.length).toBeLessThanOrEqual(60);
    // the private chats fill the rest of the global budget
    expect(taken.length).toBeGreaterThan(130 * 30 * 0.95);
    expect(maxInWindow(taken.map((t) => t.at), 1000)).toBe(30);
  });

  it("adds the margin to each window and reports the wait", () => {
    const limiter = createRateLimiter({ perSecond: 2, groupPerMinute: 1, marginMs: 50 });
    limiter.take(-1, 0);
    limiter.take(7, 10);
    expect(limiter.globalWait(500)).toBe(550);
    expect(limiter.globalWait(1050)).toBe(0);
    expect(limiter.chatWait(-1, 1050)).toBe(59_000);
    expect(limiter.chatWait(7, 1050)).toBe(0);
  });

  it("treats Infinity as no global limit", () => {
    const limiter = createRateLimiter({ perSecond: Infinity, groupPerMinute: 20 });
    for (let i = 0; i < 10_000; i++) limiter.take(i + 1, 0);
    expect(limiter.globalWait(0)).toBe(0);
  });
});
