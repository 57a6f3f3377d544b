/**
 * The date overrides' contract (`DateOverridesRepo`): a move and a skip are merged into the
 * catalog's notices at once and, after a restart, as soon as the repository is built over a fresh
 * catalog; a date moved again keeps its origin; skipping a date twice keeps the first reason;
 * the sign-up book is told of a move (`onMoved`) after it is kept.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planMove } from "../../../src/domain/date-overrides.js";
import type { NoticeCatalog, NoticeDef } from "../../../src/domain/notice.js";
import { loadNoticeCatalog } from "../../../src/store/notice-catalog.js";
import type { BackendHandle, MakeBackend } from "./harness.js";

const NOW = new Date("2026-11-20T02:00:00.000Z");
const now = () => NOW;
const ID = "cleanup-day"; // the last Saturday of each month, 08:30
const STAFF = 7;

const notice = (catalog: NoticeCatalog): NoticeDef => {
  const n = catalog.notices.find((x) => x.id === ID);
  if (!n) throw new Error(`data/notices.json has no ${ID}`);
  return n;
};
const plan = (catalog: NoticeCatalog, from: string, to: string, time?: string) => {
  const p = planMove(notice(catalog), catalog.timezone, NOW, from, to, time);
  if (typeof p === "string") throw new Error(`planMove ${from} → ${to}: ${p}`);
  return p;
};

export function describeDateOverridesContract(make: MakeBackend): void {
  describe("date overrides contract", () => {
    let h: BackendHandle;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => {
      await h.dispose();
    });

    it("a move is merged at once, told to the sign-up book, and found again after a restart; moved again it keeps its origin", async () => {
      const catalog = await loadNoticeCatalog("data");
      const repo = await h.dateOverrides(catalog, now);
      const moved: string[] = [];
      repo.onMoved = (id, from, to) => void moved.push(`${id} ${from}→${to}`);
      await repo.moveDate(ID, plan(catalog, "2026-11-28", "2026-12-05", "09:00"), STAFF);
      expect(notice(catalog).moves).toEqual([{ from: "2026-11-28", to: "2026-12-05", time: "09:00" }]);
      await repo.moveDate(ID, plan(catalog, "2026-12-05", "2026-12-06"), STAFF);
      expect(moved).toEqual([`${ID} 2026-11-28→2026-12-05`, `${ID} 2026-12-05→2026-12-06`]);
      const expected = [{ from: "2026-11-28", to: "2026-12-06", time: "09:00", via: ["2026-12-05"] }];
      expect(notice(catalog).moves).toEqual(expected);
      await h.reopen();
      const fresh = await loadNoticeCatalog("data");
      expect(notice(fresh).moves ?? []).toEqual([]);
      const again = await h.dateOverrides(fresh, now);
      expect(notice(fresh).moves).toEqual(expected);
      // apply decorates a notice rebuilt from its definition (an edit), and is idempotent
      const bare = notice(await loadNoticeCatalog("data"));
      expect(again.apply(bare).moves).toEqual(expected);
      expect(again.apply(again.apply(bare))).toEqual(again.apply(bare));
    });

    it("a move and a skip made through another repository on the same data are merged here at the next refresh", async () => {
      const here = await loadNoticeCatalog("data");
      const repo = await h.dateOverrides(here, now);
      const there = await loadNoticeCatalog("data");
      const other = await h.dateOverrides(there, now); // another instance on the same database
      await other.moveDate(ID, plan(there, "2026-11-28", "2026-12-05", "09:00"), STAFF);
      await other.skipDate(ID, "2026-12-26", "雪", STAFF);
      await repo.refresh();
      expect(notice(here).moves).toEqual([{ from: "2026-11-28", to: "2026-12-05", time: "09:00" }]);
      expect(notice(here).skip).toContain("2026-12-26");
      expect(repo.apply(notice(await loadNoticeCatalog("data"))).moves).toEqual(notice(here).moves);
      await repo.refresh(); // nothing changed since: the same
      expect(notice(here).moves).toEqual([{ from: "2026-11-28", to: "2026-12-05", time: "09:00" }]);
    });

    it("a skip is merged at once and kept with its reason; skipping again keeps the first reason", async () => {
      const catalog = await loadNoticeCatalog("data");
      const repo = await h.dateOverrides(catalog, now);
      await repo.skipDate(ID, "2026-12-26", "元旦前不安排", STAFF);
      await repo.skipDate(ID, "2026-12-26", "another reason", STAFF);
      await repo.skipDate(ID, "2026-11-28", undefined, STAFF);
      expect(notice(catalog).skip).toEqual(expect.arrayContaining(["2026-11-28", "2026-12-26"]));
      expect(await repo.skipReason(ID, "2026-12-26")).toBe("元旦前不安排");
      expect(await repo.skipReason(ID, "2026-11-28")).toBeUndefined();
      expect(await repo.skipReason(ID, "2027-01-30")).toBeUndefined();
      await h.reopen();
      const fresh = await loadNoticeCatalog("data");
      const again = await h.dateOverrides(fresh, now);
      expect(notice(fresh).skip?.filter((d) => d >= "2026-11-01")).toEqual(["2026-11-28", "2026-12-26"]);
      expect(await again.skipReason(ID, "2026-12-26")).toBe("元旦前不安排");
      const other = fresh.notices.find((n) => n.id !== ID);
      expect(other && again.apply(other)).toEqual(other);
    });
  });
}
