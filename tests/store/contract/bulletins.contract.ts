/**
 * The bulletin issues' contract (`BulletinRepo`): the data files' issues and those published from
 * the chat, merged oldest first (a published month replaces its file); one language at a time, the
 * other read from it until given; what a publication replaces (nothing, the file, this language's
 * earlier version); whether an issue's notice went out (a bulletin notice's reminder key taken); all
 * of it across a restart; and the catalog reader over both repositories reads them as they are now.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NoticeCatalog } from "../../../src/domain/notice.js";
import { createCatalogReader } from "../../../src/store/catalog-reader.js";
import { loadNoticeCatalog } from "../../../src/store/notice-catalog.js";
import type { PublishInput } from "../../../src/store/bulletin-repo.js";
import type { BackendHandle, MakeBackend } from "./harness.js";

const NOW = new Date("2026-12-05T02:00:00.000Z");
const now = () => NOW;
const zh = (id: string, title: string, more: Partial<PublishInput> = {}): PublishInput =>
  ({ id, publishOn: `${id}-01`, locale: "zh", version: { title, body: `${title}正文` }, by: 7, ...more });

export function describeBulletinsContract(make: MakeBackend): void {
  describe("bulletins contract", () => {
    let h: BackendHandle;
    let catalog: NoticeCatalog;
    beforeEach(async () => {
      h = await make();
      catalog = await loadNoticeCatalog("data");
    });
    afterEach(async () => {
      await h.dispose();
    });

    it("merges the files' issues and the published ones oldest first, one language at a time, across a restart", async () => {
      const file = structuredClone(catalog.bulletins);
      let minutes = 0; // each publication a minute after the one before
      const at = (m: number) => new Date(NOW.getTime() + m * 60_000).toISOString();
      const repo = await h.bulletins(catalog, () => new Date(at(++minutes)));
      expect(await repo.list()).toEqual(file);
      expect(await repo.get("2027-01")).toEqual(file[0]);
      expect(await repo.stored("2027-01")).toBeUndefined();
      expect(await repo.wouldReplace("2027-03", "zh")).toBe("none");
      expect(await repo.publish(zh("2027-03", "第2期"))).toEqual({ replaced: "none" });
      expect(await repo.publish(zh("2026-11", "第0期"))).toEqual({ replaced: "none" });
      expect((await repo.list()).map((b) => b.id)).toEqual(["2026-11", "2027-01", "2027-03"]);
      expect(catalog.bulletins.map((b) => b.id)).toEqual(["2026-11", "2027-01", "2027-03"]);
      // the language not given reads the one given
      expect(await repo.get("2027-03")).toEqual({
        id: "2027-03", publishOn: "2027-03-01", title: { zh: "第2期", en: "第2期" }, body: { zh: "第2期正文", en: "第2期正文" },
        languages: ["zh"], publishedBy: 7,
      });
      expect(await repo.wouldReplace("2027-03", "en")).toBe("none");
      const en = { title: "No. 2", body: "Spring", file: { type: "document" as const, fileId: "BQAD", fileName: "no2.pdf" } };
      expect(await repo.publish(zh("2027-03", "No. 2", { locale: "en", version: en, by: 8, publishOn: "2027-03-02" }))).toEqual({ replaced: "none" });
      expect(await repo.wouldReplace("2027-03", "zh")).toBe("version");
      const both = {
        id: "2027-03", publishOn: "2027-03-02", title: { zh: "第2期", en: "No. 2" }, body: { zh: "第2期正文", en: "Spring" },
        file: { en: en.file }, languages: ["zh", "en"], publishedBy: 8, // the latest version's
      };
      expect(await repo.get("2027-03")).toEqual(both);
      expect(await repo.stored("2027-03")).toEqual({
        id: "2027-03", publishOn: "2027-03-02",
        zh: { title: "第2期", body: "第2期正文", by: 7, at: at(1) },
        en: { ...en, by: 8, at: at(3) },
      });
      await h.reopen();
      const fresh = await loadNoticeCatalog("data");
      const again = await h.bulletins(fresh, now);
      expect(await again.get("2027-03")).toEqual(both);
      expect(fresh.bulletins.map((b) => b.id)).toEqual(["2026-11", "2027-01", "2027-03"]);
      expect(await again.wouldReplace("2027-03", "en")).toBe("version");
    });

    it("a month of the data files is replaced by the published issue; its version again replaces that version", async () => {
      const repo = await h.bulletins(catalog, now);
      expect(await repo.wouldReplace("2027-01", "en")).toBe("file");
      expect(await repo.publish(zh("2027-01", "新一期"))).toEqual({ replaced: "file" });
      expect((await repo.get("2027-01"))?.title).toEqual({ zh: "新一期", en: "新一期" });
      expect((await repo.list()).map((b) => b.id)).toEqual(["2027-01"]);
      expect(await repo.wouldReplace("2027-01", "en")).toBe("none");
      expect(await repo.publish(zh("2027-01", "新一期（更正）"))).toEqual({ replaced: "version" });
      expect((await repo.get("2027-01"))?.title.zh).toBe("新一期（更正）");
    });

    it("an issue counts as sent once a reminder of the bulletin notice for its date is taken", async () => {
      const repo = await h.bulletins(catalog, now);
      expect(await repo.sent("2027-01-01")).toBe(false);
      await h.scheduleKeys().take(["cleanup-day:2027-01-01:eve", "health-bulletin:2027-03-01:publish"], NOW);
      expect(await repo.sent("2027-01-01")).toBe(false);
      await h.scheduleKeys().take(["health-bulletin:2027-01-01:publish"], NOW);
      expect(await repo.sent("2027-01-01")).toBe(true);
      await h.reopen();
      expect(await (await h.bulletins(await loadNoticeCatalog("data"), now)).sent("2027-01-01")).toBe(true);
    });

    it("the catalog reader reads both repositories as they are now; an earlier read stays as it was", async () => {
      const bulletins = await h.bulletins(catalog, now);
      const notices = await h.notices(catalog);
      const reader = createCatalogReader({ timezone: catalog.timezone, notices, bulletins });
      const before = await reader.read();
      await notices.createEvent({ date: "2026-12-20", time: "10:00", title: "Tree planting", text: { zh: "植树", en: "Planting" } });
      await bulletins.publish(zh("2027-03", "第2期"));
      const after = await reader.read();
      expect(after.timezone).toBe("Asia/Shanghai");
      expect(after.notices.map((n) => n.id).at(-1)).toBe("e1");
      expect(after.bulletins.map((b) => b.id)).toEqual(["2027-01", "2027-03"]);
      expect(before.notices.map((n) => n.id)).not.toContain("e1");
      expect(before.bulletins.map((b) => b.id)).toEqual(["2027-01"]);
    });
  });
}
