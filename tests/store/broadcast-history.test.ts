import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDeliveriesRepo } from "../../src/store/deliveries-repo.js";
import { openStore, type Store } from "../../src/store/engine/store.js";

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "broadcast-history-"));
  store = await openStore({ file: join(dir, "db.json"), keepBackup: false });
  await store.write((db) => {
    const text = { zh: "通知", en: "Notice" };
    db.broadcasts.b1 = { id: "b1", kind: "adhoc", createdAt: "2026-12-01T00:00:00.000Z", createdBy: 2, text, status: "done",
      recipients: { "100": { s: "s", mid: 11 }, "101": { s: "f" }, "102": { s: "b" }, "103": { s: "s" } }, progress: { chatId: 2, messageId: 50, lang: "en" } };
    db.broadcasts.b2 = { id: "b2", kind: "notice", key: "cleanup-day:2026-12-26:eve", createdAt: "2026-12-03T00:00:00.000Z", text, status: "sending",
      occurrenceId: "cleanup-day:2026-12-26", recipients: { "100": { s: "p" }, "101": { s: "s" } }, media: { type: "photo", fileId: "F" } };
    db.broadcasts.b3 = { id: "b3", kind: "report", createdAt: "2026-12-02T00:00:00.000Z", text, status: "done", recipients: {},
      counts: { total: 9, sent: 8, failed: 1, blocked: 0 } };
    db.enqueued["cleanup-day:2026-12-26:eve"] = "2026-12-03T00:00:00.000Z";
  }, "durable");
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe("broadcast history", () => {
  it("lists the newest first, with counts (kept totals once finished), as plain data", async () => {
    const history = createDeliveriesRepo(store);
    const recent = await history.recent(2);
    expect(recent.map((b) => b.id)).toEqual(["b2", "b3"]);
    expect(recent[0]).toMatchObject({ kind: "notice", key: "cleanup-day:2026-12-26:eve", occurrenceId: "cleanup-day:2026-12-26", counts: { total: 2, sent: 1, failed: 0, blocked: 0, pending: 1 } });
    expect(recent[1]?.counts).toEqual({ total: 9, sent: 8, failed: 1, blocked: 0, pending: 0 });
    expect((await history.recent(5))[2]).toMatchObject({ id: "b1", createdBy: 2, counts: { total: 4, sent: 2, failed: 1, blocked: 1, pending: 0 } });
    (recent[0]!.text as { zh: string }).zh = "changed";
    expect(store.data.broadcasts.b2?.text.zh).toBe("通知");
  });

  it("finds a broadcast by its summary message, with the copies that can be edited", async () => {
    const history = createDeliveriesRepo(store);
    expect(await history.ofSummary(2, 50)).toEqual({ id: "b1", createdAt: "2026-12-01T00:00:00.000Z", status: "done", media: false, copies: [{ chatId: 100, messageId: 11 }] });
    expect(await history.ofSummary(2, 51)).toBeUndefined();
    expect((await history.correctable("b2"))?.media).toBe(true);
    expect(await history.correctable("nope")).toBeUndefined();
  });

  it("keeps a correction on the broadcast, and knows the keys already enqueued", async () => {
    const history = createDeliveriesRepo(store);
    await history.saveCorrection("b1", "新<b>通知</b>");
    expect(store.data.broadcasts.b1?.text).toEqual({ zh: "新<b>通知</b>", en: "新<b>通知</b>" });
    expect(await history.keyTaken("cleanup-day:2026-12-26:eve")).toBe(true);
    expect(await history.keyTaken("cleanup-day:2026-12-26:morning")).toBe(false);
  });
});
