/**
 * The outbox's and the deliveries' contract, against their repositories (`OutboxRepo`,
 * `DeliveriesRepo`): enqueue is idempotent by key (also after a restart and when calls race), the
 * sender claims a broadcast's pending recipients, records their outcomes, and after a restart
 * resumes with only those still pending; finishing is idempotent.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOutbox } from "../../../src/delivery/outbox.js";
import type { EnqueueInput } from "../../../src/store/outbox-repo.js";
import { forEachBackend, type BackendHandle, type MakeBackend } from "./harness.js";

const at = new Date("2026-12-01T08:00:00.000Z");
const input = (key: string | undefined, recipients: number[]): EnqueueInput => ({
  kind: "notice",
  ...(key === undefined ? {} : { key }),
  text: { zh: "明天停水", en: "No water tomorrow" },
  recipients,
});

export function describeOutboxContract(make: MakeBackend): void {
  describe("outbox and deliveries contract", () => {
    let h: BackendHandle;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => {
      await h.dispose();
    });
    const outbox = () => h.outbox(() => at);
    const deliveries = () => h.deliveries();
    const sending = async () => (await deliveries().resume(new Set())).sending;

    it("enqueue by key creates once, also when the same key comes again after a restart", async () => {
      const first = await outbox().enqueue(input("water:2026-12-02:eve", [1, 2, 3]));
      const again = await outbox().enqueue(input("water:2026-12-02:eve", [1, 2, 3, 4]));
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      await h.reopen();
      expect((await outbox().enqueue(input("water:2026-12-02:eve", [5]))).created).toBe(false);
      const list = await sending();
      expect(list.map((s) => s.broadcast.id)).toEqual([first.id]);
      expect([...(list[0]?.pending ?? [])].sort()).toEqual(["1", "2", "3"]);
    });

    it("concurrent enqueues of one key create exactly one broadcast", async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => outbox().enqueue(input("k", [1]))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await sending()).toHaveLength(1);
    });

    it("enqueue without a key always creates, and the outbox wakes the sender only for what it created", async () => {
      const box = createOutbox(outbox());
      let woken = 0;
      box.onEnqueued = () => void woken++;
      const a = await box.enqueue(input(undefined, [1]));
      const b = await box.enqueue(input(undefined, [1]));
      await box.enqueue(input("once", [1]));
      await box.enqueue(input("once", [1]));
      expect(a.id).not.toBe(b.id);
      expect(woken).toBe(3);
    });

    it("claims pending recipients, records outcomes, and resumes after a restart with only the rest", async () => {
      const { id } = await outbox().enqueue(input("claim", [11, 12, 13, 14]));
      const claim = await deliveries().claim(id, ["11", "12", "13", "14"]);
      expect(claim.pending.map((r) => r.key).sort()).toEqual(["11", "12", "13", "14"]);
      await deliveries().record([
        { broadcastId: id, key: "11", outcome: { s: "s", mid: 501 } },
        { broadcastId: id, key: "12", outcome: { s: "f", err: "Bad Request: chat not found" } },
        { broadcastId: id, key: "13", outcome: { s: "b" } },
      ]);
      await h.reopen();
      const [resumed] = await sending();
      expect(resumed?.broadcast.id).toBe(id);
      expect(resumed?.pending).toEqual(["14"]);
      expect(resumed?.counts).toMatchObject({ sent: 1, failed: 1, blocked: 1 });
      // a recorded key is not claimed again
      expect((await deliveries().claim(id, ["11", "14"])).pending.map((r) => r.key)).toEqual(["14"]);
    });

    it("finish waits for unclaimed pending recipients, then is done once and stays done", async () => {
      const { id } = await outbox().enqueue({ ...input("finish", [7, -1001]), createdBy: 42, progress: { chatId: 42, lang: "zh" } });
      await deliveries().record([{ broadcastId: id, key: "7", outcome: { s: "s", mid: 9 } }]);
      const early = await deliveries().finish(id, at, new Set(["7"]));
      expect(early).toEqual({ status: "more", pending: ["-1001"] });
      await deliveries().record([{ broadcastId: id, key: "-1001", outcome: { s: "f", err: "Forbidden" } }]);
      const done = await deliveries().finish(id, at, new Set(["7", "-1001"]));
      expect(done.status).toBe("done");
      await h.reopen();
      expect(await sending()).toEqual([]);
      // a stop before the summary was shown: it is handed back once, then not again
      const { summaries } = await deliveries().resume(new Set());
      expect(summaries.map((s) => s.broadcast.id)).toEqual([id]);
      expect(summaries[0]?.broadcast.text).toEqual({ zh: "明天停水", en: "No water tomorrow" });
      await deliveries().summaryShown(id);
      await deliveries().flush();
      await h.reopen();
      expect((await deliveries().resume(new Set())).summaries).toEqual([]);
      expect((await deliveries().finish(id, at, new Set())).status).toBe("done");
    });
  });
}

forEachBackend("outbox", describeOutboxContract);
