import type { MetricDef, ProgressRecord } from "./metric.js";
import type { Aggregates, Bucket, CurrentValue, MetricAggregate, PeriodName, PeriodValue } from "./aggregates.js";
import { addMonths, addWeeks, createLocalDate, monthOf, weekOf } from "./local-time.js";

/** A bucket with nothing in it. */
export const emptyBucket = (): Bucket => ({ amount: 0, surveyed: 0, aware: 0, count: 0, marked: 0, counts: 0 });

/**
 * A per-period metric's value for one period. Staff head counts (seed, /record) and attendance
 * (people marked one by one, plus walk-ins) count the same people, so they are not added: the period
 * is the larger of the two. One mark can then never pull a counted 200 down to 1, and walk-ins
 * (`+180`) let attendance stand for the whole crowd.
 */
export function periodAmount(b: Bucket): number {
  return Math.max(b.amount - b.marked, b.marked);
}

/** Today's local date; reuses the aggregates' cached formatter when the zone is the same. */
function localToday(agg: Aggregates, now: Date, tz: string): string {
  return (tz === agg.tz ? agg.localDate : createLocalDate(tz))(now.getTime());
}

function metricAgg(agg: Aggregates, metric: MetricDef): MetricAggregate {
  const ma = agg.byMetric.get(metric.id);
  if (ma === undefined) throw new Error(`metric ${metric.id} is not part of these aggregates`);
  return ma;
}

function toValue(metric: MetricDef, b: Bucket): PeriodValue {
  const value = metric.kind === "rate" ? (b.surveyed > 0 ? (100 * b.aware) / b.surveyed : null) : metric.kind === "per-period" ? periodAmount(b) : b.amount;
  return { value, amount: b.amount, surveyed: b.surveyed, aware: b.aware, count: b.count };
}

/** The keys (months or weeks) a named period covers, for `now` in `tz`. */
function periodSpan(agg: Aggregates, period: PeriodName, now: Date, tz: string): { map: "months" | "weeks"; keys: (k: string) => boolean } {
  const today = localToday(agg, now, tz);
  const month = monthOf(today);
  const week = weekOf(today);
  switch (period) {
    case "this-week":
      return { map: "weeks", keys: (k) => k === week };
    case "last-week":
      return { map: "weeks", keys: (k) => k === addWeeks(week, -1) };
    case "this-month":
      return { map: "months", keys: (k) => k === month };
    case "last-month":
      return { map: "months", keys: (k) => k === addMonths(month, -1) };
    case "this-year":
      return { map: "months", keys: (k) => k.startsWith(today.slice(0, 4)) };
    case "all":
      return { map: "months", keys: () => true };
  }
}

/** A metric's figure within a named period (rates are aware/surveyed of the records in it). */
export function valueInPeriod(agg: Aggregates, metric: MetricDef, period: PeriodName, now: Date, tz: string): PeriodValue {
  const ma = metricAgg(agg, metric);
  if (period === "all") return toValue(metric, ma.total);
  const span = periodSpan(agg, period, now, tz);
  const sum = emptyBucket();
  // at most one bucket per month/week: O(periods), never O(records)
  for (const [key, b] of ma[span.map]) {
    if (!span.keys(key)) continue;
    sum.amount += b.amount;
    sum.surveyed += b.surveyed;
    sum.aware += b.aware;
    sum.count += b.count;
    sum.marked += b.marked;
    sum.counts += b.counts;
  }
  return toValue(metric, sum);
}

/**
 * The headline figure: sum → total; rate → 100·aware/surveyed; per-period → the latest period up to
 * the current one that has a head count (seed, /record or walk-ins), with the average over such
 * periods. A later period with attendance marks only is `pending`: a few marks are not the crowd.
 */
export function currentValue(agg: Aggregates, metric: MetricDef, now: Date, tz: string): CurrentValue {
  const ma = metricAgg(agg, metric);
  if (metric.kind === "sum") return { kind: "sum", value: ma.total.amount };
  if (metric.kind === "rate") {
    const v = toValue(metric, ma.total);
    return { kind: "rate", value: v.value, surveyed: v.surveyed, aware: v.aware };
  }
  const today = localToday(agg, now, tz);
  const buckets = metric.period === "month" ? ma.months : ma.weeks;
  const current = metric.period === "month" ? monthOf(today) : weekOf(today);
  let latest: string | null = null;
  let marksOnly: string | null = null;
  let sum = 0;
  let periods = 0;
  for (const [key, b] of buckets) {
    if (b.counts <= 0) {
      if (key <= current && (marksOnly === null || key > marksOnly)) marksOnly = key;
      continue;
    }
    sum += periodAmount(b);
    periods++;
    if (key <= current && (latest === null || key > latest)) latest = key;
  }
  const value = latest === null ? 0 : periodAmount(buckets.get(latest) ?? emptyBucket());
  const pending = marksOnly !== null && (latest === null || marksOnly > latest) ? { periodKey: marksOnly, marked: buckets.get(marksOnly)?.marked ?? 0 } : undefined;
  return {
    kind: "per-period",
    value,
    periodKey: latest,
    isCurrent: latest === current,
    average: periods === 0 ? 0 : sum / periods,
    periods,
    ...(pending ? { pending } : {}),
  };
}

/** Per-month values, newest first, of the `count` months ending with the month of `now` (only months with records). */
export function monthHistory(agg: Aggregates, metric: MetricDef, now: Date, tz: string, count = 12): { month: string; value: PeriodValue }[] {
  const ma = metricAgg(agg, metric);
  const month = monthOf(localToday(agg, now, tz));
  const out: { month: string; value: PeriodValue }[] = [];
  for (let i = 0; i < count; i++) {
    const key = addMonths(month, -i);
    const b = ma.months.get(key);
    if (b !== undefined) out.push({ month: key, value: toValue(metric, b) });
  }
  return out;
}

/** The most recent records of a metric, newest first. */
export function recentRecords(agg: Aggregates, metric: MetricDef, count = 5): ProgressRecord[] {
  return metricAgg(agg, metric).recent.slice(0, count);
}
