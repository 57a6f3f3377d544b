/**
 * The PostgreSQL campaign repository beyond the contract: two instances on one database see each
 * other's writes at their next read (the version moves), attendance marked on both at once counts
 * once, and figures rebuilt from records written directly (an import, a COPY) equal the domain's
 * fold of those records.
 */
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { apply, createAggregates, currentValue, findMetric, type Aggregates, type ProgressRecord } from "../../../src/domain/campaign/index.js";
import { loadCampaign } from "../../../src/store/campaign-catalog.js";
import { createPgCampaignRepo, rebuildPgCampaignFigures } from "../../../src/store/postgres/campaign-pg.js";
import { createPgDatabase, type PgDb } from "../../../src/store/postgres/database.js";
import { migrateToLatest } from "../../../src/store/postgres/migrations.js";
import { usePgCluster } from "../../helpers/pg-cluster.js";

const TZ = "Asia/Shanghai";
const NOW = new Date("2026-11-10T04:00:00Z");
const pg = usePgCluster();
let pools: PgDb[] = [];
afterEach(async () => {
  await Promise.all(pools.map((p) => p.destroy()));
  pools = [];
});

/** Two instances' pools on one fresh, migrated database. */
async function twoInstances(): Promise<[PgDb, PgDb]> {
  const url = await pg.freshDatabase();
  pools = [createPgDatabase(url), createPgDatabase(url)];
  await migrateToLatest(pools[0] as PgDb);
  return pools as [PgDb, PgDb];
}
const bucketsOf = (agg: Aggregates) => [...agg.byMetric].map(([id, m]) => ({ id, total: m.total, months: [...m.months].sort(), weeks: [...m.weeks].sort() }));

describe("PostgreSQL campaign repository", () => {
  it("a record on one instance is in the other's next figures; attendance marked on both at once counts once", async () => {
    const loaded = await loadCampaign("data");
    const [a, b] = await twoInstances();
    const options = { ...loaded, timezone: TZ };
    const [one, two] = await Promise.all([createPgCampaignRepo(a, "c", () => NOW, options), createPgCampaignRepo(b, "c", () => NOW, options)]);
    expect(await one.records()).toHaveLength(loaded.seedRecords.length); // seeded once, though both opened at once
    const metric = findMetric(loaded.campaign, "garbage_cleared")!;
    const value = async () => currentValue((await two.figures()).aggregates, metric, NOW, TZ).value;
    const before = await value();
    const { version } = await two.figures();
    await one.record(7, { metricId: "garbage_cleared", amount: 12 });
    expect((await two.figures()).version).toBeGreaterThan(version);
    expect(await value()).toBe((before ?? 0) + 12);
    const mark: ProgressRecord = { id: "attendance:cleanup-day:2026-11-28:9:weekly_cleanup_participants", metricId: "weekly_cleanup_participants", amount: 1, at: NOW.toISOString(), by: 9, source: "attendance" };
    const marks = async () => (await one.figures()).aggregates.byMetric.get("weekly_cleanup_participants")?.total.count ?? 0;
    const seeded = await marks();
    const added = await Promise.all([one.addAttendance([mark]), two.addAttendance([mark]), one.addAttendance([mark])]);
    expect(added.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await marks()).toBe(seeded + 1);
  });

  it("figures rebuilt from records written directly equal the domain's fold, and the communities stay apart", async () => {
    const loaded = await loadCampaign("data");
    const [db] = await twoInstances();
    const options = { ...loaded, timezone: TZ };
    const repo = await createPgCampaignRepo(db, "c", () => NOW, options);
    const other = await createPgCampaignRepo(db, "other", () => NOW, options);
    const ids = loaded.campaign.metrics.map((m) => m.id);
    // 20,000 records over two years, every metric, some with aware counts, some attendance
    await sql`
      INSERT INTO campaign_records (community, id, metric_id, amount, aware, at, by, source, walk_ins)
      SELECT 'c', 'bulk' || i, (${ids}::text[])[1 + i % ${ids.length}], 1 + i % 7, CASE WHEN i % 5 = 0 THEN i % 2 END,
             timestamptz '2025-01-01 00:00:00+00' + (i * interval '47 minutes'), NULL,
             CASE WHEN i % 4 = 0 THEN 'attendance' ELSE 'staff' END, CASE WHEN i % 8 = 0 THEN true END
      FROM generate_series(1, 20000) AS i`.execute(db);
    const untouched = (await other.figures()).version;
    await rebuildPgCampaignFigures(db, "c", options);
    const fold = createAggregates(loaded.campaign, TZ);
    for (const r of await repo.records()) apply(fold, r);
    expect(bucketsOf((await repo.figures()).aggregates)).toEqual(bucketsOf(fold));
    expect((await other.figures()).version).toBe(untouched);
    expect((await other.records()).length).toBe(loaded.seedRecords.length);
  }, 60_000);
});
