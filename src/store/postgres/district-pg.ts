/**
 * The district over PostgreSQL: every community's running figures (`campaign_buckets`, kept by each
 * community's own campaign repository) and targets, read in one snapshot. The communities are those
 * with a campaign (`campaign_state`) or notices (`notice_books`). Only what the district's figures
 * need is read: each metric's total, and the week or month buckets of per-period metrics; and it is
 * read again only when some community's campaign version moved.
 */
import { sql } from "kysely";
import { createAggregates, type Campaign, type CommunityFigures } from "../../domain/campaign/index.js";
import type { Localized } from "../../domain/translate.js";
import type { DistrictRepo } from "../district-repo.js";
import type { PgDb } from "./database.js";

export interface PgDistrictOptions {
  campaign: Campaign;
  /** the data's targets, for a community that set none of its own */
  defaultTargets: Readonly<Record<string, number>>;
  timezone: string;
  /** display names by slug (data/community.json of the communities this instance knows) */
  names: ReadonlyMap<string, Localized>;
}

interface BucketRow {
  community: string; metric_id: string; span: string; key: string;
  amount: number; surveyed: number; aware: number; count: number; marked: number; counts: number;
}

export function createPgDistrictRepo(db: PgDb, o: PgDistrictOptions): DistrictRepo {
  const { campaign } = o;
  const periodMetrics = (period: "week" | "month") => campaign.metrics.filter((m) => m.kind === "per-period" && m.period === period).map((m) => m.id);
  const weekly = periodMetrics("week");
  const monthly = periodMetrics("month");
  let cached: { key: string; communities: CommunityFigures[] } | undefined;

  return {
    communities: () =>
      db.transaction().setIsolationLevel("repeatable read").execute(async (tx) => {
        const states = await sql<{ community: string; version: string }>`
          SELECT community, coalesce(s.version, -1)::text AS version
          FROM (SELECT community FROM campaign_state UNION SELECT community FROM notice_books) c
          LEFT JOIN campaign_state s USING (community)
          ORDER BY community`.execute(tx);
        const key = states.rows.map((r) => `${r.community}:${r.version}`).join(",");
        if (cached?.key === key) return cached.communities;
        const buckets = await sql<BucketRow>`
          SELECT community, metric_id, span, key, amount, surveyed, aware, count, marked, counts FROM campaign_buckets
          WHERE span = 'total' OR (span = 'week' AND metric_id = ANY(${weekly}::text[])) OR (span = 'month' AND metric_id = ANY(${monthly}::text[]))`.execute(tx);
        const set = await tx.selectFrom("campaign_targets").select(["community", "metric_id", "target"]).execute();
        const bySlug = new Map<string, CommunityFigures & { targets: Record<string, number> }>();
        for (const { community: slug } of states.rows) {
          const name = o.names.get(slug);
          bySlug.set(slug, { slug, ...(name ? { name } : {}), aggregates: createAggregates(campaign, o.timezone), targets: { ...o.defaultTargets } });
        }
        for (const b of buckets.rows) {
          const ma = bySlug.get(b.community)?.aggregates.byMetric.get(b.metric_id);
          if (ma === undefined) continue;
          const bucket = { amount: Number(b.amount), surveyed: Number(b.surveyed), aware: Number(b.aware), count: Number(b.count), marked: Number(b.marked), counts: Number(b.counts) };
          if (b.span === "total") ma.total = bucket;
          else (b.span === "month" ? ma.months : ma.weeks).set(b.key, bucket);
        }
        for (const t of set) {
          const c = bySlug.get(t.community);
          if (c !== undefined) c.targets[t.metric_id] = t.target;
        }
        cached = { key, communities: [...bySlug.values()] };
        return cached.communities;
      }),
  };
}
