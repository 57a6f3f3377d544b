import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBulletinRepo } from "../../src/store/bulletin-repo.js";
import { createCatalogReader } from "../../src/store/catalog-reader.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";
import { createNoticesRepo } from "../../src/store/notices-repo.js";
import { openStore, type Store } from "../../src/store/engine/store.js";

const NOW = new Date("2026-12-05T02:00:00.000Z");
let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "catalog-reader-"));
  store = await openStore({ file: join(dir, "db.json"), keepBackup: false });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe("catalog reader", () => {
  it("reads the notices and issues as the repositories hold them now; an earlier read stays as it was", async () => {
    const catalog = await loadNoticeCatalog("data");
    const bulletins = createBulletinRepo({ store, catalog, now: () => NOW });
    const notices = await createNoticesRepo({ store, catalog });
    const reader = createCatalogReader({ timezone: catalog.timezone, notices, bulletins });

    const before = await reader.read();
    expect(reader.timezone).toBe(catalog.timezone);
    expect(before.notices.map((n) => n.id)).toEqual((await notices.list()).map((n) => n.id));
    expect(before.bulletins.map((b) => b.id)).toEqual(["2027-01"]);

    const event = await notices.createEvent({ date: "2026-12-20", time: "10:00", title: "Tree planting", text: { zh: "植树", en: "Planting" } });
    await bulletins.publish({ id: "2027-03", publishOn: "2027-03-01", locale: "zh", version: { title: "第2期", body: "春季" }, by: 7 });
    const after = await reader.read();
    expect(after.notices.map((n) => n.id)).toContain(event.id);
    expect(after.bulletins.map((b) => b.id)).toEqual(["2027-01", "2027-03"]);
    expect(before.notices.map((n) => n.id)).not.toContain(event.id);
    expect(before.bulletins.map((b) => b.id)).toEqual(["2027-01"]);
  });
});
