import { beforeAll, describe, expect, it } from "vitest";
import { apply, createAggregates, type Aggregates } from "../../../src/domain/campaign/aggregates.js";
import { progressBar } from "../../../src/domain/campaign/format.js";
import { findMetric, type Campaign } from "../../../src/domain/campaign/metric.js";
import { renderMetricDetail, renderProgress } from "../../../src/domain/campaign/progress-view.js";
import { createTestTranslate } from "../../helpers/fluent.js";
import { loadSeededCampaign } from "./fixture.js";

let campaign: Campaign;
let agg: Aggregates;
let targets: Record<string, number>;
const TZ = "Asia/Shanghai";
const NOW = new Date("2026-11-25T04:00:00Z");

beforeAll(async () => {
  ({ campaign, agg, targets } = await loadSeededCampaign(TZ));
});

describe("progressBar", () => {
  it("is 10 wide, clamps at full and shows the real percentage", () => {
    expect(progressBar(63)).toBe("▓▓▓▓▓▓░░░░ 63%");
    expect(progressBar(0)).toBe("░░░░░░░░░░ 0%");
    expect(progressBar(150)).toBe("▓▓▓▓▓▓▓▓▓▓ 150%");
  });
});

describe("renderProgress", () => {
  it.each(["zh", "en"] as const)("lists all 23 metrics (PRODUCT.md's 21, the survey's 2 rates) under group headings, well under 4096 chars (%s)", (locale) => {
    const text = renderProgress(campaign, agg, targets, locale, createTestTranslate(locale), NOW, TZ);
    expect(text.length).toBeLessThan(2000);
    expect(text.split("\n").length).toBeLessThanOrEqual(30);
    expect(text.match(/ · \d+%/g)).toHaveLength(20); // every metric but the three rates (awareness, and the survey's support and satisfaction)
    expect(text.match(/<b>/g)).toHaveLength(5);
    for (const m of campaign.metrics) expect(text).toContain(m.name[locale]);
  });

  it("shows value, target, bar and ✅ when met", () => {
    const text = renderProgress(campaign, agg, { ...targets, garbage_cleared: 200 }, "zh", createTestTranslate("zh"), NOW, TZ);
    expect(text).toContain("\n清运垃圾：300/200 车 · 150% ✅\n");
    expect(text).toContain("\n路面坑凹修补：350/400 平方米 · 88%\n");
    expect(text).toContain("\n创建知晓率：94%（目标 95%）\n");
    expect(text).toContain("\n每周卫生日参与人数（6月29日那周）：200/230 人 · 87%\n");
    expect(text).toContain("\n鼠药发放（6月）：400/460 公斤 · 87%\n");
    expect(text).toContain("已达标 1/23 项");
    expect(text.startsWith("<b>创建全国文明城市 · 2026 年进度</b>")).toBe(true);
  });
});

describe("the title across a new year", () => {
  it("names the campaign's year during it, and says \"since\" once the next year begins (local time)", () => {
    const title = (now: Date, locale: "zh" | "en") => renderProgress(campaign, agg, targets, locale, createTestTranslate(locale), now, TZ).split("\n")[0];
    // 23:59 on 31 Dec in Shanghai, then midnight (16:00Z the day before)
    expect(title(new Date("2026-12-31T15:59:00Z"), "zh")).toBe("<b>创建全国文明城市 · 2026 年进度</b>");
    expect(title(new Date("2026-12-31T16:00:00Z"), "zh")).toBe("<b>创建全国文明城市 · 2026 年以来进度</b>");
    expect(title(new Date("2026-12-31T15:59:00Z"), "en")).toBe("<b>Civilized-city campaign · 2026 progress</b>");
    expect(title(new Date("2027-06-01T00:00:00Z"), "en")).toBe("<b>Civilized-city campaign · progress since 2026</b>");
  });
});

describe("renderMetricDetail", () => {
  it("shows history by month and the latest records, notes escaped", () => {
    const metric = findMetric(campaign, "garbage_cleared");
    if (metric === undefined) throw new Error("missing metric");
    const local = createAggregates(campaign, TZ);
    for (let i = 0; i < 8; i++) {
      apply(local, { id: `g${i}`, metricId: "garbage_cleared", amount: i + 1, at: `2026-${String(4 + i).padStart(2, "0")}-10T04:00:00Z`, by: 1, source: "staff", note: i === 7 ? "<script>&" : `batch ${i}` });
    }
    const text = renderMetricDetail(campaign, local, targets, metric, "en", createTestTranslate("en"), NOW, TZ);
    expect(text).toContain("<b>Garbage cleared</b>\nGarbage cleared: 36 truckloads / target 350 truckloads\n▓░░░░░░░░░ 10%");
    expect(text).not.toContain("garbage_cleared");
    expect(renderMetricDetail(campaign, local, targets, metric, "en", createTestTranslate("en"), NOW, TZ, true)).toContain("<b>Garbage cleared</b> <code>garbage_cleared</code>");
    expect(text).toContain("2026-11: 8 truckloads\n2026-10: 7 truckloads");
    expect(text).toContain("2026-11-10 · +8 · &lt;script&gt;&amp; · staff");
    expect(text).not.toContain("<script>");
    expect(text.match(/ · staff/g)).toHaveLength(5);
    expect(text).not.toContain("batch 2");
  });

  it("shortens a long note without splitting an emoji", () => {
    const metric = findMetric(campaign, "garbage_cleared");
    if (metric === undefined) throw new Error("missing metric");
    const local = createAggregates(campaign, TZ);
    apply(local, { id: "e1", metricId: "garbage_cleared", amount: 1, at: "2026-11-10T04:00:00Z", by: 1, source: "staff", note: `${"x".repeat(59)}😀😀tail` });
    const text = renderMetricDetail(campaign, local, targets, metric, "zh", createTestTranslate("zh"), NOW, TZ);
    expect(text).toContain(`+1 · ${"x".repeat(59)}😀… · 工作人员录入`);
    expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("shows the survey sample for the rate", () => {
    const metric = findMetric(campaign, "awareness_rate");
    if (metric === undefined) throw new Error("missing metric");
    const text = renderMetricDetail(campaign, agg, targets, metric, "zh", createTestTranslate("zh"), NOW, TZ);
    expect(text).toContain("创建知晓率：94% / 目标 95%\n▓▓▓▓▓▓▓▓▓░ 距目标差 1 个百分点\n");
    expect(text).toContain("共调查 5,000 份，其中知晓 4,700 份");
    expect(text).toContain("2026-06: 94%");
    expect(text).toContain("2026-06-30 · 知晓 4,700/5,000 份 · 共发出调查表5000余张，知晓率达94% · 年度总结");
  });
});
