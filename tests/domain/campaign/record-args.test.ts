import { beforeAll, describe, expect, it } from "vitest";
import { parseChineseNumber } from "../../../src/domain/campaign/amount.js";
import type { Campaign } from "../../../src/domain/campaign/metric.js";
import { parseRecordArgs, parseTargetArgs, resolveMetric, suggestMetrics } from "../../../src/domain/campaign/record-args.js";
import { loadRealCampaign } from "./fixture.js";

let campaign: Campaign;
beforeAll(async () => {
  campaign = (await loadRealCampaign()).campaign;
});

describe("resolveMetric", () => {
  it.each([
    ["garbage_cleared", "garbage_cleared"],
    ["GARBAGE_CLEARED", "garbage_cleared"],
    ["garbage-cleared", "garbage_cleared"],
    ["垃圾", "garbage_cleared"],
    ["清运", "garbage_cleared"],
    ["Truckloads", "garbage_cleared"],
    ["知晓率", "awareness_rate"],
    ["awareness", "awareness_rate"],
    ["违建", "illegal_structures_removed"],
    ["Illegal Structures", "illegal_structures_removed"],
    ["小广告", "flyers_removed"],
    ["乱张贴", "flyers_removed"],
    ["资金", "cleanup_funds"],
    ["money", "cleanup_funds"],
    ["党员", "party_member_participation"],
    ["卫生日", "weekly_cleanup_participants"],
    ["鼠药", "rat_poison_distributed"],
    ["问卷", "awareness_surveys"],
    ["垃圾清运", "garbage_cleared"],
    ["清除小广告", "flyers_removed"],
    ["路面坑凹修补", "pothole_repair_area"],
    // a phrase made up wholly of one metric's words
    ["垃圾 清运", "garbage_cleared"],
    ["卫生日 参与", "weekly_cleanup_participants"],
    ["garbage truckloads", "garbage_cleared"],
  ])("%s → %s", (word, id) => {
    expect(resolveMetric(word, campaign)?.id).toBe(id);
  });

  it("resolves nothing for unrelated or ambiguous words", () => {
    expect(resolveMetric("天气", campaign)).toBeUndefined();
    expect(resolveMetric("trees", campaign)).toBeUndefined();
    expect(resolveMetric("", campaign)).toBeUndefined();
  });

  it.each(["垃圾桶", "党员大会", "小区", "路面树", "garbage bins", "parking", "party room", "art", "坑凹修"])(
    "does not guess from a word that merely contains or is part of a metric's word: %s",
    (word) => {
      expect(resolveMetric(word, campaign)).toBeUndefined();
    },
  );

  it("suggests close ids for typos and partial words", () => {
    expect(suggestMetrics("garbge", campaign)).toContain("garbage_cleared");
    expect(suggestMetrics("awarness_rate", campaign)[0]).toBe("awareness_rate");
    expect(suggestMetrics("trees", campaign)).toEqual(expect.arrayContaining(["compound_trees_pruned", "street_trees_trimmed"]));
    expect(suggestMetrics("zzzzzz", campaign)).toEqual([]);
  });
});

