import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { NoticeCatalog } from "../../src/domain/notice.js";
import { createOutbox } from "../../src/delivery/outbox.js";
import { createAudienceRepo } from "../../src/store/audience-repo.js";
import { createScheduleKeys } from "../../src/store/schedule-keys.js";
import { createOutboxRepo } from "../../src/store/outbox-repo.js";
import { createBulletinWatchJob } from "../../src/schedule/bulletin-watch.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { createTestTranslate } from "../helpers/fluent.js";
import { catalogReaderOf } from "../helpers/catalog.js";

let shipped: NoticeCatalog;
let dir: string;
let store: Store;

beforeAll(async () => {
  shipped = await loadNoticeCatalog("data"); // the 2027-01 issue only
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "bulletin-watch-"));
  store = await openStore({ file: join(dir, "db.json") });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const reports = () => Object.values(store.data.broadcasts).filter((b) => b.kind === "report");
const watch = (catalog: NoticeCatalog = shipped) =>
  createBulletinWatchJob({ keys: createScheduleKeys(store), audience: createAudienceRepo(store), outbox: createOutbox(createOutboxRepo(store, () => new Date())), catalog: catalogReaderOf(catalog), render: (l) => createTestTranslate(l) });
const staff = () => store.write((db) => Object.assign(db.roles, { "1": "admin", "2": "staff" }), "durable");

describe("bulletin watch", () => {
  it("tells every staff member once, from 7 days before, that the next bulletin has no new issue", async () => {
    await staff();
    const job = watch();
    // 1 Mar 2027 10:00 in Shanghai is 02:00Z; the shipped 2027-01 issue went out on 1 Jan already
    await job(new Date("2027-02-22T01:59:00Z"));
    expect(reports()).toEqual([]);
    await job(new Date("2027-02-22T02:00:00Z"));
    await job(new Date("2027-02-25T02:00:00Z"));
    expect(reports()).toHaveLength(1);
    const [r] = reports();
    expect(r?.key).toBe("bulletin-missing:health-bulletin:2027-03-01");
    expect(Object.keys(r?.recipients ?? {}).sort()).toEqual(["1", "2"]);
    expect(r?.text.zh).toContain("3月1日");
    expect(r?.text.zh).toContain("<code>/bulletin 2027-03 标题</code>");
    expect(r?.text.zh).not.toContain("重启");
    expect(r?.text.en).toMatch(/due Mon 1 Mar, 10:00.*Publish it here: <code>\/bulletin 2027-03 Title<\/code>.*a photo or a PDF/s);
    expect(r?.text.en).not.toMatch(/restart|data\/bulletins/);
  });

  it("says nothing when the next occurrence has a new issue, or is more than 7 days away", async () => {
    await staff();
    const job = watch();
    await job(new Date("2026-12-28T02:00:00Z")); // 1 Jan 2027: the 2027-01 issue is new
    await job(new Date("2027-02-20T02:00:00Z")); // 1 Mar is 9 days away
    expect(reports()).toEqual([]);
    const withMarch: NoticeCatalog = {
      ...shipped,
      bulletins: [...shipped.bulletins, { id: "2027-03", title: { zh: "第2期", en: "No. 2" }, body: { zh: "正文", en: "Text" } }],
    };
    await watch(withMarch)(new Date("2027-02-25T02:00:00Z"));
    expect(reports()).toEqual([]);
  });

  it("waits for someone to tell: with no staff yet, the first tick after one is named sends it", async () => {
    const job = watch();
    await job(new Date("2027-02-23T02:00:00Z"));
    expect(reports()).toEqual([]);
    await staff();
    await job(new Date("2027-02-23T02:01:00Z"));
    expect(reports()).toHaveLength(1);
  });
});
