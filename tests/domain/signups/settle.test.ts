import { describe, expect, it } from "vitest";
import { isSignupEvent, occurrenceSummary, settlementOf } from "../../../src/domain/signups/index.js";
import { BEFORE, harness, OCC } from "./helpers.js";

describe("settled rosters", () => {
  it("folds to exactly the lists logged: nobody promoted, heads summed, each person's index follows", () => {
    const { book, append } = harness(2);
    append({ userId: 1, occurrenceId: OCC, type: "join" });
    append({ userId: 2, occurrenceId: OCC, type: "join" });
    append({ userId: 3, occurrenceId: OCC, type: "join" });
    append({ userId: 2, occurrenceId: OCC, type: "attended", by: 9 });
    // as if user 1 had been forgotten live and 4 had come: 3 waits with a party of 2
    const roster = { confirmed: [[2, 1, BEFORE]], waitlist: [[3, 2, BEFORE], [4, 1, BEFORE]] } as { confirmed: Array<[number, number, string]>; waitlist: Array<[number, number, string]> };
    expect(append({ userId: 0, occurrenceId: OCC, type: "settled", via: "staff", roster }).promoted).toEqual([]);
    const s = occurrenceSummary(book, OCC);
    expect([s.confirmed.map((e) => [e.userId, e.headcount]), s.waitlist.map((e) => [e.userId, e.headcount]), s.heads]).toEqual([[[2, 1]], [[3, 2], [4, 1]], 1]);
    expect(s.attended.map((a) => a.userId)).toEqual([2]);
    expect(book.byUser.occurrencesOf(1)).toEqual([]);
    expect(book.byUser.occurrencesOf(4)).toEqual([OCC]);
    expect(settlementOf(book.rosters.get(OCC)!)).toEqual(roster);
    // the next cancel promotes from the settled lists as live would
    expect(append({ userId: 2, occurrenceId: OCC, type: "cancel" }).promoted.map((p) => p.userId)).toEqual([3]);
  });

  it("a settled line must carry its lists, and only it may", () => {
    const base = { seq: 1, at: BEFORE, userId: 0, occurrenceId: OCC, via: "staff" };
    expect(isSignupEvent({ ...base, type: "settled", roster: { confirmed: [[1, 1, BEFORE]], waitlist: [] } })).toBe(true);
    expect(isSignupEvent({ ...base, type: "settled" })).toBe(false);
    expect(isSignupEvent({ ...base, type: "settled", roster: { confirmed: [[1, "x", BEFORE]], waitlist: [] } })).toBe(false);
    expect(isSignupEvent({ ...base, type: "join", roster: { confirmed: [], waitlist: [] } })).toBe(false);
  });
});