describe("parseRecordArgs", () => {
  it.each([
    ["garbage_cleared 12", { metricId: "garbage_cleared", amount: 12 }],
    ["/record garbage_cleared 12", { metricId: "garbage_cleared", amount: 12 }],
    ["/record@community_bot 垃圾 12车", { metricId: "garbage_cleared", amount: 12 }],
    ["垃圾 12车 高峰南巷34号", { metricId: "garbage_cleared", amount: 12, note: "高峰南巷34号" }],
    ["垃圾 12 车 高峰南巷", { metricId: "garbage_cleared", amount: 12, note: "高峰南巷" }],
    ["清运垃圾12车", { metricId: "garbage_cleared", amount: 12 }],
    ["垃圾 十二车", { metricId: "garbage_cleared", amount: 12 }],
    ["垃圾 300多车", { metricId: "garbage_cleared", amount: 300 }],
    ["garbage 12 truckloads Gaofeng lane", { metricId: "garbage_cleared", amount: 12, note: "Gaofeng lane" }],
    ["坑凹 350平米", { metricId: "pothole_repair_area", amount: 350 }],
    ["坑凹 350㎡", { metricId: "pothole_repair_area", amount: 350 }],
    ["pothole 350 m2", { metricId: "pothole_repair_area", amount: 350 }],
    ["pothole 350 sq m 柳河路", { metricId: "pothole_repair_area", amount: 350, note: "柳河路" }],
    ["pothole_repair_area 350平方米", { metricId: "pothole_repair_area", amount: 350 }],
    ["资金 4.5万", { metricId: "cleanup_funds", amount: 45000 }],
    ["资金 4.5万元 购买工具", { metricId: "cleanup_funds", amount: 45000, note: "购买工具" }],
    ["资金 ¥1,200", { metricId: "cleanup_funds", amount: 1200 }],
    ["funds 4.5k", { metricId: "cleanup_funds", amount: 4500 }],
    ["资金 四万五千", { metricId: "cleanup_funds", amount: 45000 }],
    ["flyers 1,200", { metricId: "flyers_removed", amount: 1200 }],
    ["小广告 １２０处", { metricId: "flyers_removed", amount: 120 }],
    ["鼠药 8斤", { metricId: "rat_poison_distributed", amount: 4 }],
    ["鼠药 12kg", { metricId: "rat_poison_distributed", amount: 12 }],
    ["鼠药 0.5吨", { metricId: "rat_poison_distributed", amount: 500 }],
    ["illegal structures 3 rooms", { metricId: "illegal_structures_removed", amount: 3 }],
    ["违建 3间 柳河路40号 <b>x</b>", { metricId: "illegal_structures_removed", amount: 3, note: "柳河路40号 <b>x</b>" }],
    ["awareness_surveys 300", { metricId: "awareness_surveys", amount: 300 }],
    ["awareness_surveys 200 aware=190", { metricId: "awareness_rate", amount: 200, aware: 190 }],
    ["awareness_rate 200 aware=190 第二批", { metricId: "awareness_rate", amount: 200, aware: 190, note: "第二批" }],
    ["问卷 200份 知晓=190", { metricId: "awareness_rate", amount: 200, aware: 190 }],
    ["知晓率 190/200", { metricId: "awareness_rate", amount: 200, aware: 190 }],
    ["问卷 200 知晓 190", { metricId: "awareness_rate", amount: 200, aware: 190 }],
    ["awareness_surveys 200 aware = 190 第二批", { metricId: "awareness_rate", amount: 200, aware: 190, note: "第二批" }],
    ["垃圾 12 车 平米多", { metricId: "garbage_cleared", amount: 12, note: "平米多" }],
    ["街树 5", undefined],
  ])("%s", (text, expected) => {
    const r = parseRecordArgs(text, campaign);
    if (expected === undefined) expect(r.ok).toBe(false);
    else expect(r).toEqual({ ok: true, ...expected });
  });

  it.each([
    ["", "missing-args"],
    ["/record", "missing-args"],
    ["垃圾", "missing-args"],
    ["illegal structures", "missing-args"],
    ["垃圾 很多", "bad-amount"],
    ["垃圾 abc", "bad-amount"],
    ["垃圾 0", "bad-amount"],
    ["垃圾 -5", "negative"],
    ["垃圾 −5车", "negative"],
    ["垃圾 12平米", "bad-unit"],
    ["坑凹 350车", "bad-unit"],
    ["垃圾 999999999", "too-large"],
    ["知晓率 94%", "bad-amount"],
    ["知晓率 200", "bad-amount"],
    ["awareness_surveys 200 aware=300", "aware-too-many"],
    ["知晓率 300/200", "aware-too-many"],
    ["知晓率 200.5 aware=190", "bad-amount"],
    ["awareness_surveys 200 aware=abc", "bad-amount"],
    ["问卷 200 知晓 很多", "bad-amount"],
    ["垃圾 12 平米", "bad-unit"],
    ["垃圾 12 sq m 柳河路", "bad-unit"],
    ["垃圾桶 3", "unknown-metric"],
    ["garbage bins 3", "unknown-metric"],
    ["垃圾桶 很多", "unknown-metric"],
    ["垃圾 12 aware=3", "bad-amount"],
    ["天气 12", "unknown-metric"],
  ])("%s → %s", (text, error) => {
    const r = parseRecordArgs(text, campaign);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe(error);
  });

  it("an unknown metric comes with suggestions", () => {
    const r = parseRecordArgs("garbge 12", campaign);
    expect(r).toEqual({ ok: false, error: "unknown-metric", suggestions: ["garbage_cleared"] });
    const trees = parseRecordArgs("trees 5", campaign);
    expect(trees.ok === false && trees.suggestions).toEqual(expect.arrayContaining(["compound_trees_pruned", "street_trees_trimmed"]));
    // a typo of a metric's word is refused with that metric suggested, never recorded on it
    expect(parseRecordArgs("/record 垃圾桶 3", campaign)).toEqual({ ok: false, error: "unknown-metric", suggestions: ["garbage_cleared"] });
    expect(parseRecordArgs("party room 3", campaign)).toEqual({ ok: false, error: "unknown-metric", suggestions: ["party_member_participation"] });
    const typo = parseRecordArgs("awarness_rate 200 aware=190", campaign);
    expect(typo.ok === false && typo.suggestions[0]).toBe("awareness_rate");
  });
});

describe("parseTargetArgs", () => {
  it("reads targets with units and percentages", () => {
    expect(parseTargetArgs("/target 知晓率 96%", campaign)).toEqual({ ok: true, metricId: "awareness_rate", value: 96 });
    expect(parseTargetArgs("资金 5万元", campaign)).toEqual({ ok: true, metricId: "cleanup_funds", value: 50000 });
    expect(parseTargetArgs("garbage_cleared 400", campaign)).toEqual({ ok: true, metricId: "garbage_cleared", value: 400 });
    expect(parseTargetArgs("知晓率 120", campaign)).toMatchObject({ ok: false, error: "too-large" });
    expect(parseTargetArgs("垃圾", campaign)).toMatchObject({ ok: false, error: "missing-args" });
    expect(parseTargetArgs("垃圾 0", campaign)).toMatchObject({ ok: false, error: "bad-amount" });
    expect(parseTargetArgs("garbge 400", campaign)).toMatchObject({ ok: false, error: "unknown-metric", suggestions: ["garbage_cleared"] });
  });
});

