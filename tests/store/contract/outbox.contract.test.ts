/**
 * The outbox's contract: enqueue is idempotent by key (also after a restart), the sender claims a
 * broadcast's pending recipients, records their outcomes, and after a restart resumes with only
 * those still pending. Written against today's outbox (`createOutbox`) and the store-level parts
 * the sender uses (`pendingKeys`, recipient states written through the store); a repository that
 * replaces them keeps these tests.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOutbox, type EnqueueInput } from "../../../src/delivery/outbox.js";
import { pendingKeys } from "../../../src/delivery/active-broadcast.js";
import { backends, type BackendHandle, type MakeBackend } from "./harness.js";

const at = new Date("2026-12-01T08:00:00.000Z");
const input = (key: string | undefined, recipients: number[]): EnqueueInput => ({
  kind: "notice",
  ...(key === undefined ? {} : { key }),
  text: { zh: "明天停水", en: "No water tomorrow" },
  recipients,
});

export function describeOutboxContract(make: MakeBackend): void {
  describe("outbox contract", () => {
    let h: BackendHandle;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => {
      await h.dispose();
    });
    const outbox = () => createOutbox(h.store, () => at);
    const broadcast = (id: string) => h.store.data.broadcasts[id];

    it("enqueue by key creates once, also when the same key comes again after a restart", async () => {
      const first = await outbox().enqueue(input("water:2026-12-02:eve", [1, 2, 3]));
      const again = await outbox().enqueue(input("water:2026-12-02:eve", [1, 2, 3, 4]));
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      await h.reopen();
      expect((await outbox().enqueue(input("water:2026-12-02:eve", [5]))).created).toBe(false);
      expect(Object.keys(h.store.data.broadcasts)).toEqual([first.id]);
      expect(Object.keys(broadcast(first.id)?.recipients ?? {}).sort()).toEqual(["1", "2", "3"]);
    });

    it("concurrent enqueues of one key create exactly one broadcast", async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => outbox().enqueue(input("k", [1]))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(Object.keys(h.store.data.broadcasts)).toHaveLength(1);
    });

    it("enqueue without a key always creates, and wakes the sender only for what it created", async () => {
      const box = outbox();
      let woken = 0;
      box.onEnqueued = () => void woken++;
      const a = await box.enqueue(input(undefined, [1]));
      const b = await box.enqueue(input(undefined, [1]));
      await box.enqueue(input("once", [1]));
      await box.enqueue(input("once", [1]));
      expect(a.id).not.toBe(b.id);
      expect(woken).toBe(3);
    });

    it("claims every pending recipient, records outcomes, and resumes after a restart with only the rest", async () => {
      const { id } = await outbox().enqueue(input("claim", [11, 12, 13, 14]));
      const claimed = pendingKeys(broadcast(id)!, new Set()).sort();
      expect(claimed).toEqual(["11", "12", "13", "14"]);
      await h.store.write((db) => {
        const r = db.broadcasts[id]!.recipients;
        r["11"] = { s: "s", mid: 501 };
        r["12"] = { s: "f", err: "Bad Request: chat not found" };
        r["13"] = { s: "b" };
      }, "durable");
      await h.reopen();
      const b = broadcast(id)!;
      expect(b.recipients["11"]).toEqual({ s: "s", mid: 501 });
      expect(b.recipients["12"]).toEqual({ s: "f", err: "Bad Request: chat not found" });
      expect(b.recipients["13"]).toEqual({ s: "b" });
      expect(b.status).toBe("sending");
      expect(pendingKeys(b, new Set())).toEqual(["14"]);
      // a key already taken up in this run is not claimed twice
      expect(pendingKeys(b, new Set(["14"]))).toEqual([]);
    });

    it("an enqueue that resolved is there after a restart, text and recipients whole", async () => {
      const { id } = await outbox().enqueue({ ...input("whole", [7, -1001]), createdBy: 42, progress: { chatId: 42, lang: "zh" } });
      await h.reopen();
      const b = broadcast(id)!;
      expect(b.text).toEqual({ zh: "明天停水", en: "No water tomorrow" });
      expect(b.recipients).toEqual({ "7": { s: "p" }, "-1001": { s: "p" } });
      expect(b.createdBy).toBe(42);
      expect(h.store.data.enqueued.whole).toBe(at.toISOString());
    });
  });
}

for (const [name, make] of Object.entries(backends)) describe(name, () => describeOutboxContract(make));
