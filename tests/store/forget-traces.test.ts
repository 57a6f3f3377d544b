import { describe, expect, it } from "vitest";
import { forgetTraces } from "../../src/store/forget-traces.js";
import { emptyDb } from "../../src/store/schema.js";

describe("forgetTraces", () => {
  it("drops inbox updates that hold the id anywhere, and keys that name it (a store written before promotions lost their key)", () => {
    const db = emptyDb();
    db.inbox["10"] = { update_id: 10, message: { message_id: 1, date: 0, chat: { id: 4242, type: "private" }, from: { id: 4242, is_bot: false, first_name: "A" }, text: "/forgetme" } };
    db.inbox["11"] = { update_id: 11, message: { message_id: 2, date: 0, chat: { id: -5, type: "group" }, from: { id: 7, is_bot: false, first_name: "B" }, reply_to_message: { from: { id: 4242 } } } };
    db.inbox["12"] = { update_id: 12, message: { message_id: 3, date: 0, chat: { id: 7, type: "private" }, from: { id: 7, is_bot: false, first_name: "B" }, text: "hi" } };
    db.enqueued["promoted:pest-control:2026-11-11:4242:1700000000000"] = "2026-11-10T00:00:00.000Z";
    db.enqueued["promoted:pest-control:2026-11-11:7:1700000000000"] = "2026-11-10T00:00:00.000Z";
    db.enqueued["cleanup-day:2026-11-28:eve"] = "2026-11-10T00:00:00.000Z";
    db.broadcasts.b1 = { id: "b1", kind: "personal", key: "promoted:pest-control:2026-11-11:4242:1700000000000", createdAt: "x", text: { zh: "", en: "" }, recipients: {}, status: "done" };
    forgetTraces(db, 4242);
    expect(Object.keys(db.inbox)).toEqual(["12"]);
    expect(Object.keys(db.enqueued)).toEqual(["promoted:pest-control:2026-11-11:7:1700000000000", "cleanup-day:2026-11-28:eve"]);
    expect(db.broadcasts.b1?.key).toBeUndefined();
    expect(JSON.stringify(db)).not.toContain("4242");
  });
});
