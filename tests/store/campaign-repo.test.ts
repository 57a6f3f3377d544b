import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { currentValue, findMetric, type MetricDef } from "../../src/domain/campaign/index.js";
import { createCampaignRepo, type CampaignRepo } from "../../src/store/campaign-repo.js";
import { loadCampaign, type LoadedCampaign } from "../../src/store/campaign-catalog.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { readStoreFiles } from "../helpers/store-files.js";

const TZ = "Asia/Shanghai";
const NOW = new Date("2026-11-10T04:00:00Z");

let dir: string;
let store: Store | undefined;
let loaded: LoadedCampaign;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "campaign-repo-"));
  loaded = await loadCampaign("data");
});
afterEach(async () => {
  await store?.close();
  store = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function open(): Promise<CampaignRepo> {
  await store?.close();
  store = await openStore({ file: join(dir, "db.json") });
  return createCampaignRepo({ store, ...loaded, timezone: TZ, now: () => NOW });
}

const metric = (id: string): MetricDef => {
  const m = findMetric(loaded.campaign, id);
  if (m === undefined) throw new Error(id);
  return m;
};
const value = async (repo: CampaignRepo, id: string) => currentValue((await repo.figures()).aggregates, metric(id), NOW, TZ).value;
const targets = async (repo: CampaignRepo) => (await repo.figures()).targets;
const onDisk = async () => (await readStoreFiles(join(dir, "db.json"))).db;

describe("campaign repo", () => {
  it("seeds the data's figures once, across restarts, even after they are gone", async () => {
    let repo = await open();
    expect(loaded.seedRecords.length).toBeGreaterThan(15);
    expect((await onDisk()).campaign.records).toHaveLength(loaded.seedRecords.length);
    expect((await onDisk()).campaign.seeded).toBe(true);
    expect(await value(repo, "garbage_cleared")).toBe(300);
    expect(await value(repo, "awareness_rate")).toBe(94);
    // a restart does not seed again
    repo = await open();
    expect(store!.data.campaign.records).toHaveLength(loaded.seedRecords.length);
    expect(await value(repo, "garbage_cleared")).toBe(300);
    // nor does a store whose seed records were removed
    await store!.write((db) => void (db.campaign.records = []), "durable");
    repo = await open();
    expect(store!.data.campaign.records).toHaveLength(0);
    expect(await value(repo, "garbage_cleared")).toBe(0);
  });

  it("records with who, when and note; persists; aggregates move at once", async () => {
    let repo = await open();
    const r = await repo.record(7, { metricId: "garbage_cleared", amount: 12, note: "柳东新村" });
    expect(r).toMatchObject({ id: "r1", metricId: "garbage_cleared", amount: 12, by: 7, note: "柳东新村", source: "staff", at: NOW.toISOString() });
    expect(await value(repo, "garbage_cleared")).toBe(312);
    const disk = await onDisk();
    expect(disk.campaign.records.at(-1)).toMatchObject({ id: "r1", by: 7, note: "柳东新村", at: NOW.toISOString() });
    await repo.record(7, { metricId: "awareness_rate", amount: 200, aware: 190 });
    expect(await value(repo, "awareness_surveys")).toBe(5200);
    repo = await open();
    expect(await value(repo, "garbage_cleared")).toBe(312);
    expect((await repo.record(8, { metricId: "flyers_removed", amount: 5 })).id).toBe("r3");
  });

  it("undo takes back only the staff member's own last staff record, persisted", async () => {
    let repo = await open();
    await repo.record(7, { metricId: "garbage_cleared", amount: 12 });
    await repo.record(8, { metricId: "garbage_cleared", amount: 5 });
    await repo.record(7, { metricId: "flyers_removed", amount: 3 });
    await repo.addAttendance([{ id: "attendance:cleanup-day:2026-11-28:7:weekly_cleanup_participants", metricId: "weekly_cleanup_participants", amount: 1, at: NOW.toISOString(), by: 7, source: "attendance" }]);
    expect((await repo.undo(7))?.metricId).toBe("flyers_removed");
    expect((await repo.undo(7))?.amount).toBe(12);
    expect(await repo.undo(7)).toBeUndefined(); // attendance and seed records are not undone
    expect(await repo.undo(99)).toBeUndefined();
    expect(await value(repo, "garbage_cleared")).toBe(305);
    repo = await open();
    expect(await value(repo, "garbage_cleared")).toBe(305);
    expect((await onDisk()).campaign.records.filter((r) => r.by === 7).map((r) => r.id)).toEqual(["attendance:cleanup-day:2026-11-28:7:weekly_cleanup_participants"]);
  });

  it("setTarget overrides the default and survives a restart; bad targets are refused", async () => {
    let repo = await open();
    expect((await targets(repo)).garbage_cleared).toBe(metric("garbage_cleared").target);
    await repo.setTarget("garbage_cleared", 500);
    expect((await targets(repo)).garbage_cleared).toBe(500);
    expect((await onDisk()).campaign.targets).toEqual({ garbage_cleared: 500 });
    repo = await open();
    expect((await targets(repo)).garbage_cleared).toBe(500);
    expect((await targets(repo)).flyers_removed).toBe(metric("flyers_removed").target);
    await expect(repo.setTarget("nope", 5)).rejects.toThrow(/unknown metric/);
    await expect(repo.setTarget("garbage_cleared", -1)).rejects.toThrow(/bad target/);
  });

  it("adds attendance once per id, also across restarts, and can take it back", async () => {
    let repo = await open();
    const rec = (user: number) => ({ id: `attendance:cleanup-day:2026-11-28:${user}:weekly_cleanup_participants`, metricId: "weekly_cleanup_participants", amount: 1, at: "2026-11-28T00:30:00.000Z", by: user, source: "attendance" as const });
    expect(await repo.addAttendance([rec(1), rec(2), rec(2)])).toBe(2);
    expect(await repo.addAttendance([rec(1)])).toBe(0);
    repo = await open();
    expect(await repo.addAttendance([rec(1), rec(3)])).toBe(1);
    expect(store!.data.campaign.records.filter((r) => r.source === "attendance")).toHaveLength(3);
    expect(await repo.removeAttendance([rec(2).id, "attendance:unknown"])).toBe(1);
    expect(await repo.addAttendance([rec(2)])).toBe(1);
  });
});
