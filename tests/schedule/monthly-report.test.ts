import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOutbox } from "../../src/delivery/outbox.js";
import { createAudienceRepo } from "../../src/store/audience-repo.js";
import { createScheduleKeys } from "../../src/store/schedule-keys.js";
import { createOutboxRepo } from "../../src/store/outbox-repo.js";
import { createMonthlyReportJob } from "../../src/schedule/monthly-report.js";
import { loadCampaign } from "../../src/store/campaign-catalog.js";
import { createCampaignRepo } from "../../src/store/campaign-repo.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { createTestTranslate } from "../helpers/fluent.js";

let dir: string;
let store: Store;
let clock = new Date("2026-11-15T02:00:00Z");

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "report-"));
  store = await openStore({ file: join(dir, "db.json") });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function setup(attach?: (month: string, recipients: number[]) => Promise<void>) {
  await store.write((db) => Object.assign(db.roles, { "1": "admin", "2": "staff" }), "durable");
  const loaded = await loadCampaign("data");
  const repo = await createCampaignRepo({ store, ...loaded, timezone: "Asia/Shanghai", now: () => clock });
  await repo.record(2, { metricId: "garbage_cleared", amount: 12 });
  await repo.setTarget("flyers_removed", 450);
  const job = createMonthlyReportJob({ repo, campaign: loaded.campaign, outbox: createOutbox(createOutboxRepo(store, () => clock)), keys: createScheduleKeys(store), audience: createAudienceRepo(store), timezone: "Asia/Shanghai", render: (l) => createTestTranslate(l), ...(attach ? { attach } : {}) });
  return { job };
}

const reports = () => Object.values(store.data.broadcasts).filter((b) => b.kind === "report");

describe("monthly report", () => {
  it("goes to all staff once on the 1st from 09:00 local, with what moved and what is behind", async () => {
    const { job } = await setup();
    await job(new Date("2026-12-01T00:59:00Z")); // 08:59 in Shanghai
    expect(reports()).toEqual([]);
    await job(new Date("2026-12-01T01:00:00Z"));
    await job(new Date("2026-12-01T05:00:00Z"));
    expect(reports()).toHaveLength(1);
    const [r] = reports();
    expect(r?.key).toBe("campaign-report:2026-12");
    expect(Object.keys(r?.recipients ?? {}).sort()).toEqual(["1", "2"]);
    expect(r?.text.zh).toContain("创文月报 · 2026-11");
    expect(r?.text.zh).toMatch(/上月进展<\/b>\n清运垃圾：\+12 车（1 条记录）/);
    expect(r?.text.zh).toMatch(/未达标（22 项）/); // 20 of PRODUCT.md's, and the survey's two rates (no form yet)
    expect(r?.text.zh).not.toMatch(/清除小广告：450/);
    expect(r?.text.en).toMatch(/Garbage cleared: \+12 truckloads \(1 record\)/i);
  });

  it("does nothing mid-month and catches up on the 2nd after downtime", async () => {
    const { job } = await setup();
    await job(new Date("2026-11-20T05:00:00Z"));
    expect(reports()).toEqual([]);
    clock = new Date("2026-12-02T03:00:00Z");
    await job(clock);
    expect(reports().map((r) => r.key)).toEqual(["campaign-report:2026-12"]);
  });

  it("attaches the reported month's document once, to the staff the report went to", async () => {
    const calls: [string, number[]][] = [];
    const { job } = await setup(async (month, recipients) => void calls.push([month, [...recipients].sort()]));
    await job(new Date("2026-12-01T01:00:00Z"));
    await job(new Date("2026-12-01T05:00:00Z"));
    expect(calls).toEqual([["2026-11", [1, 2]]]);
  });
});
