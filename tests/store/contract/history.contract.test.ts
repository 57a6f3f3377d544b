/**
 * The broadcast history's contract (`BroadcastHistory`, the part of `DeliveriesRepo` staff look back
 * through: /stats, /correct): the newest first with their counts (a finished one's kept totals), a
 * broadcast found by its progress message with the copies that can be edited, a correction kept (a
 * resumed send uses it), and the keys already enqueued; all of it after a restart too.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EnqueueInput } from "../../../src/store/outbox-repo.js";
import { forEachBackend, type BackendHandle, type MakeBackend } from "./harness.js";

const day = (d: number) => new Date(`2026-12-0${d}T00:00:00.000Z`);
const text = { zh: "通知", en: "Notice" };
const KEY = "cleanup-day:2026-12-26:eve";

export function describeHistoryContract(make: MakeBackend): void {
  describe("broadcast history contract", () => {
    let h: BackendHandle;
    const ids: Record<string, string> = {};
    const enqueue = async (name: string, at: Date, input: Omit<EnqueueInput, "text">) => {
      ids[name] = (await h.outbox(() => at).enqueue({ text, ...input })).id;
      return ids[name];
    };
    beforeEach(async () => {
      h = await make();
      const d = h.deliveries();
      const b1 = await enqueue("b1", day(1), { kind: "adhoc", createdBy: 2, recipients: [100, 101, 102, 103], progress: { chatId: 2, lang: "en" } });
      await d.record([
        { broadcastId: b1, key: "100", outcome: { s: "s", mid: 11 } }, { broadcastId: b1, key: "101", outcome: { s: "f", err: "Bad Request" } },
        { broadcastId: b1, key: "102", outcome: { s: "b" } }, { broadcastId: b1, key: "103", outcome: { s: "s" } },
      ]);
      await d.progressShown(b1, 50);
      await d.finish(b1, day(1), new Set(["100", "101", "102", "103"]));
      const b2 = await enqueue("b2", day(3), { kind: "notice", key: KEY, occurrenceId: "cleanup-day:2026-12-26", recipients: [100, 101], media: { type: "photo", fileId: "F" } });
      await d.record([{ broadcastId: b2, key: "101", outcome: { s: "s", mid: 7 } }]);
      const b3 = await enqueue("b3", day(2), { kind: "report", recipients: [5] });
      await d.record([{ broadcastId: b3, key: "5", outcome: { s: "f", err: "Forbidden" } }]);
      await d.finish(b3, day(2), new Set(["5"]));
      await d.flush();
    });
    afterEach(async () => {
      await h.dispose();
    });

    it("lists the newest first with their counts (a finished one's totals), as plain data, also after a restart", async () => {
      await h.reopen();
      const recent = await h.deliveries().recent(2);
      expect(recent.map((b) => b.id)).toEqual([ids.b2, ids.b3]);
      expect(recent[0]).toEqual({
        id: ids.b2, kind: "notice", key: KEY, createdAt: day(3).toISOString(), text, occurrenceId: "cleanup-day:2026-12-26",
        status: "sending", counts: { total: 2, sent: 1, failed: 0, blocked: 0, pending: 1 },
      });
      expect(recent[1]?.counts).toEqual({ total: 1, sent: 0, failed: 1, blocked: 0, pending: 0 });
      const all = await h.deliveries().recent(10);
      expect(all.map((b) => b.id)).toEqual([ids.b2, ids.b3, ids.b1]);
      expect(all[2]).toMatchObject({ kind: "adhoc", createdBy: 2, status: "done", counts: { total: 4, sent: 2, failed: 1, blocked: 1, pending: 0 } });
      expect(await h.deliveries().recent(0)).toEqual([]);
    });

    it("finds a broadcast by its progress message, with the copies that can be edited", async () => {
      const d = h.deliveries();
      expect(await d.ofSummary(2, 50)).toEqual({ id: ids.b1, createdAt: day(1).toISOString(), status: "done", media: false, copies: [{ chatId: 100, messageId: 11 }] });
      expect(await d.ofSummary(2, 51)).toBeUndefined();
      expect(await d.ofSummary(3, 50)).toBeUndefined();
      expect(await d.correctable(ids.b2 as string)).toEqual({ id: ids.b2, createdAt: day(3).toISOString(), status: "sending", media: true, copies: [{ chatId: 101, messageId: 7 }] });
      expect(await d.correctable("nope")).toBeUndefined();
    });

    it("keeps a correction (a resumed send uses it) and knows the keys already enqueued, across a restart", async () => {
      await h.deliveries().saveCorrection(ids.b2 as string, "新<b>通知</b>");
      await h.deliveries().saveCorrection("nope", "x");
      await h.reopen();
      const [resumed] = (await h.deliveries().resume(new Set())).sending;
      expect(resumed?.broadcast.text).toEqual({ zh: "新<b>通知</b>", en: "新<b>通知</b>" });
      expect(resumed?.broadcast.media).toEqual({ type: "photo", fileId: "F" });
      expect((await h.deliveries().recent(1))[0]?.text.zh).toBe("新<b>通知</b>");
      expect(await h.deliveries().keyTaken(KEY)).toBe(true);
      expect(await h.deliveries().keyTaken("cleanup-day:2026-12-26:morning")).toBe(false);
    });
  });
}

forEachBackend("history", describeHistoryContract);
