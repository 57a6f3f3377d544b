import { describe, expect, it } from "vitest";
import { createAnswerCache } from "../../src/bot/features/answer-cache.js";

const SHANGHAI = "Asia/Shanghai"; // UTC+8: the local day starts at 16:00 UTC
const at = (iso: string) => new Date(iso);

describe("answer cache", () => {
  it("computes once per version, local day and key", () => {
    const cache = createAnswerCache<string>();
    let computed = 0;
    const get = (version: number, now: string, key = "zh|q") => cache.get({ version, now: at(now), timezone: SHANGHAI, key }, () => `v${version}#${++computed}`);
    expect(get(0, "2026-05-20T04:00:00Z")).toBe("v0#1");
    expect(get(0, "2026-05-20T15:59:59.999Z")).toBe("v0#1"); // same local day (23:59:59 in Shanghai)
    expect(get(0, "2026-05-20T04:00:00Z", "en|q")).toBe("v0#2");
    // a record moves the version: the next reply is computed afresh
    expect(get(1, "2026-05-20T04:00:01Z")).toBe("v1#3");
    expect(get(1, "2026-05-20T05:00:00Z")).toBe("v1#3");
    // local midnight: per-week and per-month figures may roll over
    expect(get(1, "2026-05-20T16:00:00Z")).toBe("v1#4");
    expect(get(1, "2026-05-21T15:00:00Z")).toBe("v1#4");
  });

  it("rolls over at local midnight in a zone with a 45-minute offset", () => {
    const cache = createAnswerCache<string>();
    let computed = 0;
    const get = (now: string) => cache.get({ version: 0, now: at(now), timezone: "Asia/Kathmandu", key: "k" }, () => `#${++computed}`);
    // Asia/Kathmandu is UTC+5:45: its day starts at 18:15 UTC
    expect(get("2026-05-20T06:00:00Z")).toBe("#1");
    expect(get("2026-05-20T18:14:59.999Z")).toBe("#1");
    expect(get("2026-05-20T18:15:00Z")).toBe("#2");
    expect(get("2026-05-21T18:14:00Z")).toBe("#2");
  });

  it("does not keep undefined, and forgets the oldest answer past its bound", () => {
    const cache = createAnswerCache<string>(2);
    const parts = (key: string) => ({ version: 0, now: at("2026-05-20T04:00:00Z"), timezone: SHANGHAI, key });
    let computed = 0;
    expect(cache.get(parts("none"), () => (computed++, undefined))).toBeUndefined();
    expect(cache.get(parts("none"), () => (computed++, undefined))).toBeUndefined();
    expect(computed).toBe(2);
    cache.get(parts("a"), () => "a1");
    cache.get(parts("b"), () => "b1");
    cache.get(parts("c"), () => "c1"); // "a" goes
    expect(cache.get(parts("a"), () => "a2")).toBe("a2");
    expect(cache.get(parts("c"), () => "c2")).toBe("c1");
  });
});
