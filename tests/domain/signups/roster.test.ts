import { describe, expect, it } from "vitest";
import { applyEvent, createRosterBook, decideCancel, decideJoin, joinNeedsWrite, occurrenceSummary } from "../../../src/domain/signups/index.js";
import { BEFORE, OCC, STARTS, harness } from "./helpers.js";

/** `capacity` null means unlimited (undefined would take the default). */
const ask = (book: Parameters<typeof decideJoin>[0], userId: number, headcount?: number, capacity: number | null = 5, now = BEFORE) =>
  decideJoin(book, { userId, occurrenceId: OCC, headcount, now, startsAt: STARTS, cutoffMinutes: 60, capacity: capacity ?? undefined });

const ids = (book: Parameters<typeof occurrenceSummary>[0]) => {
  const s = occurrenceSummary(book, OCC);
  return { confirmed: s.confirmed.map((e) => e.userId), waitlist: s.waitlist.map((e) => e.userId), heads: s.heads };
};

describe("decideJoin", () => {
  it("joins, then answers 'already' for a second press without writing", () => {
    const h = harness();
    const first = ask(h.book, 1);
    expect(first).toEqual({ outcome: "joined", position: 1, headcount: 1 });
    expect(h.book.rosters.size).toBe(0); // deciding does not mutate
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 1 });
    const again = ask(h.book, 1);
    expect(again).toEqual({ outcome: "already", position: 1, waitlisted: false, headcount: 1, promoted: [] });
    expect(joinNeedsWrite(again)).toBe(false);
    expect(joinNeedsWrite(first)).toBe(true);
  });

  it("counts a duplicate join event once", () => {
    const h = harness();
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 2 });
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 2 });
    expect(ids(h.book)).toEqual({ confirmed: [1], waitlist: [], heads: 2 });
  });

  it("waitlists once capacity (in heads) is reached", () => {
    const h = harness(5);
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 3 });
    expect(ask(h.book, 2, 2)).toEqual({ outcome: "joined", position: 2, headcount: 2 });
    h.append({ userId: 2, occurrenceId: OCC, type: "join", headcount: 2 });
    expect(ask(h.book, 3, 1)).toEqual({ outcome: "waitlisted", position: 1, headcount: 1 });
    h.append({ userId: 3, occurrenceId: OCC, type: "join", headcount: 1 });
    expect(ask(h.book, 4)).toEqual({ outcome: "waitlisted", position: 2, headcount: 1 });
    expect(ask(h.book, 3)).toMatchObject({ outcome: "already", waitlisted: true, position: 1 });
  });

  it("waitlists a newcomer who would fit while someone waits (nobody jumps the queue)", () => {
    const h = harness(5);
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 4 });
    h.append({ userId: 2, occurrenceId: OCC, type: "join", headcount: 3 }); // waits
    expect(ask(h.book, 3, 1)).toEqual({ outcome: "waitlisted", position: 2, headcount: 1 });
  });

  it("refuses a party over capacity or over 10", () => {
    const h = harness(5);
    expect(ask(h.book, 1, 6)).toEqual({ outcome: "too-many", max: 5, limit: "capacity" });
    expect(ask(h.book, 1, 11, null)).toEqual({ outcome: "too-many", max: 10, limit: "party" });
    expect(ask(h.book, 1, 11, 20)).toEqual({ outcome: "too-many", max: 10, limit: "party" });
    expect(ask(h.book, 1, 0)).toEqual({ outcome: "too-many", max: 5, limit: "capacity" });
    expect(ask(h.book, 1, 10, null)).toEqual({ outcome: "joined", position: 1, headcount: 10 });
  });

  it("closes at the cut-off and reports a started occurrence", () => {
    const h = harness();
    expect(ask(h.book, 1, 1, 5, "2025-06-27T23:29:59.000Z")).toMatchObject({ outcome: "joined" });
    expect(ask(h.book, 1, 1, 5, "2025-06-27T23:30:00.000Z")).toEqual({ outcome: "closed" });
    expect(ask(h.book, 1, 1, 5, STARTS)).toEqual({ outcome: "started" });
    h.append({ userId: 2, occurrenceId: OCC, type: "join" });
    // a repeat press after the cut-off is still just "already"; a change is closed
    expect(ask(h.book, 2, undefined, 5, "2025-06-28T00:00:00.000Z")).toMatchObject({ outcome: "already" });
    expect(ask(h.book, 2, 3, 5, "2025-06-28T00:00:00.000Z")).toEqual({ outcome: "closed" });
  });

  it("updates the headcount in place on a new number, and keeps it on a button press", () => {
    const h = harness(6);
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 1 });
    h.append({ userId: 2, occurrenceId: OCC, type: "join", headcount: 2 });
    const grow = ask(h.book, 1, 3, 6);
    expect(grow).toEqual({ outcome: "already", position: 1, waitlisted: false, headcount: 3, headcountChanged: { from: 1, to: 3 }, promoted: [] });
    expect(joinNeedsWrite(grow)).toBe(true);
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 3 });
    expect(ids(h.book)).toEqual({ confirmed: [1, 2], waitlist: [], heads: 5 });
    expect(ask(h.book, 1, undefined, 6)).toMatchObject({ outcome: "already", headcount: 3 });
    expect(ask(h.book, 1, 5, 6)).toEqual({ outcome: "too-many", max: 4, limit: "places" }); // only 1 seat free
  });

  it("adds \"+N\" to the current party, and counts it in all for a newcomer", () => {
    const h = harness(20);
    const add = (userId: number, n: number) => decideJoin(h.book, { userId, occurrenceId: OCC, add: n, now: BEFORE, startsAt: STARTS, cutoffMinutes: 60, capacity: 20 });
    expect(add(1, 1)).toEqual({ outcome: "joined", position: 1, headcount: 1 });
    h.append({ userId: 2, occurrenceId: OCC, type: "join", headcount: 3 });
    expect(add(2, 1)).toMatchObject({ outcome: "already", headcount: 4, headcountChanged: { from: 3, to: 4 } });
    expect(add(2, 8)).toEqual({ outcome: "too-many", max: 10, limit: "party" });
  });

  it("shrinking a confirmed party promotes the waitlist", () => {
    const h = harness(4);
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 4 });
    h.append({ userId: 2, occurrenceId: OCC, type: "join", headcount: 2 });
    const d = ask(h.book, 1, 2, 4);
    expect(d).toMatchObject({ outcome: "already", headcountChanged: { from: 4, to: 2 } });
    expect(d.outcome === "already" && d.promoted).toEqual([{ occurrenceId: OCC, userId: 2, position: 2, headcount: 2 }]);
    const applied = h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 2 });
    expect(applied.promoted.map((p) => p.userId)).toEqual([2]);
  });

  it("a waiting party that shrinks to fit is promoted itself", () => {
    const h = harness(4);
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 3 });
    h.append({ userId: 2, occurrenceId: OCC, type: "join", headcount: 3 });
    expect(ask(h.book, 2, 1, 4)).toEqual({ outcome: "already", position: 2, waitlisted: false, headcount: 1, headcountChanged: { from: 3, to: 1 }, promoted: [] });
  });
});

