import { describe, expect, it } from "vitest";
import { parseTypedDate } from "../../src/domain/typed-date.js";

const TODAY = "2026-12-05";

describe("parseTypedDate (dates as staff type them)", () => {
  it.each([
    ["2026-12-20", "2026-12-20"],
    ["2026/12/20", "2026-12-20"],
    ["2027年6月5日", "2027-06-05"],
    ["12月20日", "2026-12-20"],
    ["12月20号", "2026-12-20"],
    ["12-20", "2026-12-20"],
    ["6-5", "2027-06-05"], // gone this year: next year's
    ["6月5日", "2027-06-05"],
    ["今天", "2026-12-05"],
    ["明天", "2026-12-06"],
    ["后天", "2026-12-07"],
    ["tomorrow", "2026-12-06"],
    [" Today ", "2026-12-05"],
  ])("%s → %s", (typed, date) => {
    expect(parseTypedDate(typed, TODAY)).toEqual({ date });
  });

  it("says past for a full date before today, and bad-date for nonsense", () => {
    expect(parseTypedDate("2026-12-04", TODAY)).toEqual({ error: "past" });
    expect(parseTypedDate("2025-06-05", TODAY)).toEqual({ error: "past" });
    for (const typed of ["2026-02-30", "13-1", "2月30日", "next week", "", "2026-12", "昨天天"]) {
      expect(parseTypedDate(typed, TODAY)).toEqual({ error: "bad-date", value: typed.trim() });
    }
  });

  it("crosses the year end for tomorrow", () => {
    expect(parseTypedDate("明天", "2026-12-31")).toEqual({ date: "2027-01-01" });
  });
});
