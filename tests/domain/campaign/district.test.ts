import { beforeAll, describe, expect, it } from "vitest";
import {
  apply, createAggregates, currentValue, districtBreakdown, findMetric, renderDistrict, renderDistrictMetric, sumDistrict,
  type Campaign, type CommunityFigures, type MetricDef, type ProgressRecord,
} from "../../../src/domain/campaign/index.js";
import { createTestTranslate } from "../../helpers/fluent.js";
import { loadRealCampaign } from "./fixture.js";

const TZ = "Asia/Shanghai";
const NOW = new Date("2026-11-25T04:00:00Z"); // a Wednesday; its week is 2026-11-23
const THIS_WEEK = "2026-11-24T02:00:00Z";
const LAST_WEEK = "2026-11-17T02:00:00Z";

let campaign: Campaign;
let defaults: Record<string, number>;
let n = 0;

beforeAll(async () => {
  const loaded = await loadRealCampaign();
  campaign = loaded.campaign;
  defaults = loaded.defaultTargets;
});

const rec = (metricId: string, amount: number, extra: Partial<ProgressRecord> = {}): ProgressRecord => ({
  id: `r${++n}`, metricId, amount, at: THIS_WEEK, by: 1, source: "staff", ...extra,
});

/** A community with only these records (no seed), and these targets over the data's defaults. */
function community(slug: string, records: ProgressRecord[], targets: Record<string, number> = {}): CommunityFigures {
  const aggregates = createAggregates(campaign, TZ);
  for (const r of records) expect(apply(aggregates, r)).toBe(true);
  return { slug, aggregates, targets: { ...defaults, ...targets } };
}

const metric = (id: string): MetricDef => {
  const m = findMetric(campaign, id);
  if (m === undefined) throw new Error(id);
  return m;
};
const value = (c: { aggregates: CommunityFigures["aggregates"] }, id: string) => currentValue(c.aggregates, metric(id), NOW, TZ);

describe("sumDistrict", () => {
  it("pools a rate as everyone aware ÷ everyone surveyed, not the mean of the communities' rates", () => {
    const a = community("a", [rec("awareness_rate", 100, { aware: 90 })]); // 90%
    const b = community("b", [rec("awareness_rate", 400, { aware: 100 })]); // 25%
    const d = sumDistrict(campaign, [a, b], TZ);
    // pooled: 190 / 500 = 38%; the mean of 90% and 25% would be 57.5%
    expect(value(d, "awareness_rate")).toMatchObject({ kind: "rate", value: 38, aware: 190, surveyed: 500 });
    // the surveys metric includes the rate's batches: 500 forms
    expect(value(d, "awareness_surveys").value).toBe(500);
  });

  it("weights a rate's target by how many each community surveyed", () => {
    const a = community("a", [rec("awareness_rate", 100, { aware: 90 })], { awareness_rate: 95 });
    const b = community("b", [rec("awareness_rate", 400, { aware: 100 })], { awareness_rate: 80 });
    expect(sumDistrict(campaign, [a, b], TZ).targets.awareness_rate).toBe(83); // (95·100 + 80·400) / 500
    // nobody surveyed: the plain mean
    expect(sumDistrict(campaign, [community("a", [], { awareness_rate: 90 }), community("b", [], { awareness_rate: 80 })], TZ).targets.awareness_rate).toBe(85);
  });

  it("adds sums and their targets", () => {
    const a = community("a", [rec("garbage_cleared", 300)]);
    const b = community("b", [rec("garbage_cleared", 40), rec("garbage_cleared", 10)], { garbage_cleared: 100 });
    const d = sumDistrict(campaign, [a, b], TZ);
    expect(value(d, "garbage_cleared").value).toBe(350);
    expect(d.targets.garbage_cleared).toBe((defaults.garbage_cleared ?? 0) + 100);
    expect(d.communities).toBe(2);
  });

  it("adds per-period figures of the same period, each community's figure taken as its own /progress takes it", () => {
    const weekly = "weekly_cleanup_participants";
    const mark = (id: number): ProgressRecord => rec(weekly, 1, { id: `mark${id}`, source: "attendance", by: null });
    // a: a head count of 200 and one person marked: 200. b: a head count of 10, then 300 walk-ins: 300.
    const a = community("a", [rec(weekly, 200), mark(1)]);
    const b = community("b", [rec(weekly, 10), rec(weekly, 300, { source: "attendance", walkIns: true, by: null }), rec(weekly, 150, { at: LAST_WEEK })]);
    expect(value(a, weekly).value).toBe(200);
    expect(value(b, weekly).value).toBe(300);
    const d = sumDistrict(campaign, [a, b], TZ);
    // the buckets merely added would give max(511 - 301, 301) = 301
    expect(value(d, weekly)).toMatchObject({ kind: "per-period", value: 500, periodKey: "2026-11-23", isCurrent: true });
    expect(d.targets[weekly]).toBe(2 * (defaults[weekly] ?? 0));
  });

  it("keeps a period with attendance marks only apart, as pending, until some community counts it", () => {
    const weekly = "weekly_cleanup_participants";
    const a = community("a", [rec(weekly, 150, { at: LAST_WEEK })]);
    const b = community("b", [rec(weekly, 7, { source: "attendance", by: null })]); // marks only this week
    const d = sumDistrict(campaign, [a, b], TZ);
    expect(value(d, weekly)).toMatchObject({ value: 150, periodKey: "2026-11-16", pending: { periodKey: "2026-11-23", marked: 7 } });
    const { rows, periodKey } = districtBreakdown(metric(weekly), [a, b], d, NOW, TZ);
    expect(periodKey).toBe("2026-11-16");
    expect(rows.map((r) => r.value)).toEqual([150, null]);
  });

  it("of no communities is empty", () => {
    const d = sumDistrict(campaign, [], TZ);
    expect(d.communities).toBe(0);
    expect(value(d, "garbage_cleared").value).toBe(0);
    expect(renderDistrict(campaign, d, "en", createTestTranslate("en"), NOW, TZ)).toBe("There are no communities' figures in the database yet.");
  });
});

