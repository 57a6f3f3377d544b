import { describe, expect, it } from "vitest";
import { isApproxFigure, officialNumber, officialQuantity, sectionNumber } from "../../../src/domain/report/official-number.js";
import { parseReportPeriod, previousMonth } from "../../../src/domain/report/period.js";

describe("officialNumber", () => {
  it("writes round ten-thousands as 万 and hundred-millions as 亿, like the year summary (4.5万元)", () => {
    expect(officialNumber(45000, "zh")).toBe("4.5万");
    expect(officialNumber(10000, "zh")).toBe("1万");
    expect(officialNumber(123400, "zh")).toBe("12.34万");
    expect(officialNumber(120_000_000, "zh")).toBe("1.2亿");
    expect(officialQuantity(45000, "元", "zh")).toBe("4.5万元");
  });

  it("keeps digits where 万 would not be exact, and at most two decimals", () => {
    expect(officialNumber(12345, "zh")).toBe("12345");
    expect(officialNumber(5000, "zh")).toBe("5000");
    expect(officialNumber(350.456, "zh")).toBe("350.46");
    expect(officialNumber(0, "zh")).toBe("0");
  });

  it("writes an approximate figure with 余 in Chinese and + in English (300余车, 300+)", () => {
    expect(officialQuantity(300, "车", "zh", true)).toBe("300余车");
    expect(officialQuantity(7000, "包", "zh", true)).toBe("7000余包");
    expect(officialQuantity(300, "truckloads", "en", true)).toBe("300+ truckloads");
    expect(officialQuantity(45000, "CNY", "en")).toBe("45,000 CNY");
  });

  it("writes rates as percentages with at most one decimal", () => {
    expect(officialQuantity(94, "%", "zh")).toBe("94%");
    expect(officialQuantity(66.666, "%", "en")).toBe("66.7%");
  });

  it("knows which data figures are approximate", () => {
    expect(isApproxFigure("清理清运杂物垃圾计300多车")).toBe(true);
    expect(isApproxFigure("清除乱张贴小广告450余处")).toBe(true);
    expect(isApproxFigure("300+")).toBe(true);
    expect(isApproxFigure("道德实践活动24场")).toBe(false);
    expect(isApproxFigure(undefined)).toBe(false);
  });

  it("numbers sections as officials do", () => {
    expect([1, 2, 10, 11, 20].map((n) => sectionNumber(n, "zh"))).toEqual(["一、", "二、", "十、", "十一、", "二十、"]);
    expect(sectionNumber(3, "en")).toBe("3.");
  });
});

describe("parseReportPeriod", () => {
  it("takes a year, a month, or nothing (this year)", () => {
    expect(parseReportPeriod("", "2026-12-05")).toMatchObject({ kind: "year", key: "2026", from: "2026-01-01", until: "2027-01-01" });
    expect(parseReportPeriod("2026-11", "2026-12-05")).toMatchObject({ kind: "month", from: "2026-11-01", until: "2026-12-01", months: ["2026-11"] });
    expect(parseReportPeriod("2026-12", "2026-12-05")?.until).toBe("2027-01-01");
    expect(parseReportPeriod("2026", "x")?.months).toHaveLength(12);
  });

  it("refuses anything else", () => {
    for (const bad of ["2026-13", "2026-1", "26", "november", "1999", "2026-11-01"]) expect(parseReportPeriod(bad, "2026-12-05")).toBeUndefined();
  });

  it("finds the month before", () => {
    expect(previousMonth("2027-01")).toBe("2026-12");
    expect(previousMonth("2026-11")).toBe("2026-10");
  });
});
