import type { Localized } from "../translate.js";
import { createAggregates, currentValue, type Aggregates, type Bucket, type MetricAggregate } from "./aggregates.js";
import { emptyBucket, periodAmount } from "./aggregate-queries.js";
import { targetOf } from "./format.js";
import type { Campaign, MetricDef } from "./metric.js";

/** One community's campaign figures, as the district sees them. */
export interface CommunityFigures {
  slug: string;
  /** its display name (data/community.json); absent: the slug is shown */
  name?: Localized;
  aggregates: Aggregates;
  targets: Readonly<Record<string, number>>;
}

/** Every community's figures summed: aggregates and targets that /progress's rendering reads as one campaign. */
export interface DistrictFigures {
  communities: number;
  aggregates: Aggregates;
  targets: Record<string, number>;
}

/**
 * Sums the communities' figures, metric by metric:
 * - sums: the amounts added up, targets added up;
 * - rates: aware and surveyed added up, so the rate is everyone aware ÷ everyone surveyed (a
 *   community that surveyed 1,000 weighs ten times one that surveyed 100; never a mean of rates),
 *   the target the communities' targets weighted by how many each surveyed;
 * - per period: each period (week or month, the same key in every community) is the sum of the
 *   communities' figures for it, each figure taken as its own /progress takes it (a head count, or
 *   attendance marks only when nobody counted the crowd yet: those stay apart as pending); targets
 *   (a value per period) added up.
 * The result has no recent records (they are each community's own).
 */
export function sumDistrict(campaign: Campaign, communities: readonly CommunityFigures[], tz: string): DistrictFigures {
  const aggregates = createAggregates(campaign, tz);
  const targets: Record<string, number> = {};
  for (const metric of campaign.metrics) {
    const into = aggregates.byMetric.get(metric.id);
    if (into === undefined) continue;
    const parts = communities.map((c) => c.aggregates.byMetric.get(metric.id)).filter((m) => m !== undefined);
    for (const part of parts) addBucket(into.total, part.total);
    if (metric.kind === "per-period") {
      into.months = sumPeriods(parts.map((p) => p.months));
      into.weeks = sumPeriods(parts.map((p) => p.weeks));
    } else {
      for (const part of parts) {
        addMap(into.months, part.months);
        addMap(into.weeks, part.weeks);
      }
    }
    targets[metric.id] = districtTarget(metric, communities);
  }
  return { communities: communities.length, aggregates, targets };
}

function addBucket(into: Bucket, b: Bucket): void {
  into.amount += b.amount;
  into.surveyed += b.surveyed;
  into.aware += b.aware;
  into.count += b.count;
  into.marked += b.marked;
  into.counts += b.counts;
}

function addAt(into: Map<string, Bucket>, key: string, b: Bucket): void {
  let sum = into.get(key);
  if (sum === undefined) into.set(key, (sum = emptyBucket()));
  addBucket(sum, b);
}

function addMap(into: Map<string, Bucket>, from: ReadonlyMap<string, Bucket>): void {
  for (const [key, b] of from) addAt(into, key, b);
}

/**
 * Per-period buckets summed so that `periodAmount` of the sum is the sum of the communities'
 * figures: a counted period contributes its figure (head count vs marks already decided), a
 * period with marks only contributes to a marks-only part, shown only when nobody counted.
 */
function sumPeriods(maps: readonly ReadonlyMap<string, Bucket>[]): Map<string, Bucket> {
  const counted = new Map<string, Bucket>();
  const marksOnly = new Map<string, Bucket>();
  for (const map of maps) {
    for (const [key, b] of map) {
      const figure: Bucket = b.counts > 0
        ? { ...emptyBucket(), amount: periodAmount(b), count: b.count, counts: b.counts }
        : { ...emptyBucket(), amount: b.marked, marked: b.marked, count: b.count };
      addAt(b.counts > 0 ? counted : marksOnly, key, figure);
    }
  }
  for (const [key, b] of marksOnly) if (!counted.has(key)) counted.set(key, b);
  return counted;
}

function districtTarget(metric: MetricDef, communities: readonly CommunityFigures[]): number {
  if (communities.length === 0) return metric.target;
  const own = communities.map((c) => targetOf(metric, c.targets));
  if (metric.kind !== "rate") return own.reduce((a, b) => a + b, 0);
  const weights = communities.map((c) => c.aggregates.byMetric.get(metric.id)?.total.surveyed ?? 0);
  const surveyed = weights.reduce((a, b) => a + b, 0);
  if (surveyed <= 0) return own.reduce((a, b) => a + b, 0) / own.length;
  return own.reduce((sum, target, i) => sum + target * (weights[i] ?? 0), 0) / surveyed;
}

/** One community's line in a metric's breakdown. */
export interface CommunityStanding {
  slug: string;
  name?: Localized;
  /** the figure compared with the target: a rate (null with no surveys), a sum, or the period's figure (null: not counted) */
  value: number | null;
  target: number;
  /** rates only */
  surveyed: number;
  aware: number;
}

/**
 * A metric per community, each figure the part it adds to the district's: a sum's total, a rate's
 * own aware ÷ surveyed, a per-period metric's figure in the district's period (`periodKey`, the
 * latest one counted anywhere), null where that community has no head count for it.
 */
export function districtBreakdown(metric: MetricDef, communities: readonly CommunityFigures[], district: DistrictFigures, now: Date, tz: string): { rows: CommunityStanding[]; periodKey: string | null } {
  const current = currentValue(district.aggregates, metric, now, tz);
  const periodKey = current.kind === "per-period" ? current.periodKey : null;
  const rows = communities.map((c): CommunityStanding => {
    const ma: MetricAggregate | undefined = c.aggregates.byMetric.get(metric.id);
    const total = ma?.total ?? emptyBucket();
    const base = { slug: c.slug, ...(c.name ? { name: c.name } : {}), target: targetOf(metric, c.targets), surveyed: total.surveyed, aware: total.aware };
    if (metric.kind === "sum") return { ...base, value: total.amount };
    if (metric.kind === "rate") return { ...base, value: total.surveyed > 0 ? (100 * total.aware) / total.surveyed : null };
    const b = periodKey === null ? undefined : (metric.period === "month" ? ma?.months : ma?.weeks)?.get(periodKey);
    return { ...base, value: b !== undefined && b.counts > 0 ? periodAmount(b) : null };
  });
  return { rows, periodKey };
}
