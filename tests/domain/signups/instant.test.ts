import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalIsoMs, isoFromMs } from "../../../src/domain/signups/instant.js";

describe("canonicalIsoMs", () => {
  it("reads any toISOString instant of years 0100..9999 back to the same string", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(100, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(canonicalIsoMs(iso)).toBe(ms);
        expect(isoFromMs(canonicalIsoMs(iso))).toBe(iso);
      }),
    );
    expect(canonicalIsoMs("2024-02-29T23:59:59.999Z")).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
  });

  it("gives NaN for anything that would not come back identical", () => {
    for (const s of [
      "2025-06-27T11:00:00Z", // no milliseconds
      "2025-06-27T11:00:00.000+00:00",
      "2025-02-29T00:00:00.000Z", // not a leap year
      "2100-02-29T00:00:00.000Z",
      "2025-13-01T00:00:00.000Z",
      "2025-06-31T00:00:00.000Z",
      "2025-06-27T24:00:00.000Z",
      "2025-06-27T11:60:00.000Z",
      "2025-06-27T11:00:60.000Z",
      "0050-01-01T00:00:00.000Z", // Date.UTC would read 1950
      "+010000-01-01T00:00:00.000Z",
      "2025-06-27 11:00:00.000Z",
      "2025-06-2xT11:00:00.000Z",
      "",
      "not a date at all, 24ch",
    ]) {
      expect(canonicalIsoMs(s), s).toBeNaN();
    }
  });
});