describe("rendering", () => {
  it.each(["zh", "en"] as const)("the overview names how many communities and shows the pooled rate (%s)", (locale) => {
    const t = createTestTranslate(locale);
    const a = community("a", [rec("awareness_rate", 100, { aware: 90 }), rec("garbage_cleared", 300)]);
    const b = community("b", [rec("awareness_rate", 400, { aware: 100 }), rec("garbage_cleared", 50)]);
    const text = renderDistrict(campaign, sumDistrict(campaign, [a, b], TZ), locale, t, NOW, TZ);
    expect(text).toContain(locale === "zh" ? "共 2 个社区" : "District · 2 communities");
    expect(text).toMatch(locale === "zh" ? /创建知晓率：38%/ : /: 38% \(target/);
    expect(text).toContain(locale === "zh" ? "清运垃圾：350/" : "350/");
    for (const m of campaign.metrics) expect(text).toContain(m.name[locale]);
  });

  it("says 1 community, singular, in English", () => {
    const text = renderDistrict(campaign, sumDistrict(campaign, [community("a", [])], TZ), "en", createTestTranslate("en"), NOW, TZ);
    expect(text).toContain("District · 1 community ·");
  });

  it("one metric: the district's figure, then each community's figure, target and percentage", () => {
    const t = createTestTranslate("zh");
    const a = { ...community("a", [rec("awareness_rate", 100, { aware: 90 }), rec("garbage_cleared", 300)]), name: { zh: "柳河社区", en: "Liuhe" } };
    const b = community("b", [rec("awareness_rate", 400, { aware: 100 }), rec("garbage_cleared", 50)], { garbage_cleared: 100 });
    const d = sumDistrict(campaign, [a, b], TZ);
    const rate = renderDistrictMetric(metric("awareness_rate"), [a, b], d, "zh", t, NOW, TZ);
    expect(rate).toContain("共 2 个社区");
    expect(rate).toContain("38%");
    expect(rate).toContain("柳河社区：90%（知晓 90/100");
    expect(rate).toContain("b：25%（知晓 100/400");
    const sum = renderDistrictMetric(metric("garbage_cleared"), [a, b], d, "zh", t, NOW, TZ);
    expect(sum).toContain(`柳河社区：300/${defaults.garbage_cleared} 车`);
    expect(sum).toContain("b：50/100 车 · 50%");
  });
});
