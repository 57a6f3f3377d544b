import { describe, expect, it } from "vitest";
import { isSignupEvent, normalizeHeadcount, occurrenceId, parseOccurrenceId } from "../../../src/domain/signups/index.js";

describe("occurrence ids", () => {
  it("builds and parses", () => {
    expect(occurrenceId("cleanup-day", "2025-06-28")).toBe("cleanup-day:2025-06-28");
    expect(parseOccurrenceId("cleanup-day:2025-06-28")).toEqual({ noticeId: "cleanup-day", date: "2025-06-28" });
  });
  it("rejects malformed input", () => {
    expect(() => occurrenceId("a:b", "2025-06-28")).toThrow(RangeError);
    expect(() => occurrenceId("cleanup-day", "2025-02-30")).toThrow(RangeError);
    for (const bad of ["", "cleanup-day", ":2025-06-28", "x:2025-6-28", "x:2025-13-01", "x:2025-06-28:1"]) {
      expect(parseOccurrenceId(bad)).toBeUndefined();
    }
  });
});

describe("events", () => {
  it("normalizes headcounts", () => {
    expect([normalizeHeadcount(3), normalizeHeadcount(0), normalizeHeadcount(99), normalizeHeadcount("2"), normalizeHeadcount(2.7)]).toEqual([3, 1, 10, 1, 2]);
  });
  it("validates stored events", () => {
    const ok = { seq: 1, at: "2025-06-27T11:00:00.000Z", userId: 5, occurrenceId: "cleanup-day:2025-06-28", type: "join", headcount: 2, via: "text" };
    expect(isSignupEvent(ok)).toBe(true);
    expect(isSignupEvent({ ...ok, type: "leave" })).toBe(false);
    expect(isSignupEvent({ ...ok, occurrenceId: "nope" })).toBe(false);
    expect(isSignupEvent({ ...ok, via: undefined })).toBe(false);
    expect(isSignupEvent(null)).toBe(false);
  });
});
