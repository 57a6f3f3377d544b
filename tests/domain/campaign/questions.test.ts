import { beforeAll, describe, expect, it } from "vitest";
import { apply, type Aggregates } from "../../../src/domain/campaign/aggregates.js";
import type { Campaign } from "../../../src/domain/campaign/metric.js";
import { answerQuestion, understandQuestion, type Intent } from "../../../src/domain/campaign/questions.js";
import { createTestTranslate } from "../../helpers/fluent.js";
import { loadSeededCampaign } from "./fixture.js";

let campaign: Campaign;
let agg: Aggregates;
let targets: Record<string, number>;
const TZ = "Asia/Shanghai";
const NOW = new Date("2026-07-10T04:00:00Z");

beforeAll(async () => {
  ({ campaign, agg, targets } = await loadSeededCampaign(TZ));
  apply(agg, { id: "s1", metricId: "garbage_cleared", amount: 12, at: "2026-07-05T04:00:00Z", by: 7, source: "staff" });
});

const m = (metricId: string, period?: "this-month" | "this-year" | "this-week" | "last-month"): Intent =>
  period === undefined ? { kind: "metric", metricId } : { kind: "metric", metricId, period };
const next = (noticeId?: string): Intent => (noticeId === undefined ? { kind: "next-notice" } : { kind: "next-notice", noticeId });
const overview: Intent = { kind: "progress-overview" };
const unknown: Intent = { kind: "unknown" };
const greeting: Intent = { kind: "greeting" };
const thanks: Intent = { kind: "thanks" };
const yes = (metricId: string): Intent => ({ kind: "metric", metricId, yesNo: true });

/** Issue 11: traditional characters, colloquial and English wording, typos, yes/no, greetings. */
const NEW_KINDS: [string, Intent][] = [
  // one notice named: that notice only
  ["下次灭四害什么时候", next("pest-control")],
  ["灭四害是哪天？", next("pest-control")],
  ["四害什么时候消杀", next("pest-control")],
  ["下次除四害幾號", next("pest-control")],
  ["when is the next pest extermination?", next("pest-control")],
  ["next cleaning day?", next("cleanup-day")],
  ["衛生日什麼時候", next("cleanup-day")],
  ["市民學校下次講座是哪天", next("civility-lecture")],
  // traditional characters
  ["拆了多少違章建築", m("illegal_structures_removed")],
  ["違建拆除情況", m("illegal_structures_removed")],
  ["垃圾清運了多少車", m("garbage_cleared")],
  ["知曉率是多少？", m("awareness_rate")],
  ["小廣告清除了多少處", m("flyers_removed")],
  ["欄杆油漆了多少", m("railing_repair_area")],
  ["投入了多少資金", m("cleanup_funds")],
  ["綠化帶修剪了多少", m("greenbelt_trim_area")],
  ["黨員參加了多少人次", m("party_member_participation")],
  ["滅蟑滅蚊藥發了多少包", m("insecticide_packs_distributed")],
  ["本月鼠藥發了多少", m("rat_poison_distributed", "this-month")],
  ["知曉率達標了嗎", yes("awareness_rate")],
  // colloquial Chinese
  ["垃圾拉走了几车啊", m("garbage_cleared")],
  ["墙刷了多少", m("wall_paint_area")],
  ["乱贴的小广告撕了多少", m("flyers_removed")],
  ["违建拆了几间", m("illegal_structures_removed")],
  ["黑餐馆关了几家", m("unlicensed_eateries_closed")],
  ["老鼠药发了多少斤", m("rat_poison_distributed")],
  // English wording residents use
  ["How much railing was repainted?", m("railing_repair_area")],
  ["how many posters were torn down", m("flyers_removed")],
  ["how much garbage was hauled away?", m("garbage_cleared")],
  ["how many truckloads were hauled away", m("garbage_cleared")],
  ["how much money was spent on the cleanup", m("cleanup_funds")],
  ["how many illegal buildings were torn down?", m("illegal_structures_removed")],
  ["how many walls were painted", m("wall_paint_area")],
  ["how many handrails were fixed", m("railing_repair_area")],
  // typos
  ["what's the awarness rate?", m("awareness_rate")],
  ["how much grabage was cleared", m("garbage_cleared")],
  ["how many volunters on environment day", m("environment_day_volunteers")],
  ["how many railngs were repaired", m("railing_repair_area")],
  ["insectiside packs?", m("insecticide_packs_distributed")],
  ["知晓律是多少", m("awareness_rate")],
  // yes / no
  ["知晓率达标了吗", yes("awareness_rate")],
  ["清运垃圾完成目标了吗？", yes("garbage_cleared")],
  ["栏杆修补达标没有", yes("railing_repair_area")],
  ["did we reach the awareness target?", yes("awareness_rate")],
  ["have we met the garbage target", yes("garbage_cleared")],
  ["Is the flyers target reached?", yes("flyers_removed")],
  // greetings and thanks
  ["您好！", greeting],
  ["hi", greeting],
  ["Hey!", greeting],
  ["早上好", greeting],
  ["good morning", greeting],
  ["在吗？", greeting],
  ["多谢", thanks],
  ["thank you!", thanks],
  // how to sign up (a question, not a sign-up)
  ["怎么报名", { kind: "how-to-sign-up" }],
  ["志愿者报名怎么弄", { kind: "how-to-sign-up" }],
  ["如何报名？", { kind: "how-to-sign-up" }],
  ["我想当志愿者", { kind: "how-to-sign-up" }],
  ["在哪里报名参加活动", { kind: "how-to-sign-up" }],
  ["how do I sign up?", { kind: "how-to-sign-up" }],
  ["How can I volunteer", { kind: "how-to-sign-up" }],
  ["报名了多少人", unknown],
  // off-topic stays without a figure
  ["你好，请问附近有药店吗", unknown],
  ["how do I get to the station?", unknown],
  ["the closer shop is open", unknown],
  ["今天天氣怎麼樣", unknown],
];