describe("decideCancel and promotion", () => {
  it("cancels and promotes the first waiting entry", () => {
    const h = harness(2);
    for (const u of [1, 2, 3, 4]) h.append({ userId: u, occurrenceId: OCC, type: "join" });
    const d = decideCancel(h.book, { userId: 1, occurrenceId: OCC, capacity: 2 });
    expect(d).toEqual({ outcome: "cancelled", wasWaitlisted: false, promoted: [{ occurrenceId: OCC, userId: 3, position: 2, headcount: 1 }] });
    expect(ids(h.book).confirmed).toEqual([1, 2]); // not mutated by deciding
    const applied = h.append({ userId: 1, occurrenceId: OCC, type: "cancel" });
    expect(applied.promoted).toEqual([{ occurrenceId: OCC, userId: 3, position: 2, headcount: 1 }]);
    expect(ids(h.book)).toEqual({ confirmed: [2, 3], waitlist: [4], heads: 2 });
  });

  it("is strict FIFO: a party that does not fit blocks those behind it", () => {
    const h = harness(4);
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 2 });
    h.append({ userId: 2, occurrenceId: OCC, type: "join", headcount: 2 });
    h.append({ userId: 3, occurrenceId: OCC, type: "join", headcount: 3 }); // waits
    h.append({ userId: 4, occurrenceId: OCC, type: "join", headcount: 1 }); // waits behind 3
    expect(h.append({ userId: 1, occurrenceId: OCC, type: "cancel" }).promoted).toEqual([]);
    expect(ids(h.book)).toEqual({ confirmed: [2], waitlist: [3, 4], heads: 2 });
    // once 3 fits, 3 and then 4 move up in one go
    expect(h.append({ userId: 2, occurrenceId: OCC, type: "cancel" }).promoted.map((p) => [p.userId, p.position])).toEqual([[3, 1], [4, 2]]);
    expect(ids(h.book)).toEqual({ confirmed: [3, 4], waitlist: [], heads: 4 });
  });

  it("a cancelled party of several may promote several", () => {
    const h = harness(3);
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 3 });
    h.append({ userId: 2, occurrenceId: OCC, type: "join" });
    h.append({ userId: 3, occurrenceId: OCC, type: "join" });
    const d = decideCancel(h.book, { userId: 1, occurrenceId: OCC, capacity: 3 });
    expect(d.outcome === "cancelled" && d.promoted.map((p) => p.userId)).toEqual([2, 3]);
  });

  it("re-joining after a cancellation goes to the end", () => {
    const h = harness(undefined);
    for (const u of [1, 2, 3]) h.append({ userId: u, occurrenceId: OCC, type: "join" });
    h.append({ userId: 1, occurrenceId: OCC, type: "cancel" });
    expect(ask(h.book, 1, undefined, null)).toEqual({ outcome: "joined", position: 3, headcount: 1 });
    h.append({ userId: 1, occurrenceId: OCC, type: "join" });
    expect(ids(h.book).confirmed).toEqual([2, 3, 1]);
  });

  it("cancelling from the waitlist, not signed up, and after the start", () => {
    const h = harness(1);
    h.append({ userId: 1, occurrenceId: OCC, type: "join" });
    h.append({ userId: 2, occurrenceId: OCC, type: "join" });
    expect(decideCancel(h.book, { userId: 2, occurrenceId: OCC, capacity: 1 })).toEqual({ outcome: "cancelled", wasWaitlisted: true, promoted: [] });
    expect(decideCancel(h.book, { userId: 9, occurrenceId: OCC, capacity: 1 })).toEqual({ outcome: "not-signed-up" });
    expect(decideCancel(h.book, { userId: 1, occurrenceId: "x:2025-01-01", capacity: 1 })).toEqual({ outcome: "not-signed-up" });
    expect(decideCancel(h.book, { userId: 1, occurrenceId: OCC, capacity: 1, now: STARTS, startsAt: STARTS })).toEqual({ outcome: "started" });
  });

  it("ignores replayed events (seq not above the last folded)", () => {
    const h = harness(5);
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 2 });
    const replay = h.log[0];
    if (!replay) throw new Error("no event");
    expect(applyEvent(h.book, { ...replay, headcount: 5 }, h.capacityOf)).toEqual({ applied: false, promoted: [] });
    expect(ids(h.book).heads).toBe(2);
  });

  it("refolding the log gives the same rosters", () => {
    const h = harness(3);
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 2 });
    h.append({ userId: 2, occurrenceId: OCC, type: "join", headcount: 2 });
    h.append({ userId: 3, occurrenceId: OCC, type: "join" });
    h.append({ userId: 1, occurrenceId: OCC, type: "cancel" });
    h.append({ userId: 1, occurrenceId: OCC, type: "join" });
    const again = createRosterBook();
    for (const e of h.log) applyEvent(again, e, h.capacityOf);
    expect(occurrenceSummary(again, OCC)).toEqual(occurrenceSummary(h.book, OCC));
    expect(ids(again)).toEqual({ confirmed: [2, 3], waitlist: [1], heads: 3 });
  });
});
