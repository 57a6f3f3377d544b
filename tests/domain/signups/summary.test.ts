import { describe, expect, it } from "vitest";
import { forgetUser, occurrenceSummary, userRecord } from "../../../src/domain/signups/index.js";
import { BEFORE, OCC, STARTS, harness } from "./helpers.js";

const LECTURE = "civility-lecture:2025-07-20";
const PAST = "cleanup-day:2025-05-31";
const startsAt: Record<string, string> = {
  [OCC]: STARTS,
  [LECTURE]: "2025-07-20T07:00:00.000Z",
  [PAST]: "2025-05-31T00:30:00.000Z",
};
const startsAtOf = (id: string) => startsAt[id];

describe("attendance and participation", () => {
  it("counts attended sign-ups with their headcount and walk-ins as 1", () => {
    const h = harness(10);
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 3 });
    h.append({ userId: 2, occurrenceId: OCC, type: "join" });
    h.append({ userId: 1, occurrenceId: OCC, type: "attended", via: "staff", by: 99 });
    h.append({ userId: 7, occurrenceId: OCC, type: "attended", via: "staff", by: 99 }); // walk-in
    h.append({ userId: 1, occurrenceId: OCC, type: "attended", via: "staff", by: 99 }); // twice counts once
    const s = occurrenceSummary(h.book, OCC);
    expect(s.attended.map((a) => [a.userId, a.heads, a.walkIn, a.by])).toEqual([[1, 3, false, 99], [7, 1, true, 99]]);
    expect(s.attendedHeads).toBe(4);
    expect(h.book.participation.get(1)).toEqual({ occurrences: 1, personTimes: 3 });
    expect(h.book.participation.get(7)).toEqual({ occurrences: 1, personTimes: 1 });
    expect(h.book.participation.get(2)).toBeUndefined(); // signed up but not attended: no participation
  });

  it("unattended takes a mark back, and only once", () => {
    const h = harness(10);
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 2 });
    h.append({ userId: 1, occurrenceId: PAST, type: "attended", via: "staff" });
    h.append({ userId: 1, occurrenceId: OCC, type: "attended", via: "staff" });
    expect(h.book.participation.get(1)).toEqual({ occurrences: 2, personTimes: 3 });
    h.append({ userId: 1, occurrenceId: OCC, type: "unattended", via: "staff" });
    h.append({ userId: 1, occurrenceId: OCC, type: "unattended", via: "staff" });
    expect(h.book.participation.get(1)).toEqual({ occurrences: 1, personTimes: 1 });
    expect(occurrenceSummary(h.book, OCC).attended).toEqual([]);
    h.append({ userId: 1, occurrenceId: PAST, type: "unattended", via: "staff" });
    expect(h.book.participation.has(1)).toBe(false);
    expect([...(h.book.byUser.get(1) ?? [])]).toEqual([OCC]); // still signed up there
  });
});

describe("userRecord", () => {
  it("lists upcoming sign-ups soonest first with places, and past participation", () => {
    const h = harness(1);
    h.caps.set(LECTURE, undefined);
    h.append({ userId: 2, occurrenceId: OCC, type: "join" });
    h.append({ userId: 1, occurrenceId: LECTURE, type: "join", headcount: 2 });
    h.append({ userId: 1, occurrenceId: OCC, type: "join" }); // waitlisted behind 2
    h.append({ userId: 1, occurrenceId: PAST, type: "join" });
    h.append({ userId: 1, occurrenceId: PAST, type: "attended", via: "staff" });
    h.append({ userId: 1, occurrenceId: "gone:2025-07-01", type: "join" }); // unknown start: left out
    const r = userRecord(h.book, 1, BEFORE, startsAtOf);
    expect(r.upcoming).toEqual([
      { occurrenceId: OCC, noticeId: "cleanup-day", date: "2025-06-28", startsAt: STARTS, position: 1, waitlisted: true, headcount: 1 },
      { occurrenceId: LECTURE, noticeId: "civility-lecture", date: "2025-07-20", startsAt: "2025-07-20T07:00:00.000Z", position: 1, waitlisted: false, headcount: 2 },
    ]);
    expect(r.participation).toEqual({ occurrences: 1, personTimes: 1 });
    expect(userRecord(h.book, 1, STARTS, startsAtOf).upcoming.map((u) => u.occurrenceId)).toEqual([LECTURE]);
    expect(userRecord(h.book, 42, BEFORE, startsAtOf)).toEqual({ upcoming: [], participation: { occurrences: 0, personTimes: 0 } });
  });

  it("drops a cancelled sign-up", () => {
    const h = harness(5);
    h.append({ userId: 1, occurrenceId: OCC, type: "join" });
    h.append({ userId: 1, occurrenceId: OCC, type: "cancel" });
    expect(userRecord(h.book, 1, BEFORE, startsAtOf).upcoming).toEqual([]);
    expect(h.book.byUser.has(1)).toBe(false);
  });
});

describe("occurrenceSummary", () => {
  it("gives confirmed, heads, waitlist and an empty summary for an unknown occurrence", () => {
    const h = harness(3);
    h.append({ userId: 1, occurrenceId: OCC, type: "join", headcount: 2 });
    h.append({ userId: 2, occurrenceId: OCC, type: "join", headcount: 2 });
    h.append({ userId: 3, occurrenceId: OCC, type: "join", headcount: 1 });
    const s = occurrenceSummary(h.book, OCC);
    expect(s.confirmed).toEqual([{ userId: 1, headcount: 2, joinedAt: BEFORE, position: 1 }]);
    expect(s.heads).toBe(2);
    expect(s.waitlist.map((e) => [e.userId, e.position])).toEqual([[2, 1], [3, 2]]);
    expect(s.waitingHeads).toBe(3);
    expect(occurrenceSummary(h.book, "x:2025-01-01")).toMatchObject({ confirmed: [], heads: 0, waitlist: [], attended: [], attendedHeads: 0 });
  });
});

describe("forgetUser", () => {
  it("removes the user everywhere and promotes the waitlist like a cancellation", () => {
    const h = harness(1);
    h.caps.set(LECTURE, 1);
    h.append({ userId: 1, occurrenceId: OCC, type: "join" });
    h.append({ userId: 2, occurrenceId: OCC, type: "join" });
    h.append({ userId: 1, occurrenceId: LECTURE, type: "join" });
    h.append({ userId: 3, occurrenceId: LECTURE, type: "join" });
    h.append({ userId: 1, occurrenceId: PAST, type: "attended", via: "staff" });
    const promoted = forgetUser(h.book, 1, h.capacityOf);
    expect(promoted.map((p) => [p.occurrenceId, p.userId, p.position])).toEqual([[OCC, 2, 1], [LECTURE, 3, 1]]);
    expect(h.book.byUser.has(1)).toBe(false);
    expect(h.book.participation.has(1)).toBe(false);
    expect(occurrenceSummary(h.book, PAST).attended).toEqual([]);
    expect(userRecord(h.book, 1, BEFORE, startsAtOf)).toEqual({ upcoming: [], participation: { occurrences: 0, personTimes: 0 } });
    expect(userRecord(h.book, 2, BEFORE, startsAtOf).upcoming[0]).toMatchObject({ position: 1, waitlisted: false });
    expect(forgetUser(h.book, 1, h.capacityOf)).toEqual([]);
  });
});
