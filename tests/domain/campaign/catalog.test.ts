import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCampaign } from "../../../src/store/campaign-catalog.js";
import { loadRealCampaign } from "./fixture.js";

const PRODUCT_IDS = [
  "party_member_participation", "pothole_repair_area", "drain_cover_area", "greenbelt_trim_area", "park_paving_area",
  "garbage_cleared", "flyers_removed", "wall_paint_area", "railing_repair_area", "compound_trees_pruned",
  "street_trees_trimmed", "cleanup_funds", "illegal_structures_removed", "unlicensed_eateries_closed",
  "weekly_cleanup_participants", "rat_poison_distributed", "insecticide_packs_distributed", "moral_practice_events",
  "environment_day_volunteers", "awareness_surveys", "awareness_rate",
];
/** asked by the awareness survey (data/survey.json), as the national evaluation does */
const SURVEY_IDS = ["support_rate", "satisfaction_rate"];

describe("loadCampaign (data/campaign.json)", () => {
  it("has exactly the 21 metric ids of PRODUCT.md and the survey's two rates, each named in zh and en", async () => {
    const { campaign } = await loadRealCampaign();
    expect(campaign.metrics.map((m) => m.id).sort()).toEqual([...PRODUCT_IDS, ...SURVEY_IDS].sort());
    for (const m of campaign.metrics) {
      expect(m.name.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(m.name.en).toMatch(/[A-Za-z]/);
      expect(m.unit.zh.length).toBeGreaterThan(0);
      expect(m.targetSource.length).toBeGreaterThan(10);
    }
    expect(campaign.year).toBe(2026);
  });

  it("seeds the year-summary figures, awareness as 4700 aware of 5000 surveyed", async () => {
    const { seedRecords, defaultTargets } = await loadRealCampaign();
    const byId = new Map(seedRecords.map((r) => [r.metricId, r]));
    expect(byId.get("garbage_cleared")?.amount).toBe(300);
    expect(byId.get("cleanup_funds")?.amount).toBe(45000);
    expect(byId.get("pothole_repair_area")?.amount).toBe(350);
    expect(byId.get("awareness_rate")).toMatchObject({ amount: 5000, aware: 4700, source: "seed", by: null });
    // the 5000 forms are counted through the rate record, not twice
    expect(byId.has("awareness_surveys")).toBe(false);
    expect(seedRecords).toHaveLength(20);
    expect(byId.get("garbage_cleared")?.at).toBe("2026-06-30T04:00:00.000Z");
    expect(defaultTargets.awareness_rate).toBe(95);
    expect(defaultTargets.garbage_cleared).toBe(350);
  });

  it("seeds exactly the figures of the year summary (PRODUCT.md), with their units", async () => {
    const { campaign, seedRecords } = await loadRealCampaign();
    const seeded = Object.fromEntries(seedRecords.map((r) => [r.metricId, r.aware === undefined ? r.amount : `${r.aware}/${r.amount}`]));
    expect(seeded).toEqual({
      party_member_participation: 170, pothole_repair_area: 350, drain_cover_area: 200, greenbelt_trim_area: 200,
      park_paving_area: 200, garbage_cleared: 300, flyers_removed: 450, wall_paint_area: 400, railing_repair_area: 600,
      compound_trees_pruned: 30, street_trees_trimmed: 300, cleanup_funds: 45000, illegal_structures_removed: 30,
      unlicensed_eateries_closed: 15, weekly_cleanup_participants: 200, rat_poison_distributed: 400,
      insecticide_packs_distributed: 7000, moral_practice_events: 24, environment_day_volunteers: 150,
      // 5,000 forms, 94% aware; awareness_surveys counts them through this record
      awareness_rate: "4700/5000",
    });
    const units = Object.fromEntries(campaign.metrics.map((m) => [m.id, m.kind === "per-period" ? `${m.unit.zh}/${m.period}` : m.unit.zh]));
    expect(units).toMatchObject({
      party_member_participation: "人次", garbage_cleared: "车", flyers_removed: "处", compound_trees_pruned: "株",
      street_trees_trimmed: "棵", cleanup_funds: "元", illegal_structures_removed: "间", unlicensed_eateries_closed: "家",
      weekly_cleanup_participants: "人/week", rat_poison_distributed: "公斤/month", moral_practice_events: "场",
      awareness_surveys: "份", awareness_rate: "%",
    });
  });

  it("marks exactly the metrics counted in whole things as whole", async () => {
    const { campaign } = await loadRealCampaign();
    expect(campaign.metrics.filter((m) => m.whole).map((m) => m.id).sort()).toEqual([
      "awareness_surveys", "compound_trees_pruned", "environment_day_volunteers", "flyers_removed", "garbage_cleared",
      "illegal_structures_removed", "insecticide_packs_distributed", "moral_practice_events", "party_member_participation",
      "street_trees_trimmed", "unlicensed_eateries_closed", "weekly_cleanup_participants",
    ]);
    // areas, money, kg and the rate are measured: false, not merely absent
    for (const id of ["pothole_repair_area", "cleanup_funds", "rat_poison_distributed", "awareness_rate"]) {
      expect(campaign.metrics.find((m) => m.id === id)?.whole).toBe(false);
    }
  });

  it("loads a data file without whole (older files) as measured, and refuses whole where it cannot hold", async () => {
    const dir = mkdtempSync(join(tmpdir(), "campaign-"));
    const metric = {
      id: "x", name: { zh: "某", en: "x" }, aliases: { zh: [], en: [] }, unit: { zh: "车", en: "loads" }, unitAliases: ["车"],
      kind: "sum", group: "environment", target: 10, targetSource: "test",
    };
    const write = (m: object) => writeFileSync(join(dir, "campaign.json"), JSON.stringify({ year: 2026, metrics: [{ ...metric, ...m }] }));
    write({});
    expect((await loadCampaign(dir)).campaign.metrics[0]?.whole).toBe(false);
    write({ whole: true });
    expect((await loadCampaign(dir)).campaign.metrics[0]?.whole).toBe(true);
    write({ whole: true, target: 10.5 });
    await expect(loadCampaign(dir)).rejects.toThrow(/target must be a whole number/);
    write({ whole: true, seed: { amount: 2.5, date: "2026-06-30", source: "year-summary" } });
    await expect(loadCampaign(dir)).rejects.toThrow(/seed amount must be a whole number/);
    write({ whole: true, kind: "rate", unit: { zh: "%", en: "%" } });
    await expect(loadCampaign(dir)).rejects.toThrow(/cannot be whole/);
    write({ whole: "yes" });
    await expect(loadCampaign(dir)).rejects.toThrow(/invalid campaign data[\s\S]*whole/);
  });

  it("names the file and the problem when the data is wrong", async () => {
    const dir = mkdtempSync(join(tmpdir(), "campaign-"));
    await expect(loadCampaign(dir)).rejects.toThrow(/campaign\.json: cannot read/);
    writeFileSync(join(dir, "campaign.json"), "{ not json");
    await expect(loadCampaign(dir)).rejects.toThrow(/campaign\.json: cannot read/);
    writeFileSync(join(dir, "campaign.json"), JSON.stringify({ year: 2026, metrics: [{ id: "x", kind: "sum" }] }));
    await expect(loadCampaign(dir)).rejects.toThrow(/campaign\.json: invalid campaign data[\s\S]*name/);
  });

  it("feeds one-off events' attendance to environment_day_volunteers, and names the file for a bad events feed", async () => {
    expect((await loadCampaign("data")).campaign.events).toEqual([{ metric: "environment_day_volunteers", per: "attendee" }]);
    const dir = mkdtempSync(join(tmpdir(), "campaign-"));
    const metric = {
      id: "x", name: { zh: "某", en: "x" }, aliases: { zh: [], en: [] }, unit: { zh: "人", en: "people" }, unitAliases: ["人"],
      kind: "sum", group: "volunteers", target: 10, targetSource: "test",
    };
    const write = (events: unknown) => writeFileSync(join(dir, "campaign.json"), JSON.stringify({ year: 2026, events, metrics: [metric] }));
    write([{ metric: "x", per: "attendee" }]);
    expect((await loadCampaign(dir)).campaign.events).toEqual([{ metric: "x", per: "attendee" }]);
    write([{ metric: "nope", per: "attendee" }]);
    await expect(loadCampaign(dir)).rejects.toThrow(/campaign\.json: events feed unknown metric "nope"/);
    write([{ metric: "x", per: "everyone" }]);
    await expect(loadCampaign(dir)).rejects.toThrow(/campaign\.json: invalid campaign data[\s\S]*events/);
  });
});
