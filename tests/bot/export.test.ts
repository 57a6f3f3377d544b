/**
 * `/export` through the whole app (createApp): the contract's "CSV files of sign-ups and progress".
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";
import { loadCampaign } from "../../src/store/campaign-catalog.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { seedAdmins } from "../../src/store/users.js";
import { command, createRecordingApi, createRecordingFetch, makeUser, type RecordingApi, type UpdateInput, type UploadedFile } from "../../tools/fake-bot-api/index.js";

const NOW = new Date("2026-11-20T04:00:00Z");
let dir: string;
let store: Store;
let app: App;
let rec: RecordingApi;
let updateId = 1;
const send = (u: UpdateInput) => app.bot.handleUpdate({ update_id: updateId++, ...u } as Update);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "export-"));
  const config = parseConfig({ BOT_TOKEN: "123:TEST", DB_FILE: join(dir, "db.json"), DATA_DIR: "data", ADMIN_IDS: "1" });
  store = await openStore({ file: config.dbFile });
  await store.write((db) => seedAdmins(db, config.adminIds), "durable");
  rec = createRecordingApi();
  app = await createApp({ config, store, log: pino({ level: "silent" }), now: () => NOW, fetch: createRecordingFetch(rec) });
  app.bot.botInfo = rec.botInfo;
});

afterEach(async () => {
  app.stopFeatures();
  await app.scheduler.stop();
  await app.sender.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function exported(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const d of rec.calls.filter((c) => c.method === "sendDocument")) {
    const file = d.params.document as UploadedFile;
    files[file.filename] = file.bytes.toString("utf8").replace(/^\uFEFF/, "");
  }
  return files;
}

describe("/export", () => {
  it("sends the sign-up tables and the campaign's progress records and standing against targets", async () => {
    const admin = makeUser(1, { first_name: "王芳", language_code: "zh" });
    await send(command(admin, "/record", "清运垃圾 12 车 =SUM(A1)"));
    await send(command(admin, "/export"));
    const files = exported();
    expect(Object.keys(files).sort()).toEqual(["attendance.csv", "progress.csv", "signups.csv", "targets.csv", "volunteers.csv"]);
    const progress = files["progress.csv"]!.split("\r\n");
    // headers in the staff member's language; ids keep their own columns
    expect(progress[0]).toBe("记录ID,时间,指标ID,指标,数量,知晓份数,单位,来源,操作人ID,录入人,备注");
    // the seed's figures, then the staff record, with who and a note made safe for spreadsheets
    const { seedRecords, campaign } = await loadCampaign("data");
    expect(seedRecords.length).toBeGreaterThan(15);
    expect(progress.filter((l) => l.includes(",年度总结,"))).toHaveLength(seedRecords.length);
    // the time in the community's zone, with its offset (04:00 UTC is 12:00 in Shanghai)
    expect(progress.at(-2)).toBe("r1,2026-11-20 12:00 +08:00,garbage_cleared,清运垃圾,12,,车,工作人员录入,1,王芳,'=SUM(A1)");
    // the awareness batch counts forms surveyed, not "%"
    expect(progress.find((l) => l.startsWith("seed:awareness_rate,"))).toMatch(/^seed:awareness_rate,2026-06-30 12:00 \+08:00,awareness_rate,创建知晓率,5000,4700,份（调查）,年度总结,/);
    const targets = files["targets.csv"]!.split("\r\n");
    expect(targets[0]).toBe("指标ID,指标,类型,单位,当前值,统计期,目标,完成百分比");
    const garbage = targets.find((l) => l.startsWith("garbage_cleared,"))?.split(",");
    expect(garbage).toEqual(["garbage_cleared", "清运垃圾", "累计", "车", "312", "", "350", "89"]);
    expect(targets.find((l) => l.startsWith("awareness_rate,"))).toBe("awareness_rate,创建知晓率,比率,%,94,,95,99");
    expect(targets.find((l) => l.startsWith("weekly_cleanup_participants,"))).toBe("weekly_cleanup_participants,每周卫生日参与人数,每期,人/周,200,2026-06-29,230,87");
    expect(targets).toHaveLength(campaign.metrics.length + 2); // a header, the metrics, the final line end
  });

  it("speaks English to an English-speaking staff member, times local with the offset", async () => {
    const admin = makeUser(1, { first_name: "Li", language_code: "en" });
    await send(command(admin, "/signups", "cleanup-day"));
    await send(command(admin, "/export"));
    const files = exported();
    expect(files["signups.csv"]!.split("\r\n")[0]).toBe("No.,Time,Notice id,Date,User id,Name,Compound,Action,Party size,Via,By (user id)");
    expect(files["volunteers.csv"]!.split("\r\n")[0]).toMatch(/^User id,First name,Last name,Username,Compound,Party member,Sign-ups,Upcoming,Times attended,Person-times,Last seen$/);
    const progress = files["progress.csv"]!.split("\r\n");
    expect(progress[0]).toBe("Record id,Time,Metric id,Metric,Amount,Aware,Unit,Source,By (user id),Recorded by,Note");
    expect(progress.find((l) => l.startsWith("seed:awareness_rate,"))).toContain(",Campaign awareness rate,5000,4700,forms surveyed,year summary,");
    expect(files["targets.csv"]!.split("\r\n").find((l) => l.startsWith("rat_poison_distributed,"))).toBe("rat_poison_distributed,Rat poison distributed,per period,kg/month,400,2026-06,460,87");
  });

  it("is for staff only", async () => {
    await send(command(makeUser(77), "/export"));
    expect(rec.calls.filter((c) => c.method === "sendDocument")).toEqual([]);
  });
});
