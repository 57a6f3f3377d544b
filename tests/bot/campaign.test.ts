import { InputFile } from "grammy";
import type { ChartSpec } from "../../src/bot/chart/progress-chart.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { command, makeUser } from "../../tools/fake-bot-api/index.js";
import { createHarness, NOW, STAFF_ID, type Harness } from "./campaign-harness.js";

let h: Harness;
const staff = makeUser(STAFF_ID, { language_code: "zh" });
const resident = makeUser(500, { language_code: "zh" });
const english = makeUser(501, { language_code: "en" });

beforeEach(async () => {
  h = await createHarness({ chart: true });
});
afterEach(async () => {
  await h.close();
});

const staffRecords = () => h.store.data.campaign.records.filter((r) => r.source === "staff");

describe("/progress", () => {
  it("shows every metric grouped, with value, target, a bar and ✅ where met", async () => {
    await h.send(command(resident, "/progress"));
    const [text = "", ...rest] = h.replies(resident.id);
    expect(rest).toEqual([]); // residents get no chart
    expect(text).toContain("创建全国文明城市 · 2026 年进度");
    expect(text).toContain("🧹 环境整治");
    expect(text).toContain("📣 宣传与知晓");
    expect(text).toContain("\n清运垃圾：300/350 车 · 86%\n");
    // a rate is shown against its target, with no percent of the target that could pass for the rate
    expect(text).toContain("\n创建知晓率：94%（目标 95%）\n");
    expect(text).not.toMatch(/99%/);
    // one message, one line per metric, at most 30 lines, no internal ids
    expect(text.split("\n").length).toBeLessThanOrEqual(30);
    expect(text.split("\n").filter((l) => / · \d+%|（目标/.test(l))).toHaveLength(23);
    expect(text).not.toMatch(/[a-z]+_[a-z_]+/);
    await h.repo.setTarget("garbage_cleared", 300);
    await h.send(command(resident, "/progress"));
    expect(h.replies(resident.id)[0]).toContain("\n清运垃圾：300/300 车 · 100% ✅\n");
  });

  it("shows a /record, then its /undo, to a resident whose overview was answered (and kept) just before", async () => {
    const overview = async (user = resident) => {
      await h.send(command(user, "/progress"));
      return h.replies(user.id)[0] ?? "";
    };
    const before = await overview();
    expect(before).toMatch(/清运垃圾：300\/350 车/);
    expect(await overview()).toBe(before); // kept: the same text again
    await h.send(command(staff, "/record", "清运垃圾 12车"));
    expect(await overview()).toMatch(/清运垃圾：312\/350 车/);
    expect(await overview(english)).toMatch(/Garbage cleared: 312\/350 truckloads/i);
    await h.send(command(staff, "/undo"));
    expect(await overview()).toBe(before);
  });

  it("answers in English for an English user", async () => {
    await h.send(command(english, "/progress"));
    const text = h.replies(english.id)[0] ?? "";
    expect(text).toContain("\nGarbage cleared: 300/350 truckloads · 86%\n");
    expect(text).toContain("\nCampaign awareness rate: 94% (target 95%)\n");
    expect(text.split("\n").length).toBeLessThanOrEqual(30);
  });

  it("sends staff a real PNG chart after the text", async () => {
    await h.send(command(staff, "/progress"));
    const photo = h.rec.calls.find((c) => c.method === "sendPhoto");
    expect(photo?.params.chat_id).toBe(STAFF_ID);
    const file = photo?.params.photo as InputFile;
    expect(file).toBeInstanceOf(InputFile);
    // the bytes grammY would upload (InputFile keeps them privately)
    const bytes = (file as unknown as { fileData: Buffer }).fileData;
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.readUInt32BE(16)).toBe(960); // IHDR width
    expect(bytes.length).toBeGreaterThan(10_000);
  }, 20_000);

  it("renders staff's chart once per figures and language, and again after a /record", async () => {
    await h.close();
    const specs: ChartSpec[] = [];
    h = await createHarness({ chart: (spec) => (specs.push(spec), Buffer.from(`png ${specs.length}`)) });
    const photos = () => h.rec.calls.filter((c) => c.method === "sendPhoto").map((c) => String((c.params.photo as unknown as { fileData: Buffer }).fileData));
    await h.send(command(staff, "/progress"));
    await h.send(command(staff, "/progress"));
    expect(photos()).toEqual(["png 1", "png 1"]);
    const garbage = (spec: ChartSpec | undefined) => spec?.bars.find((b) => b.label === "清运垃圾")?.percent;
    expect(garbage(specs[0])).toBe(86);
    await h.send(command(staff, "/record", "清运垃圾 50车"));
    await h.send(command(staff, "/progress"));
    expect(photos()).toEqual(["png 1", "png 1", "png 2"]);
    expect(garbage(specs[1])).toBe(100);
  });

  it("/progress <metric> shows history by month and recent records", async () => {
    await h.send(command(staff, "/record", "垃圾 12车 柳东新村"));
    h.replies(resident.id);
    await h.send(command(resident, "/progress", "清运垃圾"));
    const text = h.replies(resident.id).join("\n");
    expect(text).toContain("按月记录");
    expect(text).toContain("2026-11: 12 车");
    expect(text).toContain("2026-06: 300 车");
    expect(text).toMatch(/2026-11-10 · \+12 · 柳东新村 · 工作人员录入/);
    await h.send(command(resident, "/progress", "garbge"));
    expect(h.replies(resident.id)[0]).toMatch(/没有找到这个指标。\n您是不是要找：.*garbage_cleared/);
  });
});

