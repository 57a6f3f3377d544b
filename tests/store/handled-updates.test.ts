import { describe, expect, it } from "vitest";
import { createHandledIndex, markHandled } from "../../src/store/handled-updates.js";
import { emptyDb } from "../../src/store/schema.js";

describe("handled update ids", () => {
  it("the list keeps the most recent ids, dropping the oldest in bulk", () => {
    const db = emptyDb();
    for (let id = 1; id <= 4000; id++) markHandled(db, id);
    expect(db.handledUpdates).toHaveLength(4000);
    markHandled(db, 4001);
    expect(db.handledUpdates).toHaveLength(2000);
    expect(db.handledUpdates[0]).toBe(2002);
    expect(db.handledUpdates.at(-1)).toBe(4001);
  });

  it("the index starts from the stored list and answers like it for every id it keeps", () => {
    const db = emptyDb();
    db.handledUpdates.push(5, 9);
    const index = createHandledIndex(() => db);
    expect([5, 9, 7].map((id) => index.has(id))).toEqual([true, true, false]);
    index.mark(db, 7);
    expect(index.has(7)).toBe(true);
    expect(db.handledUpdates).toEqual([5, 9, 7]);
  });

  it("stays bounded over many updates, keeps every id the list keeps, and never calls a new id handled", () => {
    const db = emptyDb();
    const index = createHandledIndex(() => db);
    // ids arrive out of order, as different chats finish at different times
    for (let id = 1; id <= 20_000; id++) index.mark(db, id % 2 === 0 ? id : id + 10_000_000);
    for (const id of db.handledUpdates) expect(index.has(id)).toBe(true);
    expect(index.has(30_000)).toBe(false);
    expect(index.has(10_000_000)).toBe(false);
    // bounded: after a rebuild the set is the list again (its size is not exposed, so probe old ids)
    const oldest = [2, 4, 6, 8].filter((id) => index.has(id));
    expect(oldest).toEqual([]);
  });
});
