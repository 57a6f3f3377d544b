import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOutbox } from "../../src/delivery/outbox.js";
import { createScheduleKeys } from "../../src/store/schedule-keys.js";
import { createOutboxRepo } from "../../src/store/outbox-repo.js";
import { createPersonalReminderJob, createPersonalReminderRender } from "../../src/schedule/personal-reminders.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";
import { createSignupRepo, type SignupRepo } from "../../src/store/signup-repo.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { createTestTranslate } from "../helpers/fluent.js";

const PEST = "pest-control:2026-11-11"; // 09:00 Shanghai = 01:00Z, capacity 20, personal reminder 120 min
let dir: string;
let store: Store;
let repo: SignupRepo;
let clock: Date;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "personal-"));
  store = await openStore({ file: join(dir, "db.json"), keepBackup: false });
  clock = new Date("2026-11-10T11:00:00.000Z");
  repo = await createSignupRepo({ store, catalog: await loadNoticeCatalog("data"), timezone: "Asia/Shanghai", now: () => clock });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe("personal reminders", () => {
  it("enqueues one personal broadcast to the confirmed volunteers, within the lead time, once", async () => {
    for (let u = 1; u <= 21; u++) await repo.join(u, PEST, "button"); // 21 waits
    const outbox = createOutbox(createOutboxRepo(store, () => clock));
    const translators = { zh: createTestTranslate("zh"), en: createTestTranslate("en") };
    const job = createPersonalReminderJob({ repo, keys: createScheduleKeys(store), outbox, render: createPersonalReminderRender((l) => translators[l], "Asia/Shanghai") });

    await job(new Date("2026-11-10T22:59:00.000Z")); // 2 h 1 min before: too early
    expect(Object.values(store.data.broadcasts)).toEqual([]);

    await job(new Date("2026-11-10T23:00:00.000Z")); // 07:00, exactly two hours before
    await job(new Date("2026-11-10T23:01:00.000Z"));
    const sent = Object.values(store.data.broadcasts);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: "personal", key: `${PEST}:personal`, status: "sending" });
    expect(Object.keys(sent[0]?.recipients ?? {}).map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(sent[0]?.text.zh).toBe("⏰ 提醒：你报名的 <b>除四害日</b> 将于 11月11日（周三）09:00 开始。\n📍 地点：柳河社区居委会\n如不能参加，请发送 /my 查看，或在提醒消息上点“取消”。");
    expect(sent[0]?.text.en).toContain("<b>Pest control day</b>, which you signed up for, starts Wed 11 Nov, 09:00.\n📍 Place: the Liuhe Community Residents' Committee office");
  });

  it("skips occurrences nobody signed up for, and those already started", async () => {
    const outbox = createOutbox(createOutboxRepo(store, () => clock));
    const job = createPersonalReminderJob({ repo, keys: createScheduleKeys(store), outbox, render: () => ({ zh: "x", en: "x" }) });
    await job(new Date("2026-11-11T00:00:00.000Z"));
    expect(store.data.enqueued).toEqual({});
    await repo.join(5, PEST, "button");
    await job(new Date("2026-11-11T01:00:00.000Z")); // the start: too late
    expect(store.data.enqueued).toEqual({});
    await job(new Date("2026-11-11T00:30:00.000Z")); // the bot was down until 08:30: still useful
    expect(Object.keys(store.data.enqueued)).toEqual([`${PEST}:personal`]);
  });
});
