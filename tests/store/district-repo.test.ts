/**
 * The district's read on both backends: each community's figures, recorded through that community's
 * own CampaignRepo, read side by side and summed (rates pooled as aware ÷ surveyed over all).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { currentValue, findMetric, sumDistrict, type Aggregates, type MetricDef } from "../../src/domain/campaign/index.js";
import { loadCampaign, type LoadedCampaign } from "../../src/store/campaign-catalog.js";
import { createCampaignRepo } from "../../src/store/campaign-repo.js";
import { createJsonDistrictRepo } from "../../src/store/district-repo.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { createPgCampaignRepo } from "../../src/store/postgres/campaign-pg.js";
import { createPgDistrictRepo } from "../../src/store/postgres/district-pg.js";
import { findCommunityName } from "../../src/store/report-data.js";
import { usePgCluster, usePgPools } from "../helpers/pg-cluster.js";

const TZ = "Asia/Shanghai";
const NOW = new Date("2026-11-25T04:00:00Z"); // its week: 2026-11-23
const LIUHE = { zh: "柳河社区", en: "Liuhe Community" };

let loaded: LoadedCampaign;
beforeEach(async () => {
  loaded = await loadCampaign("data");
});

const metric = (id: string): MetricDef => {
  const m = findMetric(loaded.campaign, id);
  if (m === undefined) throw new Error(id);
  return m;
};
const value = (agg: Aggregates, id: string) => currentValue(agg, metric(id), NOW, TZ).value;

describe("district on the JSON store", () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "district-"));
    store = await openStore({ file: join(dir, "db.json") });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("is the store's one community, named from data/community.json, with its own figures", async () => {
    const repo = await createCampaignRepo({ store, ...loaded, seedRecords: [], timezone: TZ, now: () => NOW });
    expect(await findCommunityName("data")).toEqual(LIUHE);
    const district = createJsonDistrictRepo(repo, { slug: "default", name: LIUHE });
    await repo.record(1, { metricId: "awareness_rate", amount: 100, aware: 90 });
    await repo.record(1, { metricId: "garbage_cleared", amount: 12 });
    await repo.setTarget("garbage_cleared", 40);
    const communities = await district.communities();
    expect(communities.map((c) => [c.slug, c.name])).toEqual([["default", LIUHE]]);
    const d = sumDistrict(loaded.campaign, communities, TZ);
    expect(d.communities).toBe(1);
    expect(value(d.aggregates, "awareness_rate")).toBe(90);
    expect(value(d.aggregates, "garbage_cleared")).toBe(12);
    expect(d.targets.garbage_cleared).toBe(40);
  });
});

describe("district on PostgreSQL", () => {
  const pg = usePgCluster();
  const pools = usePgPools(pg);

  it("reads every community's figures (each recorded through its own repository) and sums them, rates pooled", async () => {
    const [db] = await pools(1);
    const options = { ...loaded, seedRecords: [], timezone: TZ };
    const a = await createPgCampaignRepo(db!, "a", () => NOW, options);
    const b = await createPgCampaignRepo(db!, "b", () => NOW, options);
    await db!.insertInto("notice_books").values({ community: "c" }).execute(); // notices only, no campaign yet
    await a.record(1, { metricId: "awareness_rate", amount: 100, aware: 90 }); // 90%
    await b.record(2, { metricId: "awareness_rate", amount: 400, aware: 100 }); // 25%
    await a.record(1, { metricId: "garbage_cleared", amount: 300 });
    await b.record(2, { metricId: "garbage_cleared", amount: 50 });
    await a.setTarget("garbage_cleared", 500);
    await a.record(1, { metricId: "weekly_cleanup_participants", amount: 200 });
    await b.record(2, { metricId: "weekly_cleanup_participants", amount: 150 });

    const district = createPgDistrictRepo(db!, { campaign: loaded.campaign, defaultTargets: loaded.defaultTargets, timezone: TZ, names: new Map([["a", LIUHE]]) });
    const communities = await district.communities();
    expect(communities.map((c) => [c.slug, c.name?.zh ?? null])).toEqual([["a", "柳河社区"], ["b", null], ["c", null]]);
    // each community's figures are what its own repository shows
    for (const [slug, repo] of [["a", a], ["b", b]] as const) {
      const own = (await repo.figures()).aggregates;
      const read = communities.find((c) => c.slug === slug)!.aggregates;
      for (const id of ["awareness_rate", "garbage_cleared", "weekly_cleanup_participants"]) expect(value(read, id)).toBe(value(own, id));
    }
    const d = sumDistrict(loaded.campaign, communities, TZ);
    expect(d.communities).toBe(3);
    // 190 aware of 500 surveyed: 38%, not the mean of 90% and 25% (57.5%)
    expect(currentValue(d.aggregates, metric("awareness_rate"), NOW, TZ)).toMatchObject({ value: 38, aware: 190, surveyed: 500 });
    expect(value(d.aggregates, "garbage_cleared")).toBe(350);
    expect(d.targets.garbage_cleared).toBe(500 + 2 * (loaded.defaultTargets.garbage_cleared ?? 0));
    expect(currentValue(d.aggregates, metric("weekly_cleanup_participants"), NOW, TZ)).toMatchObject({ value: 350, periodKey: "2026-11-23" });
  });

  it("reads again only when some community's figures moved", async () => {
    const [db, other] = await pools(2);
    const options = { ...loaded, seedRecords: [], timezone: TZ };
    const a = await createPgCampaignRepo(db!, "a", () => NOW, options);
    const b = await createPgCampaignRepo(other!, "b", () => NOW, options); // another instance's community
    const district = createPgDistrictRepo(db!, { campaign: loaded.campaign, defaultTargets: loaded.defaultTargets, timezone: TZ, names: new Map() });
    await a.record(1, { metricId: "garbage_cleared", amount: 3 });
    const first = await district.communities();
    expect(await district.communities()).toBe(first);
    await b.record(2, { metricId: "garbage_cleared", amount: 4 });
    const next = await district.communities();
    expect(next).not.toBe(first);
    expect(value(sumDistrict(loaded.campaign, next, TZ).aggregates, "garbage_cleared")).toBe(7);
  });
});
