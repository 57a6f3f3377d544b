/**
 * The drafts' contract (`DraftsRepo`): a preview kept for its owner is confirmed (claimed) once,
 * also by presses at once and after a restart; another staff member is told it is not theirs; a
 * failed send puts it back, a done one stays taken; Cancel drops it; another kind, or a draft past
 * its time to live, is missing.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BackendHandle, MakeBackend } from "./harness.js";

const OWNER = 7;
const OTHER = 8;
const HOUR = 3_600_000;
const value = { text: "停水通知", to: ["liudong"], at: "2026-12-05T03:00:00.000Z", nested: { n: 1, list: [1, 2] } };

export function describeDraftsContract(make: MakeBackend): void {
  describe("drafts contract", () => {
    let h: BackendHandle;
    let clock: Date;
    const now = () => clock;
    beforeEach(async () => {
      h = await make();
      clock = new Date("2026-12-01T08:00:00.000Z");
    });
    afterEach(async () => {
      await h.dispose();
    });

    it("claimed once, by its owner only, also after a restart; a done one stays taken", async () => {
      const token = await h.drafts(now).put("broadcast", OWNER, value);
      expect(token).toMatch(/^[\w-]{1,16}$/);
      await h.reopen();
      const repo = h.drafts(now);
      expect(await repo.claim("broadcast", token, OTHER)).toBe("not-yours");
      expect(await repo.claim("event", token, OWNER)).toBe("missing");
      expect(await repo.claim("broadcast", "nope", OWNER)).toBe("missing");
      expect(await repo.claim("broadcast", token, OWNER)).toEqual({ value });
      expect(await repo.claim("broadcast", token, OWNER)).toBe("taken");
      expect(await repo.drop("broadcast", token, OWNER)).toBe("taken");
      await repo.settle(token, "done");
      await h.reopen();
      expect(await h.drafts(now).claim("broadcast", token, OWNER)).toBe("taken");
    });

    it("presses at once: exactly one claims it", async () => {
      const repo = h.drafts(now);
      const token = await repo.put("event", OWNER, value);
      const results = await Promise.all(Array.from({ length: 6 }, () => repo.claim("event", token, OWNER)));
      expect(results.filter((r) => typeof r === "object")).toEqual([{ value }]);
      expect(results.filter((r) => r === "taken")).toHaveLength(5);
    });

    it("a failed send puts it back for another try; Cancel drops it, for its owner only", async () => {
      const repo = h.drafts(now);
      const token = await repo.put("move", OWNER, value);
      expect(await repo.claim("move", token, OWNER)).toEqual({ value });
      await repo.settle(token, "pending");
      expect(await repo.claim("move", token, OWNER)).toEqual({ value });
      const other = await repo.put("move", OWNER, { n: 2 });
      expect(other).not.toBe(token);
      expect(await repo.drop("move", other, OTHER)).toBe("not-yours");
      expect(await repo.drop("move", other, OWNER)).toEqual({ value: { n: 2 } });
      expect(await repo.drop("move", other, OWNER)).toBe("missing");
      expect(await repo.claim("move", other, OWNER)).toBe("missing");
      await repo.settle("never-made", "done"); // harmless
    });

    it("past its time to live it is missing, and kept ones are not changed by what the caller does to its value", async () => {
      const repo = h.drafts(now, 24 * HOUR);
      const mine = { ...value, nested: { n: 1, list: [1, 2] } };
      const token = await repo.put("broadcast", OWNER, mine);
      mine.nested.list.push(3);
      clock = new Date(clock.getTime() + 24 * HOUR);
      const late = await repo.put("broadcast", OWNER, { n: 3 });
      expect(await repo.claim("broadcast", token, OWNER)).toEqual({ value }); // exactly 24 h: still there
      await repo.settle(token, "pending");
      clock = new Date(clock.getTime() + 1);
      expect(await repo.claim("broadcast", token, OWNER)).toBe("missing");
      expect(await repo.drop("broadcast", token, OWNER)).toBe("missing");
      expect(await repo.claim("broadcast", late, OWNER)).toEqual({ value: { n: 3 } });
    });
  });
}
