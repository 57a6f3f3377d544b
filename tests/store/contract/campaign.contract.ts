import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apply, createAggregates, currentValue, findMetric, type Aggregates, type ProgressRecord } from "../../../src/domain/campaign/index.js";
import type { CampaignRepo, CampaignRepoOptions } from "../../../src/store/campaign-repo.js";
import type { LoadedCampaign } from "../../../src/store/campaign-catalog.js";

/** What a backend under test hands the campaign contract. */
export interface CampaignBackend {
  readonly repo: CampaignRepo;
  /** Closes the backend and opens it again: a repository built from what was saved. */
  reopen(): Promise<CampaignRepo>;
  close(): Promise<void>;
}

export type MakeCampaignBackend = (options: Omit<CampaignRepoOptions, "store">) => Promise<CampaignBackend>;

const TZ = "Asia/Shanghai";
const NOW = new Date("2026-11-10T04:00:00Z");

const attendance = (user: number): ProgressRecord => ({
  id: `attendance:cleanup-day:2026-11-28:${user}:weekly_cleanup_participants`,
  metricId: "weekly_cleanup_participants", amount: 1, at: NOW.toISOString(), by: user, source: "attendance",
});

/** Local midnights and month ends in Asia/Shanghai (UTC+8), where a figure changes week or month. */
const EDGES = [
  "2026-01-01T00:00:00.000Z", "2026-11-29T15:59:59.999Z", "2026-11-29T16:00:00.000Z", "2026-11-30T15:59:59.999Z",
  "2026-11-30T16:00:00.000Z", "2026-12-31T15:59:59.999Z", "2026-12-31T16:00:00.000Z",
];
const edgeRecord = (i: number, metricId: string, amount: number, walkIns = false): ProgressRecord => ({
  id: `attendance:edge:${i}:${metricId}`, metricId, amount, at: EDGES[i % EDGES.length] as string, by: null, source: "attendance",
  ...(walkIns ? { walkIns: true } : {}),
});
/** The buckets of every metric, as plain data (maps sorted), to compare with a fold of the records. */
const bucketsOf = (agg: Aggregates) =>
  [...agg.byMetric].map(([id, m]) => ({ id, total: m.total, months: [...m.months].sort(), weeks: [...m.weeks].sort() }));

/**
 * The campaign repository's contract, for any backend: the data's figures seeded once, staff
 * records and their undo (one's own last staff record only), targets, attendance records stored
 * once per id, everything kept across a restart. `loaded` is the real campaign (`data/`).
 */
