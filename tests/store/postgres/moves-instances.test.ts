/**
 * Moved and skipped dates across two instances (two full repository sets, two pools, one database):
 * a /move or /skip made on one reaches the other's catalog, the one its scheduler reads at every
 * tick, at the next read, without a restart; and an instance reading again with nothing changed
 * keeps what it has. Another community's moves stay its own.
 */
import { describe, expect, it } from "vitest";
import { pgRepositories } from "../../../src/app-repos-pg.js";
import type { Repositories } from "../../../src/app-repositories.js";
import { parseConfig } from "../../../src/config.js";
import { planMove } from "../../../src/domain/date-overrides.js";
import { dueReminders } from "../../../src/domain/reminders.js";
import type { PgDb } from "../../../src/store/postgres/database.js";
import { usePgCluster, usePgPools } from "../../helpers/pg-cluster.js";

const NOW = new Date("2026-11-20T02:00:00.000Z");
const now = () => NOW;
const ID = "cleanup-day"; // the last Saturday of each month, 08:30
const config = parseConfig({ BOT_TOKEN: "123456:abcdefghijklmnopqrstuvwxyz", DATA_DIR: "data" });

/** The cleanup day's occurrences a tick on the eve of `date` (its 19:00 Shanghai reminder just due) would remind of. */
const remindedOnEveOf = async (r: Repositories, date: string) => {
  const eve = new Date(`${date}T11:00:00Z`);
  eve.setUTCDate(eve.getUTCDate() - 1);
  const due = dueReminders(await r.catalog.read(), new Date(eve.getTime() - 3_600_000), new Date(eve.getTime() + 60_000));
  return [...new Set(due.filter((d) => d.noticeId === ID).map((d) => d.date))];
};

describe("moved and skipped dates across two instances", () => {
  const pools = usePgPools(usePgCluster());

  it("a move on one instance is in the other's scheduler catalog at its next tick; a skip back as well", async () => {
    const [a, b] = (await pools(2)) as [PgDb, PgDb];
    const ra = await pgRepositories(a, "west")(config, now);
    const rb = await pgRepositories(b, "west")(config, now);
    const east = await pgRepositories(b, "east")(config, now);
    expect(await remindedOnEveOf(rb, "2026-11-28")).toEqual(["2026-11-28"]);

    const notice = (await ra.catalog.read()).notices.find((n) => n.id === ID)!;
    const plan = planMove(notice, "Asia/Shanghai", NOW, "2026-11-28", "2026-12-05", "09:00");
    if (typeof plan === "string") throw new Error(plan);
    await ra.dateOverrides.moveDate(ID, plan, 7);
    // B's next tick reads its catalog: the moved date, not the old one
    expect(await remindedOnEveOf(rb, "2026-11-28")).toEqual([]);
    expect(await remindedOnEveOf(rb, "2026-12-05")).toEqual(["2026-12-05"]);
    expect((await rb.notices.get(ID))?.moves).toEqual([{ from: "2026-11-28", to: "2026-12-05", time: "09:00" }]);
    expect(await remindedOnEveOf(east, "2026-11-28")).toEqual(["2026-11-28"]);

    // a skip on B reaches A the same way
    await rb.dateOverrides.skipDate(ID, "2026-12-26", "元旦前不安排", 7);
    expect(await remindedOnEveOf(ra, "2026-12-26")).toEqual([]);
    expect(await remindedOnEveOf(rb, "2026-12-26")).toEqual([]);
    expect(await remindedOnEveOf(east, "2026-12-26")).toEqual(["2026-12-26"]);
    // nothing changed since: reading again gives the same
    expect(await ra.catalog.read()).toEqual(await ra.catalog.read());
  });
});
