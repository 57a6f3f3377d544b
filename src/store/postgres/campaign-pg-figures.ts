/**
 * The campaign's figures on PostgreSQL. Every write moves `campaign_buckets` in its own transaction
 * (`moveBuckets`, computed in SQL from the records it touches), so /progress reads a few rows per
 * metric and period, never the records: millions of records cost it nothing. A figure goes to its
 * own metric and to every metric that includes it (amount only), by week (Monday) and month in the
 * community's time zone, exactly as the domain's `apply` does it for the JSON store.
 */
import { sql, type RawBuilder } from "kysely";
import { createAggregates, type Aggregates, type Campaign, type ProgressRecord } from "../../domain/campaign/index.js";
import type { PgDb } from "./database.js";
import { recordOfRow, type RecordRow } from "./campaign-pg-rows.js";

/** The database or a transaction on it. */
type Q = PgDb;

const RECENT_LIMIT = 20;

/** Which metric's figure a record's metric feeds: itself (`own`) and the metrics including it. */
export function feedPairs(campaign: Campaign): { sources: string[]; targets: string[] } {
  const sources: string[] = [];
  const targets: string[] = [];
  for (const m of campaign.metrics) {
    sources.push(m.id);
    targets.push(m.id);
    for (const inc of m.includes ?? []) {
      sources.push(inc);
      targets.push(m.id);
    }
  }
  return { sources, targets };
}

/**
 * Adds (`sign` 1) or takes out (-1) the records with these ids from the buckets; call it after
 * inserting them, or before deleting them, inside the write's transaction.
 */
export async function moveBuckets(q: Q, community: string, campaign: Campaign, tz: string, ids: readonly string[], sign: 1 | -1): Promise<void> {
  if (ids.length === 0) return;
  await bucketsOf(q, community, campaign, tz, sql`r.id = ANY(${[...ids]}::text[])`, sign);
  if (sign === -1) await q.deleteFrom("campaign_buckets").where("community", "=", community).where("count", "<=", 0).execute();
}

/**
 * Computes the buckets again from every record of the community (after records were written
 * without `moveBuckets`: an import, a COPY); run it in a transaction that holds the campaign lock.
 */
export async function rebuildBuckets(q: Q, community: string, campaign: Campaign, tz: string): Promise<void> {
  await q.deleteFrom("campaign_buckets").where("community", "=", community).execute();
  await bucketsOf(q, community, campaign, tz, sql`true`, 1);
}

async function bucketsOf(q: Q, community: string, campaign: Campaign, tz: string, which: RawBuilder<unknown>, sign: 1 | -1): Promise<void> {
  const { sources, targets } = feedPairs(campaign);
  await sql`
    INSERT INTO campaign_buckets AS b (community, metric_id, span, key, amount, surveyed, aware, count, marked, counts)
    SELECT ${community}, f.target, s.span, s.key,
      ${sign} * sum(r.amount),
      ${sign} * sum(CASE WHEN f.target = r.metric_id AND r.aware IS NOT NULL THEN r.amount ELSE 0 END),
      ${sign} * sum(CASE WHEN f.target = r.metric_id AND r.aware IS NOT NULL THEN r.aware ELSE 0 END),
      ${sign} * count(*),
      ${sign} * sum(CASE WHEN r.source = 'attendance' THEN r.amount ELSE 0 END),
      ${sign} * count(*) FILTER (WHERE r.source <> 'attendance' OR r.walk_ins IS TRUE)
    FROM campaign_records r
    JOIN unnest(${sources}::text[], ${targets}::text[]) AS f(source, target) ON f.source = r.metric_id
    CROSS JOIN LATERAL (VALUES
      ('total', ''),
      ('month', to_char(r.at AT TIME ZONE ${tz}, 'YYYY-MM')),
      ('week', to_char(date_trunc('week', r.at AT TIME ZONE ${tz}), 'YYYY-MM-DD'))) AS s(span, key)
    WHERE r.community = ${community} AND ${which}
    GROUP BY f.target, s.span, s.key
    ORDER BY f.target, s.span, s.key
    ON CONFLICT (community, metric_id, span, key) DO UPDATE SET
      amount = b.amount + excluded.amount, surveyed = b.surveyed + excluded.surveyed,
      aware = b.aware + excluded.aware, count = b.count + excluded.count,
      marked = b.marked + excluded.marked, counts = b.counts + excluded.counts`.execute(q);
}

/** Reads the buckets and each metric's newest records into aggregates (O(metrics × periods) rows). */
export async function readAggregates(q: Q, community: string, campaign: Campaign, tz: string): Promise<Aggregates> {
  const agg = createAggregates(campaign, tz);
  const buckets = await q.selectFrom("campaign_buckets").selectAll().where("community", "=", community).execute();
  for (const b of buckets) {
    const ma = agg.byMetric.get(b.metric_id);
    if (ma === undefined) continue;
    const bucket = { amount: b.amount, surveyed: b.surveyed, aware: b.aware, count: b.count, marked: b.marked, counts: b.counts };
    if (b.span === "total") ma.total = bucket;
    else (b.span === "month" ? ma.months : ma.weeks).set(b.key, bucket);
  }
  const ids = campaign.metrics.map((m) => m.id);
  const recent = await sql<RecordRow>`
    SELECT r.* FROM unnest(${ids}::text[]) AS m(id)
    CROSS JOIN LATERAL (SELECT * FROM campaign_records c WHERE c.community = ${community} AND c.metric_id = m.id
                        ORDER BY c.at DESC, c.seq LIMIT ${RECENT_LIMIT}) r`.execute(q);
  const newest = new Map<string, (ProgressRecord & { seq: number })[]>();
  for (const row of recent.rows) {
    const list = newest.get(row.metric_id) ?? [];
    list.push({ ...recordOfRow(row), seq: row.seq });
    newest.set(row.metric_id, list);
  }
  for (const m of campaign.metrics) {
    const ma = agg.byMetric.get(m.id);
    if (ma === undefined) continue;
    const merged = [m.id, ...(m.includes ?? [])].flatMap((id) => newest.get(id) ?? []);
    merged.sort((a, b) => (a.at === b.at ? a.seq - b.seq : a.at < b.at ? 1 : -1));
    ma.recent = merged.slice(0, RECENT_LIMIT).map(({ seq: _seq, ...r }) => r);
  }
  return agg;
}
