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
import { htmlParseMode } from "../../src/bot/parse-mode.js";
import { parseConfig } from "../../src/config.js";
import { loadCampaign } from "../../src/store/campaign-catalog.js";
import { openStore, type Store } from "../../src/store/store.js";
import { seedAdmins } from "../../src/store/users.js";
import { command, createRecordingApi, makeUser, type RecordingApi, type UpdateInput } from "../../tools/fake-bot-api/index.js";

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
  await store.update((db) => seedAdmins(db, config.adminIds));
  app = await createApp({ config, store, log: pino({ level: "silent" }), now: () => NOW });
  rec = createRecordingApi();
  app.bot.api.config.use(rec.transformer);
  app.bot.api.config.use(htmlParseMode());
  app.bot.botInfo = rec.botInfo;
});

afterEach(async () => {
  app.stopFeatures();
  await app.scheduler.stop();
  await app.sender.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function exported(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const d of rec.calls.filter((c) => c.method === "sendDocument")) {
    const input = d.params.document as { filename?: string; toRaw(): Promise<Uint8Array> };
    files[input.filename ?? ""] = Buffer.from(await input.toRaw()).toString("utf8").replace(/^\uFEFF/, "");
  }
  return files;
}

describe("/export", () => {
  it("sends the sign-up tables and the campaign's progress records and standing against targets", async () => {
    const admin = makeUser(1, { first_name: "王芳" });
    await send(command(admin, "/record", "清运垃圾 12 车 =SUM(A1)"));
    await send(command(admin, "/export"));
    const files = await exported();
    expect(Object.keys(files).sort()).toEqual(["attendance.csv", "progress.csv", "signups.csv", "targets.csv", "volunteers.csv"]);
    const progress = files["progress.csv"]!.split("\r\n");
    expect(progress[0]).toBe("record_id,at,metric_id,metric_zh,metric_en,amount,aware,unit,source,by,by_name,note");
    // the seed's figures, then the staff record, with who and a note made safe for spreadsheets
    const { seedRecords, campaign } = await loadCampaign("data");
    expect(seedRecords.length).toBeGreaterThan(15);
    expect(progress.filter((l) => l.includes(",seed,"))).toHaveLength(seedRecords.length);
    expect(progress.at(-2)).toMatch(/^r1,2026-11-20T04:00:00\.000Z,garbage_cleared,[^,]+,[^,]+,12,,车,staff,1,王芳,'=SUM\(A1\)$/);
    const targets = files["targets.csv"]!.split("\r\n");
    expect(targets[0]).toBe("metric_id,metric_zh,metric_en,kind,unit,current,target,percent");
    const garbage = targets.find((l) => l.startsWith("garbage_cleared,"))?.split(",");
    expect(Number(garbage?.[5])).toBe(312); // 300 from the seed + 12
    expect(Number(garbage?.[7])).toBe(Math.round((100 * 312) / Number(garbage?.[6])));
    expect(targets).toHaveLength(campaign.metrics.length + 2); // a header, the metrics, the final line end
  });

  it("is for staff only", async () => {
    await send(command(makeUser(77), "/export"));
    expect(rec.calls.filter((c) => c.method === "sendDocument")).toEqual([]);
  });
});
