/**
 * The scheduled broadcasts' contract (`ScheduledRepo`): each kept one gets its own id (`s1`, `s2`,
 * …, also when kept at once), waits soonest first, falls due at its time, and is finished once
 * (a second finish, or two at once, changes nothing); all of it across a restart.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ScheduleInput } from "../../../src/store/scheduled-repo.js";
import type { BackendHandle, MakeBackend } from "./harness.js";

const made = new Date("2026-12-01T08:00:00.000Z");
const now = () => made;
const progress = { chatId: 42, lang: "zh" as const };
const input = (at: string, text: string): ScheduleInput => ({ at, createdBy: 7, text, progress });

export function describeScheduledContract(make: MakeBackend): void {
  describe("scheduled broadcasts contract", () => {
    let h: BackendHandle;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => {
      await h.dispose();
    });

    it("keeps each with its own id and every field, soonest first, across a restart", async () => {
      const repo = h.scheduled(now);
      const full: ScheduleInput = {
        ...input("2026-12-05T11:00:00.000Z", "tonight"),
        media: { type: "photo", fileId: "AgAD" },
        to: ["liudong", "liuhe40"],
        html: { zh: "<b>今晚</b>", en: "<b>Tonight</b>" },
        occurrenceId: "e1:2026-12-06",
      };
      const first = await repo.schedule(full);
      expect(first).toEqual({ ...full, id: "s1", status: "waiting", createdAt: made.toISOString() });
      expect((await repo.schedule(input("2026-12-05T03:00:00.000Z", "noon"))).id).toBe("s2");
      await h.reopen();
      const again = h.scheduled(now);
      const waiting = await again.waiting();
      expect(waiting.map((s) => s.id)).toEqual(["s2", "s1"]);
      expect(waiting[1]).toEqual(first);
      expect((await again.schedule(input("2026-12-06T03:00:00.000Z", "later"))).id).toBe("s3");
    });

    it("those kept at once get different ids", async () => {
      const repo = h.scheduled(now);
      const kept = await Promise.all(Array.from({ length: 8 }, (_, i) => repo.schedule(input(`2026-12-0${i + 2}T03:00:00.000Z`, `n${i}`))));
      expect(new Set(kept.map((s) => s.id)).size).toBe(8);
      expect(kept.map((s) => s.id).sort()).toEqual(["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"]);
      expect(await repo.waiting()).toHaveLength(8);
    });

    it("falls due at its time; finished once, it no longer waits, also after a restart", async () => {
      const repo = h.scheduled(now);
      await repo.schedule(input("2026-12-05T03:00:00.000Z", "noon"));
      await repo.schedule(input("2026-12-05T11:00:00.000Z", "tonight"));
      await repo.schedule(input("2026-12-04T23:00:00.000Z", "morning"));
      expect(await repo.due(new Date("2026-12-04T22:59:59.999Z"))).toEqual([]);
      expect((await repo.due(new Date("2026-12-05T03:00:00.000Z"))).map((s) => s.id)).toEqual(["s3", "s1"]);
      expect(await repo.finish("s3", "sent", "b9")).toBe(true);
      expect(await repo.finish("s3", "late")).toBe(false);
      expect(await repo.finish("s1", "cancelled")).toBe(true);
      expect(await repo.finish("s99", "sent")).toBe(false);
      await h.reopen();
      const again = h.scheduled(now);
      expect((await again.due(new Date("2026-12-06T00:00:00.000Z"))).map((s) => s.id)).toEqual(["s2"]);
      expect((await again.waiting()).map((s) => s.id)).toEqual(["s2"]);
    });

    it("two finishing one at once: exactly one does", async () => {
      const repo = h.scheduled(now);
      await repo.schedule(input("2026-12-05T03:00:00.000Z", "noon"));
      const results = await Promise.all([repo.finish("s1", "sent", "b1"), repo.finish("s1", "sent", "b2"), repo.finish("s1", "late")]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await repo.waiting()).toEqual([]);
    });
  });
}
