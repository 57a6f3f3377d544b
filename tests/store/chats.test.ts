import { describe, expect, it } from "vitest";
import { addBroadcast } from "../../src/store/outbox-repo.js";
import { migrateChat, subscribeChat } from "../../src/store/chats.js";
import { emptyDb } from "../../src/store/schema.js";

const NOW = new Date("2026-11-25T02:00:00.000Z");

describe("migrateChat", () => {
  it("moves the subscription and the pending deliveries to the supergroup id", () => {
    const db = emptyDb();
    subscribeChat(db, { id: -100, type: "group", title: "3号楼" }, NOW);
    const { id } = addBroadcast(db, { kind: "adhoc", text: { zh: "x", en: "x" }, recipients: [-100] }, NOW);
    migrateChat(db, -100, -100200, NOW);
    expect(db.chats["-100"]).toBeUndefined();
    expect(db.chats["-100200"]).toMatchObject({ id: -100200, type: "supergroup", subscribed: true, title: "3号楼" });
    expect(db.broadcasts[id]!.recipients).toEqual({ "-100200": { s: "p" } });
  });

  it("never turns a delivery the new id already got back into pending (no double send)", () => {
    const db = emptyDb();
    subscribeChat(db, { id: -100, type: "group" }, NOW);
    const { id } = addBroadcast(db, { kind: "adhoc", text: { zh: "x", en: "x" }, recipients: [-100, -100200] }, NOW);
    db.broadcasts[id]!.recipients["-100200"] = { s: "s" };
    migrateChat(db, -100, -100200, NOW);
    expect(db.broadcasts[id]!.recipients).toEqual({ "-100200": { s: "s" } });
  });
});
