/**
 * The compounds' contract (`CompoundsRepo`): the data file's compounds first, then those added, in
 * order and across a restart; a name added twice (also at once) is one compound; a group's compound
 * is its binding, a person's their own choice; notices meant for some compounds reach only their
 * active subscribers, and the breakdown counts them (those with none as `undefined`).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Compound } from "../../../src/domain/compounds.js";
import type { BackendHandle, MakeBackend } from "./harness.js";

const now = () => new Date("2026-12-01T08:00:00.000Z");
const seeded: Compound[] = [
  { id: "liudong", name: { zh: "柳东新村", en: "Liudong New Village" } },
  { id: "liuhe40", name: { zh: "柳河路40号", en: "No. 40 Liuhe Road" } },
];
const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);

/** Residents 100–103 (private chats), groups -300 and -301; 103 unsubscribed, -301 unreachable. */
async function seedChats(h: BackendHandle): Promise<void> {
  const chats = h.chats(now);
  for (const id of [100, 101, 102, 103]) {
    await h.seedUser(id, `R${id}`);
    await chats.subscribe({ id, type: "private" });
  }
  await chats.subscribe({ id: -300, type: "supergroup", title: "楼栋群" });
  await chats.subscribe({ id: -301, type: "group", title: "旧群" });
  await chats.unsubscribe(103);
  await chats.markUnreachable(-301, "kicked");
}

export function describeCompoundsContract(make: MakeBackend): void {
  describe("compounds contract", () => {
    let h: BackendHandle;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => {
      await h.dispose();
    });

    it("lists the seeded ones first, then those added, across a restart; a name added again is the same one", async () => {
      const repo = h.compounds(seeded, now);
      expect(await repo.add("柳西花园", 7)).toEqual({ compound: { id: "c1", name: { zh: "柳西花园", en: "柳西花园" } }, created: true });
      expect((await repo.add("Second Yard", 7)).compound.id).toBe("c2");
      expect(await repo.add(" second  yard ", 8)).toEqual({ compound: { id: "c2", name: { zh: "Second Yard", en: "Second Yard" } }, created: false });
      expect((await repo.add("liudong", 8)).created).toBe(false);
      await h.reopen();
      const again = h.compounds(seeded, now);
      expect((await again.list()).map((c) => c.id)).toEqual(["liudong", "liuhe40", "c1", "c2"]);
      expect((await again.find("liudong new village"))?.id).toBe("liudong");
      expect((await again.find("柳西花园"))?.id).toBe("c1");
      expect(await again.find("nowhere")).toBeUndefined();
      expect(await again.find("  ")).toBeUndefined();
    });

    it("the same name added at once makes one compound", async () => {
      const repo = h.compounds(seeded, now);
      const results = await Promise.all([repo.add("新小区", 1), repo.add("新小区", 2), repo.add("新小区", 3)]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.compound.id))).toEqual(new Set(["c1"]));
      expect((await repo.list()).map((c) => c.id)).toEqual(["liudong", "liuhe40", "c1"]);
    });

    it("a group's compound is its binding, a person's their choice; cleared ones have none; unknown ids are refused", async () => {
      await seedChats(h);
      const repo = h.compounds(seeded, now);
      await repo.setResident(100, "liudong");
      await repo.setResident(101, "liuhe40");
      await repo.setGroup(-300, "liudong");
      await expect(repo.setResident(102, "nowhere")).rejects.toThrow(/unknown compound nowhere/);
      await expect(repo.setGroup(-300, "nowhere")).rejects.toThrow(/unknown compound/);
      await repo.setResident(101, undefined);
      await h.reopen();
      const again = h.compounds(seeded, now);
      expect(await again.compoundOf(100)).toBe("liudong");
      expect(await again.compoundOf(101)).toBeUndefined();
      expect(await again.compoundOf(-300)).toBe("liudong");
      expect(await again.compoundOf(999)).toBeUndefined();
      expect(await again.members()).toEqual(new Map([[100, "liudong"], [-300, "liudong"]]));
    });

    it("reaches only the active subscribers of an audience; the breakdown counts them, those with none apart", async () => {
      await seedChats(h);
      const repo = h.compounds(seeded, now);
      await repo.setResident(100, "liudong");
      await repo.setResident(101, "liuhe40");
      await repo.setResident(103, "liudong"); // unsubscribed: reached by nothing
      await repo.setGroup(-300, "liudong");
      await repo.setGroup(-301, "liudong"); // unreachable
      expect(sorted(await repo.recipients(["liudong"]))).toEqual([-300, 100]);
      expect(sorted(await repo.recipients(["liudong", "liuhe40"]))).toEqual([-300, 100, 101]);
      expect(sorted(await repo.recipients(undefined))).toEqual([-300, 100, 101, 102]);
      expect(await repo.recipients([])).toEqual([]);
      expect(await repo.breakdown()).toEqual([
        { id: "liudong", count: 2 },
        { id: "liuhe40", count: 1 },
        { id: undefined, count: 1 },
      ]);
    });
  });
}