const TABLE: [string, Intent][] = [
  // figures, Chinese
  ["知晓率是多少？", m("awareness_rate")],
  ["知晓率", m("awareness_rate")],
  ["现在居民的知晓率怎么样", m("awareness_rate")],
  ["清运了多少车垃圾", m("garbage_cleared")],
  ["垃圾清运了多少", m("garbage_cleared")],
  ["本月清运了几车垃圾？", m("garbage_cleared", "this-month")],
  ["投入了多少资金", m("cleanup_funds")],
  ["环境整治花了多少钱", m("cleanup_funds")],
  ["今年投入多少经费", m("cleanup_funds", "this-year")],
  ["党员参加了多少人次", m("party_member_participation")],
  ["小广告清除了多少处", m("flyers_removed")],
  ["乱张贴清理了多少", m("flyers_removed")],
  ["拆了多少违章建筑", m("illegal_structures_removed")],
  ["违建拆除情况", m("illegal_structures_removed")],
  ["取缔了几家无证照餐饮", m("unlicensed_eateries_closed")],
  ["路面坑凹修补了多少平米", m("pothole_repair_area")],
  ["排水沟盖板铺了多少", m("drain_cover_area")],
  ["绿化带修剪了多少", m("greenbelt_trim_area")],
  ["小公园地面铺了多少", m("park_paving_area")],
  ["外墙粉刷了多少平米", m("wall_paint_area")],
  ["栏杆油漆了多少", m("railing_repair_area")],
  ["小区树木修枝多少株", m("compound_trees_pruned")],
  ["行道树修剪了多少棵", m("street_trees_trimmed")],
  ["这个月鼠药发了多少", m("rat_poison_distributed", "this-month")],
  ["上个月鼠药发了多少公斤", m("rat_poison_distributed", "last-month")],
  ["灭蟑灭蚊药发了多少包", m("insecticide_packs_distributed")],
  ["道德实践活动搞了几场", m("moral_practice_events")],
  ["世界环境日有多少志愿者", m("environment_day_volunteers")],
  ["有多少志愿者", m("environment_day_volunteers")],
  ["卫生日每周多少人参加", m("weekly_cleanup_participants")],
  ["本周卫生日参与人数", m("weekly_cleanup_participants", "this-week")],
  ["发了多少份问卷", m("awareness_surveys")],
  ["调查表发了多少", m("awareness_surveys")],
  // figures, English
  ["what's the awareness rate", m("awareness_rate")],
  ["What is the awareness rate?", m("awareness_rate")],
  ["how many truckloads of garbage were cleared?", m("garbage_cleared")],
  ["how much garbage this month", m("garbage_cleared", "this-month")],
  ["how many illegal structures were demolished?", m("illegal_structures_removed")],
  ["How much money was spent?", m("cleanup_funds")],
  ["funds spent this year", m("cleanup_funds", "this-year")],
  ["how many flyers were removed", m("flyers_removed")],
  ["how many party members took part?", m("party_member_participation")],
  ["this month's cleanup volunteers", m("weekly_cleanup_participants", "this-month")],
  ["cleanup volunteers this week", m("weekly_cleanup_participants", "this-week")],
  ["how many volunteers on environment day", m("environment_day_volunteers")],
  ["how many unlicensed eateries were closed", m("unlicensed_eateries_closed")],
  ["rat poison last month", m("rat_poison_distributed", "last-month")],
  ["how many insecticide packs?", m("insecticide_packs_distributed")],
  ["how many surveys were handed out", m("awareness_surveys")],
  ["pothole repair progress", m("pothole_repair_area")],
  ["how many street trees were trimmed?", m("street_trees_trimmed")],
  ["how many moral practice events", m("moral_practice_events")],
  ["garbage_cleared", m("garbage_cleared")],
  // next notice
  ["下次卫生日是哪天", next("cleanup-day")],
  ["卫生日什么时候", next("cleanup-day")],
  ["卫生日", next("cleanup-day")],
  ["下次大扫除几号？", next("cleanup-day")],
  ["除四害是哪天", next("pest-control")],
  ["下次灭鼠什么时候", next("pest-control")],
  ["健康专刊什么时候出", next("health-bulletin")],
  ["下一期专刊", next("health-bulletin")],
  ["讲座是什么时候", next("civility-lecture")],
  ["市民学校下次授课", next("civility-lecture")],
  ["When is the next cleanup day?", next("cleanup-day")],
  ["when is pest control", next("pest-control")],
  ["next health bulletin", next("health-bulletin")],
  ["when is the next lecture?", next("civility-lecture")],
  ["下次活动是什么时候？", next()],
  ["when is the next event", next()],
  // overview
  ["创文进度怎么样", overview],
  ["文明城市创建进展如何", overview],
  ["目标完成了吗", overview],
  ["how is the campaign going?", overview],
  ["show me the progress", overview],
  // not questions about figures
  ["你好", greeting],
  ["hello", greeting],
  ["Hi there!", greeting],
  ["天气怎么样", unknown],
  ["what is the weather", unknown],
  ["我要报名", unknown],
  ["报名卫生日", unknown],
  ["sign me up for the cleanup", unknown],
  ["取消报名", unknown],
  ["😀", unknown],
  ["👍👍", unknown],
  ["12", unknown],
  ["3.14", unknown],
  ["", unknown],
  ["   ", unknown],
  ["谢谢", thanks],
  ["thanks!", thanks],
  ["is there a party tonight", unknown],
  // a question mark alone does not make chatter that mentions a word a question about a figure
  ["is there a party tonight?", unknown],
  ["垃圾桶在哪里？", unknown],
  ["知晓率？", m("awareness_rate")],
  ["停车位在哪里", unknown],
  ["我家水管坏了", unknown],
  ...NEW_KINDS,
];

