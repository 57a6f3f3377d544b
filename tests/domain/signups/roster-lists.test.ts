import { describe, expect, it } from "vitest";
import { EntryList, MarkList, UserIndex } from "../../../src/domain/signups/index.js";

const AT = "2025-06-27T11:00:00.000Z";
const ids = (l: EntryList) => [...l.keys()];

describe("EntryList", () => {
  it("keeps insertion order through removals, in-place headcount changes and re-adds, like a Map", () => {
    const l = new EntryList();
    for (let u = 1; u <= 100; u++) l.append(u, 1 + (u % 10), AT);
    for (let u = 2; u <= 100; u += 2) expect(l.delete(u)).toBe(true);
    expect(l.delete(2)).toBe(false);
    const row = l.rowOf(51);
    l.setValue(row, 7);
    l.append(2, 3, AT); // a re-join goes to the end
    expect(l.size).toBe(51);
    expect(ids(l)).toEqual([...Array.from({ length: 50 }, (_, i) => 2 * i + 1), 2]);
    expect(l.get(51)).toEqual({ userId: 51, headcount: 7, joinedAt: AT });
    expect(l.position(l.rowOf(51))).toBe(26);
    expect(l.get(4)).toBeUndefined();
  });

  it("shrinks after most users leave and still finds everyone", () => {
    const l = new EntryList();
    for (let u = 0; u < 1000; u++) l.append(u * 7919, 1, AT);
    for (let u = 0; u < 990; u++) l.delete(u * 7919);
    expect(ids(l)).toEqual(Array.from({ length: 10 }, (_, i) => (990 + i) * 7919));
    for (let u = 990; u < 1000; u++) expect(l.has(u * 7919)).toBe(true);
    expect(l.has(0)).toBe(false);
  });

  it("moves the front to another list with its headcount and join instant (promotion)", () => {
    const waiting = new EntryList();
    const confirmed = new EntryList();
    waiting.append(1, 3, "2025-06-01T00:00:00.000Z");
    waiting.append(2, 1, "kept as written");
    waiting.moveTo(waiting.firstRow(), confirmed);
    waiting.moveTo(waiting.firstRow(), confirmed);
    expect(waiting.size).toBe(0);
    expect(waiting.firstRow()).toBe(-1);
    expect([...confirmed.values()]).toEqual([
      { userId: 1, headcount: 3, joinedAt: "2025-06-01T00:00:00.000Z" },
      { userId: 2, headcount: 1, joinedAt: "kept as written" },
    ]);
  });

  it("holds ids past 2^31 and instants months apart exactly", () => {
    const l = new EntryList();
    l.append(5, 1, "2025-01-01T00:00:00.000Z");
    l.append(2 ** 40 + 3, 2, "2025-09-30T23:59:59.999Z");
    l.append(-1001234567890, 1, "2019-03-01T08:00:00.001Z");
    expect([...l.values()].map((e) => [e.userId, e.joinedAt])).toEqual([
      [5, "2025-01-01T00:00:00.000Z"],
      [2 ** 40 + 3, "2025-09-30T23:59:59.999Z"],
      [-1001234567890, "2019-03-01T08:00:00.001Z"],
    ]);
    expect(l.has(2 ** 40 + 3)).toBe(true);
    expect(l.has(2 ** 40 + 4)).toBe(false);
  });

  it("copies independently", () => {
    const a = new EntryList();
    a.append(1, 1, AT);
    const b = a.copy();
    b.append(2, 1, AT);
    b.delete(1);
    expect(ids(a)).toEqual([1]);
    expect(ids(b)).toEqual([2]);
  });

  it("refuses a headcount a byte cannot hold", () => {
    const l = new EntryList();
    expect(() => l.append(1, 0, AT)).toThrow(RangeError);
    expect(() => l.append(1, 256, AT)).toThrow(RangeError);
    expect(() => l.append(1, 1.5, AT)).toThrow(RangeError);
    expect(l.size).toBe(0);
  });
});

describe("MarkList", () => {
  it("reads marks back with heads, walk-in flag, instant and only a given marker", () => {
    const m = new MarkList();
    m.mark(1, 10, false, AT, 99);
    m.mark(7, 1, true, AT, undefined);
    expect([...m.values()]).toEqual([
      { userId: 1, heads: 10, walkIn: false, at: AT, by: 99 },
      { userId: 7, heads: 1, walkIn: true, at: AT },
    ]);
    expect("by" in (m.get(7) ?? {})).toBe(false);
    expect(m.headsOf(1)).toBe(10);
    expect(m.headsOf(2)).toBeUndefined();
  });
});

describe("UserIndex", () => {
  it("reads like a Map of Sets: occurrences in the order added, users dropped when empty", () => {
    const ix = new UserIndex();
    ix.add(1, "a:2025-01-01");
    ix.add(2, "a:2025-01-01");
    ix.add(1, "b:2025-01-02");
    ix.add(1, "a:2025-01-01"); // already there
    ix.addNew(1, "c:2025-01-03");
    expect([...(ix.get(1) ?? [])]).toEqual(["a:2025-01-01", "b:2025-01-02", "c:2025-01-03"]);
    ix.remove(1, "b:2025-01-02");
    ix.remove(1, "z:2025-01-09"); // unknown: no-op
    expect(ix.occurrencesOf(1)).toEqual(["a:2025-01-01", "c:2025-01-03"]);
    ix.remove(2, "a:2025-01-01");
    expect(ix.has(2)).toBe(false);
    expect(ix.get(2)).toBeUndefined();
    ix.add(2, "b:2025-01-02"); // back at the end of the users' order
    expect([...ix.keys()]).toEqual([1, 2]);
    expect([...ix.values()].map((s) => s.size)).toEqual([2, 1]);
    expect(ix.delete(1)).toBe(true);
    expect(ix.delete(1)).toBe(false);
    expect(ix.size).toBe(1);
    // freed links are reused
    for (let u = 0; u < 200; u++) ix.add(u + 10, "a:2025-01-01");
    expect(ix.occurrencesOf(150)).toEqual(["a:2025-01-01"]);
  });
});
