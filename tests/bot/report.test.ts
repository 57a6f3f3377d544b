import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import type { Update } from "grammy/types";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createChartRenderer } from "../../src/bot/chart/progress-chart.js";
import { createBot } from "../../src/bot/create-bot.js";
import { createReportFeature } from "../../src/bot/features/report.js";
import { createReportBuilder, type ReportBuilder } from "../../src/bot/features/report/build.js";
import { createI18n } from "../../src/bot/i18n.js";
import { parseReportPeriod } from "../../src/domain/report/index.js";
import { loadCampaign } from "../../src/store/campaign-catalog.js";
import { createCampaignRepo } from "../../src/store/campaign-repo.js";
import { loadCompoundNames } from "../../src/store/compound-names.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";
import { loadCommunityName } from "../../src/store/report-data.js";
import { createSignupRepo } from "../../src/store/signup-repo.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { loadSurvey } from "../../src/store/survey-catalog.js";
import { createSurveyRepo, pollRef } from "../../src/store/survey-repo.js";
import { command, createRecordingApi, makeUser } from "../../tools/fake-bot-api/index.js";
import { createTestTranslate } from "../helpers/fluent.js";
import { createPeopleRepos } from "../../src/store/people-repos.js";

const STAFF = 1;
const CLEANUP = "cleanup-day:2026-11-28";
let clock = new Date("2026-11-05T02:00:00Z");
let dir: string;
let store: Store;
let build: ReportBuilder;

beforeEach(async () => {
  clock = new Date("2026-11-05T02:00:00Z");
  dir = await mkdtemp(join(tmpdir(), "report-"));
  store = await openStore({ file: join(dir, "db.json") });
  await store.write((db) => {
    db.roles[String(STAFF)] = "admin";
    db.users["11"] = { id: 11, firstName: "A", seenAt: clock.toISOString(), compound: "liudong" };
  }, "durable");
  const now = () => clock;
  const loaded = await loadCampaign("data");
  const campaign = await createCampaignRepo({ store, ...loaded, timezone: "Asia/Shanghai", now });
  const signups = await createSignupRepo({ store, catalog: await loadNoticeCatalog("data"), timezone: "Asia/Shanghai", now });
  const rates = new Set(loaded.campaign.metrics.filter((m) => m.kind === "rate").map((m) => m.id));
  const surveys = createSurveyRepo({ store, campaign, questionnaire: await loadSurvey("data", rates), now });
  build = createReportBuilder({
    sources: { campaign, signups, surveys, community: await loadCommunityName("data"), compounds: await loadCompoundNames("data"), seedRate: 94, timezone: "Asia/Shanghai" },
    chart: createChartRenderer(),
    translate: (l) => createTestTranslate(l),
    now,
  });

  // November: three volunteers sign up for the cleanup day, two come; 12 truckloads recorded; one survey form
  for (const id of [11, 12, 13]) await signups.join(id, CLEANUP, "button");
  await campaign.record(STAFF, { metricId: "garbage_cleared", amount: 12 });
  await campaign.record(STAFF, { metricId: "cleanup_funds", amount: 5000 });
  const round = await surveys.start(STAFF, 1);
  for (const [i, q] of (surveys.questionnaire?.questions ?? []).entries()) {
    await surveys.pollSent(pollRef(round.id, q.id), 11, `p${i}`);
    await surveys.answer(`p${i}`, 11, [0]);
  }
  clock = new Date("2026-11-28T04:00:00Z"); // the cleanup day has started
  await signups.markAttended(STAFF, CLEANUP, [11, 12], true);
  clock = new Date("2026-12-02T02:00:00Z");
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function unzip(docx: Buffer): { xml: string; media: string[] } {
  const files = unzipSync(new Uint8Array(docx));
  const xml = strFromU8(files["word/document.xml"] ?? new Uint8Array());
  return { xml, media: Object.keys(files).filter((f) => f.startsWith("word/media/")) };
}
/** The document's visible text (runs joined). */
const textOf = (xml: string): string => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");

describe("/report", () => {
  it("writes the year summary's shape: title, numbered sections, figures the way officials write them, the chart", async () => {
    const report = await build(parseReportPeriod("2026", "")!, "zh");
    const { xml, media } = unzip(report.docx);
    const text = textOf(xml);
    expect(text).toContain("柳河社区 2026 年创建全国文明城市工作总结");
    for (const heading of ["一、活动开展及参与情况", "二、志愿服务和党员参与情况", "三、创建工作各项指标", "四、创建知晓率问卷调查", "五、尚未达到目标的项目", "六、创建工作进度图"]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("本期共开展活动 1 场，报名 3 人次，实际到场 2 人次");
    expect(text).toContain("11月28日 周末卫生日：报名 3 人，到场 2 人");
    expect(text).toContain("本期志愿者到场服务 2 人次（2 人）");
    expect(text).toContain("312余车"); // 300多车 in the seed + 12
    expect(text).toContain("5万元"); // 4.5万 + 5000
    expect(text).toContain("答完 1 份（答完率 100%），创建知晓率 100%");
    expect(text).toContain("柳东新村：答完 1 份，知晓率 100%");
    expect(text).toContain("比年度纸质问卷调查的 94% 高 6 个百分点");
    expect(media).toHaveLength(1);
    expect(media[0]).toMatch(/\.png$/);
    expect(xml).toContain("<pic:pic");
  });

  it("gives a month its own change and says when a period has no data", async () => {
    const nov = unzip((await build(parseReportPeriod("2026-11", "")!, "en")).docx);
    const text = textOf(nov.xml);
    expect(text).toContain("Liuhe Community: civilized-city campaign work report, November 2026");
    expect(text).toContain("+12 truckloads");
    expect(text).toContain("312+ truckloads");
    const empty = await build(parseReportPeriod("2025-03", "")!, "zh");
    expect(empty.empty).toBe(true);
    expect(textOf(unzip(empty.docx).xml)).toContain("2025 年 3 月没有记录到活动、进度或问卷数据");
    expect(empty.summary).toContain("没有记录到数据");
  });

  it("sends the document and a short summary to staff, refuses a bad period and residents", async () => {
    const rec = createRecordingApi();
    const bot = createBot({
      token: "123:TEST", botInfo: rec.botInfo, i18n: createI18n("locales"),
      deps: { ...createPeopleRepos(store, () => clock), log: pino({ level: "silent" }), now: () => clock, adminIds: [STAFF], timezone: "Asia/Shanghai" },
      features: [createReportFeature({ build })], transformers: [rec.transformer], rateLimit: false,
    });
    let id = 1;
    const send = (u: object) => bot.handleUpdate({ update_id: id++, ...u } as Update);
    await send(command(makeUser(STAFF), "/report", "2026-11"));
    const doc = rec.calls.find((c) => c.method === "sendDocument");
    expect(doc?.response).toMatchObject({ ok: true });
    const texts = rec.sentMessages(STAFF).map((m) => m.text ?? m.caption ?? "");
    expect(texts.some((t) => t.includes("活动 1 场，到场 2 人次"))).toBe(true);
    await send(command(makeUser(STAFF), "/report", "2026-13"));
    expect(rec.sentMessages(STAFF).at(-1)?.text).toContain("不是一个月份或年份");
    await send(command(makeUser(12), "/report"));
    expect(rec.calls.filter((c) => c.method === "sendDocument")).toHaveLength(1);
  });
});