describe("understandQuestion", () => {
  it("has a big enough table", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(70);
  });
  it.each(TABLE)("%s", (text, intent) => {
    expect(understandQuestion(text, campaign)).toEqual(intent);
  });
  it("never crashes on hostile input", () => {
    for (const text of ["<b>知晓率</b>", "a".repeat(10_000), "(.*)+?", "\u0000\u202e知晓率", "知晓率".repeat(200)]) {
      expect(() => understandQuestion(text, campaign)).not.toThrow();
    }
  });
});

describe("answerQuestion", () => {
  const zh = createTestTranslate("zh");
  const en = createTestTranslate("en");
  it("answers a sum with figure, unit and target", () => {
    const a = answerQuestion(m("garbage_cleared"), campaign, agg, targets, "zh", zh, NOW, TZ);
    expect(a).toEqual({ kind: "text", text: "清运垃圾：累计 312 车，目标 350 车，完成 89%。" });
  });
  it("answers the awareness rate with its sample", () => {
    const a = answerQuestion(understandQuestion("what's the awareness rate", campaign), campaign, agg, targets, "en", en, NOW, TZ);
    expect(a).toEqual({ kind: "text", text: "Campaign awareness rate: 94% (4,700 aware of 5,000 surveyed), target 95%." });
  });
  it("answers a period and the running total", () => {
    const a = answerQuestion(m("garbage_cleared", "this-month"), campaign, agg, targets, "en", en, NOW, TZ);
    expect(a.kind === "text" && a.text).toBe("Garbage cleared (this month): 12 truckloads\nGarbage cleared: 312 truckloads so far, target 350 truckloads (89%).");
  });
  it("answers a per-period metric with latest and average", () => {
    const a = answerQuestion(m("weekly_cleanup_participants"), campaign, agg, targets, "zh", zh, NOW, TZ);
    expect(a.kind === "text" && a.text).toBe("每周卫生日参与人数（上周）：200 人，平均每期 200 人，目标 230 人/周，完成 87%。");
  });
  it("marks a met target", () => {
    const a = answerQuestion(m("garbage_cleared"), campaign, agg, { garbage_cleared: 300 }, "en", en, NOW, TZ);
    expect(a.kind === "text" && a.text).toContain("target met ✅");
  });
  it("leaves next-notice to the caller and gives help for unknown", () => {
    expect(answerQuestion(next("cleanup-day"), campaign, agg, targets, "zh", zh, NOW, TZ)).toEqual({ kind: "next-notice", noticeId: "cleanup-day" });
    const u = answerQuestion(unknown, campaign, agg, targets, "en", en, NOW, TZ);
    expect(u.kind).toBe("unknown");
    // what can be asked, with examples: not a list of the 21 metric names, and no figure
    expect(u.kind === "unknown" && u.text).toMatch(/^I can't answer that one yet\.\nYou can ask, for example: “What is the awareness rate\?”/);
    expect(u.kind === "unknown" && u.text).not.toMatch(/Party member participation|\d+%/);
  });
  it("answers the overview with the progress board", () => {
    const a = answerQuestion(overview, campaign, agg, targets, "zh", zh, NOW, TZ);
    expect(a.kind === "text" && a.text).toContain("<b>🧹 环境整治</b>");
  });
});
