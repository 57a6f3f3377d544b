import { describe, expect, it } from "vitest";
import { apply, createAggregates, currentValue, monthHistory, recentRecords, unapply, valueInPeriod } from "../../../src/domain/campaign/aggregates.js";
import type { Campaign, MetricDef, ProgressRecord } from "../../../src/domain/campaign/metric.js";

const base = { aliases: { zh: [], en: [] }, unit: { zh: "车", en: "loads" }, unitAliases: [], target: 10, targetSource: "test" };
const sum: MetricDef = { ...base, id: "s", name: { zh: "和", en: "sum" }, kind: "sum", group: "environment" };
const rate: MetricDef = { ...base, id: "r", name: { zh: "率", en: "rate" }, kind: "rate", group: "awareness", target: 95 };
const forms: MetricDef = { ...base, id: "f", name: { zh: "份", en: "forms" }, kind: "sum", group: "awareness", includes: ["r"] };
const weekly: MetricDef = { ...base, id: "w", name: { zh: "周", en: "week" }, kind: "per-period", period: "week", group: "volunteers" };
const monthly: MetricDef = { ...base, id: "m", name: { zh: "月", en: "month" }, kind: "per-period", period: "month", group: "environment" };
const campaign: Campaign = { year: 2026, metrics: [sum, rate, forms, weekly, monthly] };
const TZ = "Asia/Shanghai";
let n = 0;
const rec = (metricId: string, amount: number, at: string, extra: Partial<ProgressRecord> = {}): ProgressRecord => ({ id: `r${++n}`, metricId, amount, at, by: 1, source: "staff", ...extra });