describe("whole metrics refuse fractions", () => {
  it.each([
    ["违章建筑 3.5间", "illegal_structures_removed", 3.5],
    ["/record 清运垃圾 2.5车", "garbage_cleared", 2.5],
    ["垃圾 12.5 车 柳河路", "garbage_cleared", 12.5],
    ["illegal structures 2.5 rooms 柳河路", "illegal_structures_removed", 2.5],
    ["党员 1.5", "party_member_participation", 1.5],
    ["卫生日 20.5人", "weekly_cleanup_participants", 20.5],
    ["awareness_surveys 200.5", "awareness_surveys", 200.5],
    ["灭蟑灭蚊药 0.5包", "insecticide_packs_distributed", 0.5],
  ])("/record %s → not-whole", (text, metricId, amount) => {
    expect(parseRecordArgs(text, campaign)).toEqual({ ok: false, error: "not-whole", suggestions: [], metricId, amount });
  });

  it.each([
    ["违建 三间", "illegal_structures_removed", 3],
    ["垃圾 12.0车", "garbage_cleared", 12],
    ["小广告 1.2万", "flyers_removed", 12000],
    ["垃圾 2.5k", "garbage_cleared", 2500],
    // measured quantities stay fractional, also after a unit conversion (3斤 → 1.5 kg)
    ["坑凹 3.5平米", "pothole_repair_area", 3.5],
    ["鼠药 3斤", "rat_poison_distributed", 1.5],
    ["鼠药 2.5kg", "rat_poison_distributed", 2.5],
    ["资金 12.34", "cleanup_funds", 12.34],
  ])("/record %s is accepted", (text, metricId, amount) => {
    expect(parseRecordArgs(text, campaign)).toEqual({ ok: true, metricId, amount });
  });

  it("/target of a whole metric must be whole; measured ones may be fractional", () => {
    expect(parseTargetArgs("垃圾 400.5", campaign)).toEqual({ ok: false, error: "not-whole", suggestions: [], metricId: "garbage_cleared", amount: 400.5 });
    expect(parseTargetArgs("卫生日 230.5", campaign)).toMatchObject({ ok: false, error: "not-whole", metricId: "weekly_cleanup_participants" });
    expect(parseTargetArgs("违建 四十间", campaign)).toEqual({ ok: true, metricId: "illegal_structures_removed", value: 40 });
    expect(parseTargetArgs("鼠药 460.5", campaign)).toEqual({ ok: true, metricId: "rat_poison_distributed", value: 460.5 });
    expect(parseTargetArgs("资金 5.5万", campaign)).toEqual({ ok: true, metricId: "cleanup_funds", value: 55000 });
  });
});

describe("a rate target written as a fraction", () => {
  it.each([
    ["/target 知晓率 0.95", 0.95],
    ["知晓率 .9", 0.9],
    ["awareness_rate ０.９５", 0.95],
    ["知晓率 0.95%", 0.95],
    // 1 could be 100 % or 1 %; neither is what "1" should silently mean
    ["知晓率 1", 1],
    ["知晓率 1%", 1],
  ])("%s → rate-as-fraction", (text, amount) => {
    expect(parseTargetArgs(text, campaign)).toEqual({ ok: false, error: "rate-as-fraction", suggestions: [], metricId: "awareness_rate", amount });
  });

  it("accepts a percentage above 1, fractional or not", () => {
    expect(parseTargetArgs("知晓率 95", campaign)).toEqual({ ok: true, metricId: "awareness_rate", value: 95 });
    expect(parseTargetArgs("知晓率 95.5%", campaign)).toEqual({ ok: true, metricId: "awareness_rate", value: 95.5 });
    expect(parseTargetArgs("知晓率 1.5", campaign)).toEqual({ ok: true, metricId: "awareness_rate", value: 1.5 });
  });
});

describe("parseChineseNumber", () => {
  it.each([["十二", 12], ["三百五十", 350], ["两万", 20000], ["四万五千", 45000], ["一千二百", 1200], ["七千", 7000]])("%s = %d", (text, n) => {
    expect(parseChineseNumber(text)).toBe(n);
  });
  it("rejects non-numerals", () => {
    expect(parseChineseNumber("垃圾")).toBeNaN();
  });
});

describe("hostile input", () => {
  it("stays fast and safe on long or odd text", () => {
    const t0 = performance.now();
    expect(parseRecordArgs("垃".repeat(50_000), campaign)).toMatchObject({ ok: false });
    expect(parseRecordArgs(`垃圾 12 ${"x".repeat(50_000)}`, campaign)).toMatchObject({ ok: true, amount: 12 });
    expect(parseRecordArgs("\u202e垃圾 12", campaign)).toMatchObject({ ok: true, metricId: "garbage_cleared", amount: 12 });
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
