/**
 * The notices and bulletin issues on PostgreSQL with two instances (two pools) on one database:
 * both starting at once seed the community once; events created on both at once get different
 * numbers (another community counts its own); a change or publication on one is read on the other
 * at once; the same month published on both at once replaces nothing once, then that version.
 */
import { describe, expect, it } from "vitest";
import { loadNoticeCatalog } from "../../../src/store/notice-catalog.js";
import { createPgBulletinRepo } from "../../../src/store/postgres/bulletins-pg.js";
import type { PgDb } from "../../../src/store/postgres/database.js";
import { createPgNoticesRepo } from "../../../src/store/postgres/notices-pg.js";
import { usePgCluster, usePgPools } from "../../helpers/pg-cluster.js";

const now = () => new Date("2026-12-01T08:00:00.000Z");
const C = "west";
const FILE_IDS = ["cleanup-day", "pest-control", "health-bulletin", "civility-lecture"];
const event = (title: string) => ({ date: "2026-12-20", time: "10:00", title, text: { zh: title, en: title } });

describe("notices and bulletins across two instances", () => {
  const pools = usePgPools(usePgCluster());
  const twoInstances = async (): Promise<[PgDb, PgDb]> => {
    const [a, b] = (await pools(2)) as [PgDb, PgDb];
    // connections open on both, so what follows overlaps
    await Promise.all([a, b, a, b].map((db) => db.selectFrom("notice_books").selectAll().execute()));
    return [a, b];
  };
  const notices = async (db: PgDb, community = C) => createPgNoticesRepo(db, community, await loadNoticeCatalog("data"));

  it("both starting at once seed once; events made on both at once get different numbers, per community", async () => {
    const [a, b] = await twoInstances();
    const [na, nb] = await Promise.all([notices(a), notices(b)]);
    expect((await na.list()).map((n) => n.id)).toEqual(FILE_IDS);
    const made = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? na : nb).createEvent(event(`E${i}`))));
    expect(made.map((e) => e.id).sort((x, y) => Number(x.slice(1)) - Number(y.slice(1)))).toEqual(Array.from({ length: 10 }, (_, i) => `e${i + 1}`));
    const seenOnB = (await nb.list()).map((n) => n.id);
    expect(seenOnB).toHaveLength(14);
    expect(seenOnB.slice(0, 4)).toEqual(FILE_IDS);
    // another community has its own notices and its own numbers
    const east = await notices(b, "east");
    expect((await east.createEvent(event("East"))).id).toBe("e1");
    expect((await east.list()).map((n) => n.id)).toEqual([...FILE_IDS, "e1"]);
    expect(await east.get("e2")).toBeUndefined();
  });

  it("a change on one is read on the other at once", async () => {
    const [a, b] = await twoInstances();
    const [na, nb] = [await notices(a), await notices(b)];
    expect(await na.setPaused("pest-control", true)).toBe(true);
    expect((await nb.get("pest-control"))?.paused).toBe(true);
    await nb.update("cleanup-day", { field: "time", value: "09:00" });
    expect((await na.list()).find((n) => n.id === "cleanup-day")?.rule.time).toBe("09:00");
  });

  it("an issue published on one is read on the other; the same month on both at once replaces nothing once", async () => {
    const [a, b] = await twoInstances();
    const [ba, bb] = [await createPgBulletinRepo(a, C, await loadNoticeCatalog("data"), now), await createPgBulletinRepo(b, C, await loadNoticeCatalog("data"), now)];
    const input = (by: number) => ({ id: "2027-03", publishOn: "2027-03-01", locale: "zh" as const, version: { title: `第2期 ${by}`, body: "" }, by });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? ba : bb).publish(input(i))));
    expect(results.map((r) => r.replaced).sort()).toEqual(["none", "version", "version", "version", "version", "version"]);
    expect((await bb.list()).map((x) => x.id)).toEqual(["2027-01", "2027-03"]);
    expect((await ba.get("2027-03"))?.title.zh).toMatch(/^第2期 \d$/);
    expect(await (await createPgBulletinRepo(a, "east", await loadNoticeCatalog("data"), now)).get("2027-03")).toBeUndefined();
  });
});
