import { percentOf, type Aggregates, type Bucket, type Campaign, type MetricDef, type ProgressRecord } from "../domain/campaign/index.js";
import { emptyBucket, periodAmount } from "../domain/campaign/aggregate-queries.js";
import { monthOf } from "../domain/campaign/local-time.js";
import { isApproxFigure, type ReportMetric, type ReportPeriod } from "../domain/report/index.js";

const add = (a: Bucket, b: Bucket): void => {
  a.amount += b.amount;
  a.surveyed += b.surveyed;
  a.aware += b.aware;
  a.count += b.count;
  a.marked += b.marked;
  a.counts += b.counts;
};
const empty = emptyBucket;
const rate = (b: Bucket): number | null => (b.surveyed > 0 ? (100 * b.aware) / b.surveyed : null);

/** Months of the seed figures the data gives as approximate ("300多车"), per metric (and the metrics including it). */
function approxSeeds(records: readonly ProgressRecord[], agg: Aggregates): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of records) {
    if (r.source !== "seed" || !isApproxFigure(r.note)) continue;
    const month = monthOf(agg.localDate(Date.parse(r.at)));
    for (const id of [r.metricId, ...(agg.includedIn.get(r.metricId) ?? [])]) out.set(id, month);
  }
  return out;
}

/**
 * The latest counted per-period value before the period's end (weeks are keyed by their Monday): a
 * period with only people marked one by one is not counted yet (see `periodAmount`).
 */
function latestPerPeriod(map: Map<string, Bucket>, endKey: string): number | null {
  let best: string | undefined;
  for (const [key, b] of map) if (b.counts > 0 && key < endKey && (best === undefined || key > best)) best = key;
  return best === undefined ? null : periodAmount(map.get(best) ?? emptyBucket());
}

function metricFigure(m: MetricDef, agg: Aggregates, period: ReportPeriod, target: number, approxMonth: string | undefined): ReportMetric {
  const ma = agg.byMetric.get(m.id);
  const inPeriod = empty();
  const toEnd = empty();
  const last = period.months[period.months.length - 1] ?? period.key;
  for (const [key, b] of ma?.months ?? []) {
    if (period.months.includes(key)) add(inPeriod, b);
    if (key <= last) add(toEnd, b);
  }
  let change: number | null = inPeriod.amount;
  let total: number | null = toEnd.amount;
  if (m.kind === "rate") {
    change = rate(inPeriod);
    total = rate(toEnd);
  } else if (m.kind === "per-period") {
    total = latestPerPeriod(m.period === "week" ? (ma?.weeks ?? new Map()) : (ma?.months ?? new Map()), m.period === "week" ? period.until : `${last}~`);
  }
  return {
    id: m.id,
    name: m.name,
    unit: m.unit,
    kind: m.kind,
    change,
    changeCount: inPeriod.count,
    total,
    target,
    percent: percentOf(total, target),
    approxChange: approxMonth !== undefined && period.months.includes(approxMonth),
    approxTotal: approxMonth !== undefined && approxMonth <= last && m.kind !== "rate",
  };
}

/**
 * Every campaign figure for a report period: what was recorded in it, the total up to its end,
 * the target and the percent reached; read from the running aggregates' month buckets.
 */
export function reportMetrics(campaign: Campaign, agg: Aggregates, records: readonly ProgressRecord[], targets: Record<string, number>, period: ReportPeriod): ReportMetric[] {
  const approx = approxSeeds(records, agg);
  return campaign.metrics.map((m) => metricFigure(m, agg, period, targets[m.id] ?? m.target, approx.get(m.id)));
}