describe("aggregates", () => {
  it("sums, and unapply takes a record back out", () => {
    const agg = createAggregates(campaign, TZ);
    const a = rec("s", 12, "2026-03-01T02:00:00Z");
    const b = rec("s", 4.5, "2026-03-02T02:00:00Z");
    apply(agg, a);
    apply(agg, b);
    expect(currentValue(agg, sum, new Date("2026-03-05T00:00:00Z"), TZ)).toEqual({ kind: "sum", value: 16.5 });
    unapply(agg, b);
    expect(currentValue(agg, sum, new Date("2026-03-05T00:00:00Z"), TZ).value).toBe(12);
    expect(recentRecords(agg, sum).map((r) => r.id)).toEqual([a.id]);
    unapply(agg, a);
    expect(currentValue(agg, sum, new Date(), TZ).value).toBe(0);
    expect(agg.byMetric.get("s")?.months.size).toBe(0);
  });

  it("ignores unknown metrics and bad instants", () => {
    const agg = createAggregates(campaign, TZ);
    expect(apply(agg, rec("nope", 1, "2026-01-01T00:00:00Z"))).toBe(false);
    expect(apply(agg, rec("s", 1, "not a date"))).toBe(false);
    expect(currentValue(agg, sum, new Date(), TZ).value).toBe(0);
  });

  it("buckets by month in the community time zone", () => {
    const agg = createAggregates(campaign, TZ);
    // 2026-03-31T17:00Z is already April 1st in Shanghai
    apply(agg, rec("s", 5, "2026-03-31T17:00:00Z"));
    apply(agg, rec("s", 3, "2026-03-31T15:00:00Z"));
    const now = new Date("2026-04-10T00:00:00Z");
    expect(valueInPeriod(agg, sum, "this-month", now, TZ).value).toBe(5);
    expect(valueInPeriod(agg, sum, "last-month", now, TZ).value).toBe(3);
    expect(valueInPeriod(agg, sum, "this-year", now, TZ).value).toBe(8);
    expect(monthHistory(agg, sum, now, TZ).map((h) => [h.month, h.value.value])).toEqual([["2026-04", 5], ["2026-03", 3]]);
    // in UTC both fall in March
    expect(valueInPeriod(agg, sum, "this-month", now, "UTC").value).toBe(5);
  });

  it("rates are aware/surveyed over batches, and survey counts include them", () => {
    const agg = createAggregates(campaign, TZ);
    apply(agg, rec("r", 5000, "2026-06-30T04:00:00Z", { aware: 4700 }));
    const batch = rec("r", 200, "2026-07-02T04:00:00Z", { aware: 190 });
    apply(agg, batch);
    apply(agg, rec("f", 300, "2026-07-03T04:00:00Z"));
    const now = new Date("2026-07-10T00:00:00Z");
    const v = currentValue(agg, rate, now, TZ);
    expect(v).toMatchObject({ kind: "rate", surveyed: 5200, aware: 4890 });
    expect(v.value).toBeCloseTo((100 * 4890) / 5200, 6);
    expect(currentValue(agg, forms, now, TZ).value).toBe(5500);
    expect(valueInPeriod(agg, rate, "this-month", now, TZ).value).toBe(95);
    unapply(agg, batch);
    expect(currentValue(agg, rate, now, TZ).value).toBe(94);
    expect(currentValue(agg, forms, now, TZ).value).toBe(5300);
  });

  it("a rate with no surveys has no value", () => {
    const agg = createAggregates(campaign, TZ);
    expect(currentValue(agg, rate, new Date(), TZ).value).toBeNull();
  });

  it("per-period: current period when it has records, else the latest; average over periods", () => {
    const agg = createAggregates(campaign, TZ);
    apply(agg, rec("w", 200, "2026-06-30T04:00:00Z")); // week of Mon 2026-06-29
    apply(agg, rec("w", 150, "2026-07-07T04:00:00Z")); // week of Mon 2026-07-06
    apply(agg, rec("w", 10, "2026-07-08T04:00:00Z"));
    let v = currentValue(agg, weekly, new Date("2026-07-09T04:00:00Z"), TZ);
    expect(v).toMatchObject({ kind: "per-period", value: 160, periodKey: "2026-07-06", isCurrent: true, periods: 2, average: 180 });
    v = currentValue(agg, weekly, new Date("2026-07-20T04:00:00Z"), TZ);
    expect(v).toMatchObject({ value: 160, periodKey: "2026-07-06", isCurrent: false });
    expect(valueInPeriod(agg, weekly, "this-week", new Date("2026-07-09T04:00:00Z"), TZ).value).toBe(160);
    expect(valueInPeriod(agg, weekly, "last-week", new Date("2026-07-09T04:00:00Z"), TZ).value).toBe(200);
    apply(agg, rec("m", 400, "2026-06-15T04:00:00Z"));
    apply(agg, rec("m", 300, "2026-07-15T04:00:00Z"));
    expect(currentValue(agg, monthly, new Date("2026-07-20T04:00:00Z"), TZ)).toMatchObject({ value: 300, periodKey: "2026-07", average: 350 });
  });

  it("keeps the most recent records newest first", () => {
    const agg = createAggregates(campaign, TZ);
    for (let d = 1; d <= 25; d++) apply(agg, rec("s", d, `2026-01-${String(d).padStart(2, "0")}T04:00:00Z`));
    apply(agg, rec("s", 99, "2025-12-01T04:00:00Z"));
    expect(recentRecords(agg, sum, 5).map((r) => r.amount)).toEqual([25, 24, 23, 22, 21]);
  });

  it("reads in O(metrics) after a million records", () => {
    const agg = createAggregates(campaign, TZ);
    const start = Date.parse("2026-01-01T00:00:00Z");
    const t0 = performance.now();
    for (let i = 0; i < 1_000_000; i++) apply(agg, { id: `x${i}`, metricId: "s", amount: 1, at: new Date(start + i * 30_000).toISOString(), by: null, source: "attendance" });
    const built = performance.now() - t0;
    const t1 = performance.now();
    for (let i = 0; i < 1000; i++) valueInPeriod(agg, sum, "this-year", new Date("2026-12-01T00:00:00Z"), TZ);
    const read = (performance.now() - t1) / 1000;
    expect(currentValue(agg, sum, new Date(), TZ).value).toBe(1_000_000);
    expect(read).toBeLessThan(1);
    expect(built).toBeLessThan(15_000);
  });
});