export function describeCampaignContract(name: string, load: () => Promise<LoadedCampaign>, make: MakeCampaignBackend): void {
  describe(`campaign repository contract (${name})`, () => {
    let loaded: LoadedCampaign;
    let backend: CampaignBackend;
    let repo: CampaignRepo;

    beforeEach(async () => {
      loaded = await load();
      backend = await make({ ...loaded, timezone: TZ, now: () => NOW });
      repo = backend.repo;
    });
    afterEach(() => backend.close());

    const value = async (id: string) => {
      const m = findMetric(loaded.campaign, id);
      if (!m) throw new Error(id);
      return currentValue((await repo.figures()).aggregates, m, NOW, TZ).value;
    };
    const targets = async () => (await repo.figures()).targets;
    const version = async () => (await repo.figures()).version;

    it("seeds the data's figures once, also across a restart", async () => {
      expect(await repo.records()).toHaveLength(loaded.seedRecords.length);
      const garbage = await value("garbage_cleared");
      repo = await backend.reopen();
      expect(await repo.records()).toHaveLength(loaded.seedRecords.length);
      expect(await value("garbage_cleared")).toBe(garbage);
    });

    it("records with who, when and note; the figures move at once and stay after a restart", async () => {
      const before = (await value("garbage_cleared")) ?? 0;
      const r = await repo.record(7, { metricId: "garbage_cleared", amount: 12, note: "柳东新村" });
      expect(r).toMatchObject({ metricId: "garbage_cleared", amount: 12, by: 7, note: "柳东新村", source: "staff", at: NOW.toISOString() });
      expect(await value("garbage_cleared")).toBe(before + 12);
      const seen = await version();
      const second = await repo.record(7, { metricId: "garbage_cleared", amount: 1 });
      expect(second.id).not.toBe(r.id);
      expect(await version()).toBeGreaterThan(seen);
      repo = await backend.reopen();
      expect(await value("garbage_cleared")).toBe(before + 13);
      expect((await repo.records()).at(-1)).toMatchObject({ id: second.id, by: 7 });
    });

    it("refuses unknown metrics and amounts that are not positive, storing nothing", async () => {
      const count = (await repo.records()).length;
      await expect(repo.record(7, { metricId: "nope", amount: 1 })).rejects.toThrow();
      await expect(repo.record(7, { metricId: "garbage_cleared", amount: 0 })).rejects.toThrow();
      await expect(repo.record(7, { metricId: "awareness_rate", amount: 10, aware: 11 })).rejects.toThrow();
      await expect(repo.setTarget("nope", 5)).rejects.toThrow();
      expect(await repo.records()).toHaveLength(count);
    });

    it("undo takes back only the staff member's own last staff record, also after a restart", async () => {
      const before = (await value("garbage_cleared")) ?? 0;
      const mine = await repo.record(7, { metricId: "garbage_cleared", amount: 12 });
      await repo.record(8, { metricId: "garbage_cleared", amount: 5 });
      expect(await repo.addAttendance([attendance(7)])).toBe(1);
      repo = await backend.reopen();
      expect(await repo.undo(7)).toMatchObject({ id: mine.id, amount: 12 });
      expect(await value("garbage_cleared")).toBe(before + 5);
      // neither someone else's record, nor attendance, nor the seed is ever undone
      expect(await repo.undo(7)).toBeUndefined();
      expect((await repo.records()).some((r) => r.id === attendance(7).id)).toBe(true);
      repo = await backend.reopen();
      expect(await value("garbage_cleared")).toBe(before + 5);
      expect(await repo.undo(8)).toMatchObject({ by: 8, amount: 5 });
    });

    it("targets: the data's default until staff set one, kept across a restart", async () => {
      expect((await targets()).garbage_cleared).toBe(loaded.defaultTargets.garbage_cleared);
      await repo.setTarget("garbage_cleared", 999);
      expect((await targets()).garbage_cleared).toBe(999);
      await expect(repo.setTarget("garbage_cleared", 0)).rejects.toThrow();
      repo = await backend.reopen();
      expect((await targets()).garbage_cleared).toBe(999);
      expect((await targets()).flyers_removed).toBe(loaded.defaultTargets.flyers_removed);
    });

    it("stores an attendance record once per id, and takes it back by id", async () => {
      expect(await repo.addAttendance([attendance(1), attendance(1), attendance(2)])).toBe(2);
      expect(await repo.addAttendance([attendance(1)])).toBe(0);
      repo = await backend.reopen();
      expect(await repo.addAttendance([attendance(2)])).toBe(0);
      expect(await repo.removeAttendance([attendance(1).id, "attendance:unknown"])).toBe(1);
      expect(await repo.removeAttendance([attendance(1).id])).toBe(0);
      const { removed } = await repo.replaceAttendance([attendance(2).id], [attendance(3)]);
      expect(removed.map((r) => r.id)).toEqual([attendance(2).id]);
      const ids = (await repo.records()).filter((r) => r.source === "attendance").map((r) => r.id);
      expect(ids).toEqual([attendance(3).id]);
    });

    it("the figures are the domain's fold of the records: weeks and months at local midnight, included metrics, marks and walk-ins", async () => {
      const fold = async () => {
        const agg = createAggregates(loaded.campaign, TZ);
        for (const r of await repo.records()) apply(agg, r);
        return agg;
      };
      const metrics = ["weekly_cleanup_participants", "rat_poison_distributed", "garbage_cleared", "awareness_rate", "party_member_participation"];
      const edges = EDGES.flatMap((_, i) => metrics.map((m, k) => edgeRecord(i, m, i + k + 1, (i + k) % 3 === 0)));
      expect(await repo.addAttendance(edges)).toBe(edges.length);
      await repo.record(7, { metricId: "awareness_rate", amount: 50, aware: 40 });
      await repo.record(7, { metricId: "awareness_surveys", amount: 3 });
      const figures = (await repo.figures()).aggregates;
      expect(bucketsOf(figures)).toEqual(bucketsOf(await fold()));
      for (const [id, m] of (await fold()).byMetric) expect([id, figures.byMetric.get(id)?.recent.map((r) => r.id)]).toEqual([id, m.recent.map((r) => r.id)]);
      await repo.removeAttendance(edges.filter((_, i) => i % 2 === 0).map((r) => r.id));
      await repo.undo(7);
      repo = await backend.reopen();
      expect(bucketsOf((await repo.figures()).aggregates)).toEqual(bucketsOf(await fold()));
    });

    it("a survey form's records are replaced as one: a changed answer keeps its time and place, a retracted form counts no more", async () => {
      const prefix = "survey:r1:1:";
      const form = (aware: number, at: string): ProgressRecord[] => [
        { id: `${prefix}awareness_rate`, metricId: "awareness_rate", amount: 1, aware, at, by: null, source: "survey" },
        { id: `${prefix}support_rate`, metricId: "support_rate", amount: 1, aware: 1, at, by: null, source: "survey" },
      ];
      const rate = async () => ({ ...(await repo.figures()).aggregates.byMetric.get("awareness_rate")?.total }); // a copy: the JSON store's is live
      const before = await rate();
      await repo.replaceSurveyForm(prefix, form(0, "2026-11-09T04:00:00.000Z"));
      await repo.record(7, { metricId: "garbage_cleared", amount: 1 });
      await repo.replaceSurveyForm(prefix, form(1, "2026-11-10T04:00:00.000Z"));
      expect(await rate()).toMatchObject({ surveyed: (before?.surveyed ?? 0) + 1, aware: (before?.aware ?? 0) + 1 });
      repo = await backend.reopen();
      const survey = (await repo.records()).filter((r) => r.source === "survey");
      expect(survey.map((r) => [r.id, r.aware, r.at])).toEqual([[`${prefix}awareness_rate`, 1, "2026-11-09T04:00:00.000Z"], [`${prefix}support_rate`, 1, "2026-11-09T04:00:00.000Z"]]);
      expect((await repo.records()).at(-1)?.source).toBe("staff"); // the form's records kept their place
      await repo.replaceSurveyForm(prefix, []);
      expect((await repo.records()).some((r) => r.source === "survey")).toBe(false);
      expect(await rate()).toMatchObject({ surveyed: before?.surveyed ?? 0, aware: before?.aware ?? 0 });
    });

    it("hands back copies: changing what records() returned changes nothing stored", async () => {
      const [first] = (await repo.records()) as ProgressRecord[];
      if (first) first.amount = -1;
      expect((await repo.records())[0]?.amount).not.toBe(-1);
    });
  });
}
