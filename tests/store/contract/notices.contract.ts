/**
 * The notices' contract (`NoticesRepo`): data/notices.json seeds the store on first start and never
 * again; one-off events are numbered e1, e2… (also when made at once, and on after a restart) with
 * the event defaults; a change is checked against the whole list before it is kept (a problem keeps
 * nothing); pausing and resuming; a late event's reminders already due are marked sent; moved and
 * skipped dates are merged into what is read (and into the catalog), never into the export.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NoticeCatalog, NoticeDef } from "../../../src/domain/notice.js";
import { loadNoticeCatalog } from "../../../src/store/notice-catalog.js";
import type { EventInput } from "../../../src/store/notices-repo.js";
import type { BackendHandle, MakeBackend } from "./harness.js";

const NOW = new Date("2026-11-20T02:00:00.000Z");
const FILE_IDS = ["cleanup-day", "pest-control", "health-bulletin", "civility-lecture"];
const event = (title: string, more: Partial<EventInput> = {}): EventInput =>
  ({ date: "2026-12-20", time: "10:00", title, text: { zh: `${title}。`, en: `${title}.` }, ...more });
const ids = (notices: readonly NoticeDef[]) => notices.map((n) => n.id);

export function describeNoticesContract(make: MakeBackend): void {
  describe("notices contract", () => {
    let h: BackendHandle;
    let catalog: NoticeCatalog;
    beforeEach(async () => {
      h = await make();
      catalog = await loadNoticeCatalog("data");
    });
    afterEach(async () => {
      await h.dispose();
    });

    it("is seeded from the data file on first start; afterwards the store is the truth, also after a restart", async () => {
      const file = structuredClone(catalog.notices);
      const repo = await h.notices(catalog);
      expect(ids(await repo.list())).toEqual(FILE_IDS);
      expect(await repo.get("pest-control")).toEqual(file[1]);
      expect(await repo.get("nope")).toBeUndefined();
      expect(await repo.exportFile()).toEqual({ timezone: "Asia/Shanghai", notices: file });
      await repo.setPaused("pest-control", true);
      await h.reopen();
      // a data file changed since (a notice dropped, one edited) seeds nothing any more
      const changed = await loadNoticeCatalog("data");
      changed.notices = changed.notices.slice(1).map((n) => ({ ...n, durationMinutes: 1 }));
      const again = await h.notices(changed);
      expect(ids(await again.list())).toEqual(FILE_IDS);
      expect(ids(changed.notices)).toEqual(FILE_IDS); // the catalog's view is the store's list
      expect((await again.get("cleanup-day"))?.durationMinutes).toBe(file[0]!.durationMinutes);
      expect((await again.get("pest-control"))?.paused).toBe(true);
    });

    it("numbers one-off events e1, e2… with the event defaults, kept in order across a restart", async () => {
      const repo = await h.notices(catalog);
      const first = await repo.createEvent(event("Tree planting", { place: "North gate", capacity: 30, to: ["liuhe40"] }));
      expect(first).toEqual({
        id: "e1",
        title: { zh: "Tree planting", en: "Tree planting" },
        text: { zh: "Tree planting。", en: "Tree planting." },
        place: { zh: "North gate", en: "North gate" },
        rule: { kind: "once", date: "2026-12-20", time: "10:00" },
        durationMinutes: 120,
        reminders: [{ id: "eve", dayOffset: -1, time: "19:00" }],
        signup: { enabled: true, capacity: 30, cutoffMinutes: 60, personalReminderMinutes: 120 },
        to: ["liuhe40"],
      });
      const second = await repo.createEvent(event("Chess"));
      expect(second.id).toBe("e2");
      expect(second.signup).toEqual({ enabled: true, cutoffMinutes: 60, personalReminderMinutes: 120 });
      expect(second).not.toHaveProperty("place");
      expect(ids(await repo.list())).toEqual([...FILE_IDS, "e1", "e2"]);
      expect(ids(catalog.notices)).toEqual([...FILE_IDS, "e1", "e2"]);
      expect(await repo.get("e1")).toEqual(first);
      expect(ids((await repo.exportFile()).notices)).toEqual([...FILE_IDS, "e1", "e2"]);
      await h.reopen();
      const again = await h.notices(await loadNoticeCatalog("data"));
      expect(await again.get("e1")).toEqual(first);
      expect((await again.createEvent(event("Tea"))).id).toBe("e3");
      expect(ids(await again.list())).toEqual([...FILE_IDS, "e1", "e2", "e3"]);
    });

    it("events made at once get different numbers", async () => {
      const repo = await h.notices(catalog);
      const made = await Promise.all(Array.from({ length: 8 }, (_, i) => repo.createEvent(event(`Event ${i}`))));
      expect(ids(made).sort()).toEqual(["e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8"]);
      expect(ids(await repo.list()).filter((id) => id.startsWith("e"))).toHaveLength(8);
    });

    it("changes time, capacity, text and place: an event's words in both languages, a file notice's in the one given", async () => {
      const repo = await h.notices(catalog);
      await repo.createEvent(event("Chess", { place: "Hall" }));
      expect(await repo.update("e1", { field: "place", locale: "en", value: "Library" })).toMatchObject({ place: { zh: "Library", en: "Library" } });
      expect(await repo.update("e1", { field: "time", value: "14:30" })).toMatchObject({ rule: { kind: "once", date: "2026-12-20", time: "14:30" } });
      expect(await repo.update("e1", { field: "capacity", value: 12 })).toMatchObject({ signup: { enabled: true, capacity: 12, cutoffMinutes: 60 } });
      const place = (await repo.get("cleanup-day"))!.place!;
      const changed = await repo.update("cleanup-day", { field: "place", locale: "en", value: "the east gate" });
      expect(changed).toMatchObject({ place: { zh: place.zh, en: "the east gate" } });
      await h.reopen();
      const again = await h.notices(await loadNoticeCatalog("data"));
      expect(await again.get("cleanup-day")).toEqual(changed);
      expect((await again.get("e1"))?.rule.time).toBe("14:30");
    });

    it("a change that would make the list invalid is a problem and keeps nothing; an unknown id is undefined", async () => {
      const repo = await h.notices(catalog);
      const before = await repo.get("pest-control");
      const result = await repo.update("pest-control", { field: "text", locale: "zh", value: "{nope} 灭鼠" });
      expect(result).toEqual({ problem: expect.stringContaining("unknown placeholder {nope}") });
      expect(await repo.get("pest-control")).toEqual(before);
      expect(await repo.update("nope", { field: "time", value: "10:00" })).toBeUndefined();
    });

    it("pauses and resumes, across a restart; an unknown id is false", async () => {
      const repo = await h.notices(catalog);
      expect(await repo.setPaused("civility-lecture", true)).toBe(true);
      expect((await repo.get("civility-lecture"))?.paused).toBe(true);
      expect(catalog.notices.find((n) => n.id === "civility-lecture")?.paused).toBe(true);
      expect(await repo.setPaused("nope", true)).toBe(false);
      await h.reopen();
      const again = await h.notices(await loadNoticeCatalog("data"));
      expect((await again.get("civility-lecture"))?.paused).toBe(true);
      expect(await again.setPaused("civility-lecture", false)).toBe(true);
      expect(await again.get("civility-lecture")).not.toHaveProperty("paused");
    });

    it("marks the reminders of an event already due as sent, not those still ahead", async () => {
      const repo = await h.notices(catalog);
      await repo.createEvent(event("Tree planting")); // eve reminder 2026-12-19 19:00 Shanghai = 11:00 UTC
      const keys = h.scheduleKeys();
      await repo.markDueSent("e1", new Date("2026-12-19T10:59:00.000Z"));
      expect(await keys.isTaken("e1:2026-12-20:eve")).toBe(false);
      await repo.markDueSent("e1", new Date("2026-12-19T12:00:00.000Z"));
      expect(await keys.isTaken("e1:2026-12-20:eve")).toBe(true);
      await repo.markDueSent("e1", new Date("2026-12-19T13:00:00.000Z")); // again: nothing changes, nothing fails
      await repo.markDueSent("nope", NOW);
      await h.reopen();
      expect(await h.scheduleKeys().isTaken("e1:2026-12-20:eve")).toBe(true);
    });

    it("merges moved and skipped dates into what is read and into the catalog, never into the export", async () => {
      const overrides = await h.dateOverrides(catalog, () => NOW);
      const repo = await h.notices(catalog, overrides.apply);
      await overrides.skipDate("cleanup-day", "2026-12-26", "雪", 7);
      expect((await repo.get("cleanup-day"))?.skip).toContain("2026-12-26");
      expect((await repo.list()).find((n) => n.id === "cleanup-day")?.skip).toContain("2026-12-26");
      expect(catalog.notices.find((n) => n.id === "cleanup-day")?.skip).toContain("2026-12-26");
      expect((await repo.exportFile()).notices.find((n) => n.id === "cleanup-day")).not.toHaveProperty("skip");
      // an edit keeps them merged, and keeps them out of the notice as stored
      expect((await repo.update("cleanup-day", { field: "time", value: "09:00" }) as NoticeDef).skip).toContain("2026-12-26");
      expect((await repo.exportFile()).notices.find((n) => n.id === "cleanup-day")).not.toHaveProperty("skip");
    });
  });
}