describe("/record, /undo, /target", () => {
  it("records by Chinese alias with a Chinese unit and a note, then /undo takes it back", async () => {
    await h.send(command(staff, "/record", "清运垃圾 12车 柳东新村"));
    const [ok] = h.replies(STAFF_ID);
    expect(ok).toContain("已记录：清运垃圾 +12 车");
    expect(ok).toContain("备注：柳东新村");
    expect(ok).toMatch(/清运垃圾：312 车/);
    expect(staffRecords()).toEqual([expect.objectContaining({ metricId: "garbage_cleared", amount: 12, by: STAFF_ID, note: "柳东新村", at: NOW.toISOString() })]);
    await h.send(command(staff, "/undo"));
    expect(h.replies(STAFF_ID)[0]).toMatch(/已撤销：清运垃圾 12 车。[\s\S]*清运垃圾：300 车/);
    expect(staffRecords()).toEqual([]);
    await h.send(command(staff, "/undo"));
    expect(h.replies(STAFF_ID)[0]).toBe("没有可以撤销的记录。");
  });

  it("confirms a record with the longest possible note within one message, keeping the note whole", async () => {
    const note = "<&>".repeat(1360);
    await h.send(command(staff, "/record", `垃圾 12车 ${note}`));
    const [ok = ""] = h.replies(STAFF_ID);
    expect(ok).toContain("已记录：清运垃圾 +12 车");
    expect(ok).toContain(`备注：${"<&>".repeat(100)}…\n`);
    expect(staffRecords()).toEqual([expect.objectContaining({ amount: 12, note })]);
  });

  it("refuses a typo that contains a metric's word, suggesting it, and records nothing", async () => {
    await h.send(command(staff, "/record", "垃圾桶 3"));
    expect(h.replies(STAFF_ID)[0]).toMatch(/^没有找到这个指标。\n您是不是要找：garbage_cleared 清运垃圾\n用法：\/record/);
    await h.send(command(staff, "/record", "垃圾 12 平米"));
    expect(h.replies(STAFF_ID)[0]).toContain("单位不对，这个指标的单位是 车");
    await h.send(command(staff, "/record", "问卷 200 知晓 300"));
    expect(h.replies(STAFF_ID)[0]).toContain("知晓的份数不能多于调查的份数");
    expect(staffRecords()).toEqual([]);
  });

  it("records a survey batch", async () => {
    await h.send(command(staff, "/record", "awareness_surveys 200 aware=190"));
    expect(h.replies(STAFF_ID)[0]).toContain("已记录一批知晓率问卷：200 份，知晓 190 份");
    expect(staffRecords()).toEqual([expect.objectContaining({ metricId: "awareness_rate", amount: 200, aware: 190 })]);
  });

  it("refuses a wrong metric, amount or unit with suggestions, recording nothing", async () => {
    await h.send(command(staff, "/record", "garbge 12"));
    expect(h.replies(STAFF_ID)[0]).toMatch(/没有找到这个指标。\n您是不是要找：<?.*garbage_cleared/);
    await h.send(command(staff, "/record", "垃圾 很多"));
    expect(h.replies(STAFF_ID)[0]).toContain("数量看不懂");
    await h.send(command(staff, "/record", "垃圾 12公斤"));
    const unit = h.replies(STAFF_ID)[0];
    expect(unit).toContain("单位不对，这个指标的单位是 车");
    expect(unit).toMatch(/可用的单位：车/);
    await h.send(command(staff, "/record"));
    expect(h.replies(STAFF_ID)[0]).toContain("用法：/record");
    expect(staffRecords()).toEqual([]);
  });

  it("refuses non-staff and records nothing", async () => {
    await h.send(command(resident, "/record", "垃圾 12车"));
    await h.send(command(resident, "/target", "垃圾 400"));
    await h.send(command(resident, "/undo"));
    const replies = h.replies(resident.id);
    expect(replies).toHaveLength(3);
    for (const r of replies) expect(r).not.toContain("已记录");
    expect(staffRecords()).toEqual([]);
    expect(h.store.data.campaign.targets).toEqual({});
  });

  it("/target changes a target (persisted), and refuses a rate above 100%", async () => {
    await h.send(command(staff, "/target", "垃圾 400"));
    expect(h.replies(STAFF_ID)[0]).toMatch(/已把“清运垃圾”的目标改为 400 车。[\s\S]*清运垃圾：300 车 \/ 目标 400 车/);
    expect(h.store.data.campaign.targets).toEqual({ garbage_cleared: 400 });
    await h.send(command(staff, "/target", "知晓率 120"));
    expect(h.replies(STAFF_ID)[0]).toContain("数量太大");
    expect(h.store.data.campaign.targets).toEqual({ garbage_cleared: 400 });
  });

  it("refuses a fraction of a whole metric, naming it, and records nothing", async () => {
    await h.send(command(staff, "/record", "违章建筑 3.5间 柳河路"));
    expect(h.replies(STAFF_ID)[0]).toMatch(/^拆除违章建筑按整数计（间），不能是 3\.5。\n用法：\/record/);
    await h.send(command(staff, "/record", "清运垃圾 2.5车"));
    expect(h.replies(STAFF_ID)[0]).toContain("清运垃圾按整数计（车），不能是 2.5。");
    await h.send(command(staff, "/target", "垃圾 400.5"));
    expect(h.replies(STAFF_ID)[0]).toMatch(/^清运垃圾按整数计（车），不能是 400\.5。\n用法：\/target/);
    expect(staffRecords()).toEqual([]);
    expect(h.store.data.campaign.targets).toEqual({});
    // measured quantities stay fractional
    await h.send(command(staff, "/record", "鼠药 3斤"));
    expect(h.replies(STAFF_ID)[0]).toContain("已记录：鼠药发放 +1.5 公斤");
    expect(staffRecords()).toEqual([expect.objectContaining({ metricId: "rat_poison_distributed", amount: 1.5 })]);
  });

  it("refuses a rate target written as a fraction instead of setting 0.95 %", async () => {
    await h.send(command(staff, "/target", "知晓率 0.95"));
    expect(h.replies(STAFF_ID)[0]).toMatch(/^创建知晓率的目标请写百分数，例如 95 或 95%（0\.95 会被当作 0\.95%）。\n用法：\/target/);
    expect(h.store.data.campaign.targets).toEqual({});
    await h.send(command(staff, "/target", "知晓率 95%"));
    expect(h.replies(STAFF_ID)[0]).toContain("已把“创建知晓率”的目标改为 95%。");
    expect(h.store.data.campaign.targets).toEqual({ awareness_rate: 95 });
  });

  it("says it in English to English-speaking staff", async () => {
    const englishStaff = makeUser(STAFF_ID, { language_code: "en" });
    await h.send(command(englishStaff, "/target", "awareness .9"));
    expect(h.replies(STAFF_ID)[0]).toContain("Write the target of “Campaign awareness rate” as a percentage, e.g. 95 or 95% (0.9 would mean 0.9 %).");
    await h.send(command(englishStaff, "/record", "illegal structures 3.5 rooms"));
    expect(h.replies(STAFF_ID)[0]).toContain("“Illegal structures removed” is counted in whole rooms; 3.5 is not a whole number.");
    expect(staffRecords()).toEqual([]);
    expect(h.store.data.campaign.targets).toEqual({});
  });
});
