import type { Campaign, ProgressRecord } from "./metric.js";
import { createLocalDate, monthOf, weekOf, type LocalDateFn } from "./local-time.js";
import { emptyBucket } from "./aggregate-queries.js";

/**
 * Sums of records in some span. `surveyed` only counts records that carry an `aware` count.
 * `marked` is the part of `amount` that came from attendance (marks and walk-ins); `counts` is how
 * many records are head counts (seed, staff, walk-ins), so a span with marks only is provisional.
 */
export interface Bucket {
  amount: number;
  surveyed: number;
  aware: number;
  count: number;
  marked: number;
  counts: number;
}

/** Running figures of one metric; everything a reply needs without touching the records. */
export interface MetricAggregate {
  total: Bucket;
  /** Keyed `YYYY-MM` in the aggregates' time zone. */
  months: Map<string, Bucket>;
  /** Keyed by the week's Monday, `YYYY-MM-DD`. */
  weeks: Map<string, Bucket>;
  /** The most recent records (newest first), at most RECENT_LIMIT. */
  recent: ProgressRecord[];
}

/** Running aggregates over all progress records, O(metrics) to read. */
export interface Aggregates {
  tz: string;
  byMetric: Map<string, MetricAggregate>;
  /** metric id → ids of metrics that also count its records (awareness_rate → awareness_surveys). */
  includedIn: Map<string, string[]>;
  localDate: LocalDateFn;
}

const RECENT_LIMIT = 20;

/** Which period a figure is asked for. */
export type PeriodName = "this-week" | "last-week" | "this-month" | "last-month" | "this-year" | "all";

/** A metric's figure in a period: `value` is the rate (0–100, null with no surveys) or the amount. */
export interface PeriodValue {
  value: number | null;
  amount: number;
  surveyed: number;
  aware: number;
  count: number;
}

/** The headline figure of a metric; `value` is what is compared with the target. */
export type CurrentValue =
  | { kind: "sum"; value: number }
  | { kind: "rate"; value: number | null; surveyed: number; aware: number }
  | {
      kind: "per-period";
      /** Value of the latest counted period up to the current one (see `periodAmount`); 0 with none. */
      value: number;
      /** That period: a week's Monday `YYYY-MM-DD` or a month `YYYY-MM`; null when none is counted. */
      periodKey: string | null;
      isCurrent: boolean;
      /** Average over the counted periods (empty periods are not known to be zero). */
      average: number;
      periods: number;
      /** A later period with attendance marks but no head count yet: shown apart, never as the figure. */
      pending?: { periodKey: string; marked: number };
    };


/**
 * Creates empty aggregates for a campaign. Month and week buckets are keyed in `tz` (the community
 * time zone); pass the same zone to the readers.
 */
export function createAggregates(campaign: Campaign, tz = "Asia/Shanghai"): Aggregates {
  const byMetric = new Map<string, MetricAggregate>();
  const includedIn = new Map<string, string[]>();
  for (const m of campaign.metrics) {
    byMetric.set(m.id, { total: emptyBucket(), months: new Map(), weeks: new Map(), recent: [] });
    for (const source of m.includes ?? []) includedIn.set(source, [...(includedIn.get(source) ?? []), m.id]);
  }
  return { tz, byMetric, includedIn, localDate: createLocalDate(tz) };
}

/** Adds a record. Returns false (and changes nothing) for an unknown metric or a bad instant. */
export function apply(agg: Aggregates, record: ProgressRecord): boolean {
  return change(agg, record, 1);
}

/** Takes a previously applied record back out (for /undo and /forgetme). */
export function unapply(agg: Aggregates, record: ProgressRecord): boolean {
  return change(agg, record, -1);
}

function change(agg: Aggregates, record: ProgressRecord, sign: 1 | -1): boolean {
  const ms = Date.parse(record.at);
  if (!agg.byMetric.has(record.metricId) || Number.isNaN(ms)) return false;
  const date = agg.localDate(ms);
  const targets = [record.metricId, ...(agg.includedIn.get(record.metricId) ?? [])];
  for (const id of targets) {
    const ma = agg.byMetric.get(id);
    if (ma === undefined) continue;
    // an including metric (a plain sum) takes the amount only
    const withRate = id === record.metricId && record.aware !== undefined;
    addTo(ma.total, record, sign, withRate);
    bump(ma.months, monthOf(date), record, sign, withRate);
    bump(ma.weeks, weekOf(date), record, sign, withRate);
    if (sign === 1) remember(ma.recent, record);
    else forget(ma.recent, record.id);
  }
  return true;
}

function addTo(b: Bucket, r: ProgressRecord, sign: number, withRate: boolean): void {
  b.amount += sign * r.amount;
  b.count += sign;
  if (r.source === "attendance") b.marked += sign * r.amount;
  if (r.source !== "attendance" || r.walkIns === true) b.counts += sign;
  if (withRate) {
    b.surveyed += sign * r.amount;
    b.aware += sign * (r.aware ?? 0);
  }
}

function bump(map: Map<string, Bucket>, key: string, r: ProgressRecord, sign: number, withRate: boolean): void {
  let b = map.get(key);
  if (b === undefined) map.set(key, (b = emptyBucket()));
  addTo(b, r, sign, withRate);
  if (b.count <= 0) map.delete(key);
}

function remember(recent: ProgressRecord[], r: ProgressRecord): void {
  const last = recent[recent.length - 1];
  if (recent.length >= RECENT_LIMIT && last !== undefined && last.at >= r.at) return;
  let i = recent.findIndex((x) => x.at < r.at);
  if (i === -1) i = recent.length;
  recent.splice(i, 0, r);
  if (recent.length > RECENT_LIMIT) recent.pop();
}

function forget(recent: ProgressRecord[], id: string): void {
  const i = recent.findIndex((x) => x.id === id);
  if (i !== -1) recent.splice(i, 1);
}

export { currentValue, monthHistory, periodAmount, recentRecords, valueInPeriod } from "./aggregate-queries.js";
