import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as compact from "../../../src/domain/signups/index.js";
import type { SignupEvent } from "../../../src/domain/signups/index.js";
import { applyEvent as refApply } from "./reference/fold.js";
import { decideCancel as refCancel, decideJoin as refJoin } from "./reference/roster.js";
import { createRosterBook as refBook, locate as refLocate, type RosterBook as RefBook } from "./reference/roster-model.js";
import { forgetUser as refForget, occurrenceSummary as refSummary, userRecord as refRecord } from "./reference/summary.js";

// The compact book (typed-array columns) must give exactly what the Map-based one gave, for any log.
const OCCS = ["cleanup-day:2025-06-28", "pest-control:2025-07-05", "civility-lecture:2025-07-20"];
const STARTS: Record<string, string> = {
  [OCCS[0]!]: "2025-06-28T00:30:00.000Z",
  [OCCS[1]!]: "2025-07-05T01:00:00.000Z",
  [OCCS[2]!]: "2025-07-20T07:00:00.000Z",
};
const startsAtOf = (id: string) => STARTS[id];
const NOW = "2025-06-27T11:00:00.000Z";
const BASE = Date.parse(NOW);
// small ids, and ids past 2^31 and 2^32 (stored as doubles); 40 users so lists outgrow 32 rows
const USERS = [...Array.from({ length: 34 }, (_, i) => i + 1), 2 ** 31, 2 ** 31 + 5, 2 ** 32 + 1, 5_000_000_123, 2 ** 52 - 7, 7.5];
// mostly exact toISOString instants, some more than 24 days apart, and a few strings kept verbatim
const AT = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -3_600_000, max: 3_600_000 }).map((d) => new Date(BASE + d).toISOString()) },
  { weight: 1, arbitrary: fc.integer({ min: -60, max: 60 }).map((days) => new Date(BASE + days * 86_400_000 + 123).toISOString()) },
  { weight: 1, arbitrary: fc.constantFrom("2025-06-27T11:00:00Z", "not a date", "0050-01-01T00:00:00.000Z", "2025-02-29T00:00:00.000Z", "") },
);
const EVENT = fc.record({
  userId: fc.constantFrom(...USERS),
  occurrenceId: fc.constantFrom(...OCCS),
  type: fc.constantFrom<SignupEvent["type"]>("join", "join", "join", "cancel", "cancel", "attended", "unattended"),
  headcount: fc.option(fc.oneof(fc.integer({ min: 1, max: 10 }), fc.constantFrom(0, 11, 2.7, -3)), { nil: undefined }),
  at: AT,
  by: fc.option(fc.constantFrom(99, 2 ** 33), { nil: undefined }),
});
const CAPS = fc.tuple(...OCCS.map(() => fc.option(fc.integer({ min: 1, max: 15 }), { nil: undefined })));

const byUser = (book: compact.RosterBook | RefBook) => [...book.byUser.entries()].map(([u, s]) => [u, [...s]]);

function compare(book: compact.RosterBook, ref: RefBook, users: readonly number[] = USERS): void {
  expect([...book.rosters.keys()]).toEqual([...ref.rosters.keys()]);
  for (const id of [...OCCS, "gone:2025-01-01"]) {
    expect(compact.occurrenceSummary(book, id)).toEqual(refSummary(ref, id));
    const r = book.rosters.get(id);
    const rr = ref.rosters.get(id);
    expect([...(r?.confirmed.keys() ?? [])]).toEqual([...(rr?.confirmed.keys() ?? [])]);
    expect([...(r?.waitlist.values() ?? [])]).toEqual([...(rr?.waitlist.values() ?? [])]);
    expect([...(r?.attended.values() ?? [])]).toEqual([...(rr?.attended.values() ?? [])]);
  }
  expect(byUser(book)).toEqual(byUser(ref));
  expect([...book.participation]).toEqual([...ref.participation]);
  for (const u of users) {
    expect(compact.userRecord(book, u, NOW, startsAtOf)).toEqual(refRecord(ref, u, NOW, startsAtOf));
    for (const id of OCCS) {
      const r = book.rosters.get(id);
      const rr = ref.rosters.get(id);
      expect(r && compact.locate(r, u)).toEqual(rr && refLocate(rr, u));
      expect(r?.attended.has(u)).toEqual(rr?.attended.has(u));
    }
  }
}

function decisions(book: compact.RosterBook, ref: RefBook, caps: Array<number | undefined>): void {
  OCCS.forEach((occurrenceId, i) => {
    const capacity = caps[i];
    for (const userId of USERS) {
      for (const headcount of [undefined, 1, 3, 10]) {
        const req = { userId, occurrenceId, now: NOW, startsAt: STARTS[occurrenceId]!, cutoffMinutes: 60, capacity, ...(headcount === undefined ? {} : { headcount }) };
        expect(compact.decideJoin(book, req)).toEqual(refJoin(ref, req));
      }
      expect(compact.decideCancel(book, { userId, occurrenceId, capacity })).toEqual(refCancel(ref, { userId, occurrenceId, capacity }));
    }
  });
}

describe("compact roster book ≡ Map-based reference", () => {
  it("folds any log to the same rosters, records, index, decisions and forgets", () => {
    fc.assert(
      fc.property(CAPS, fc.array(EVENT, { minLength: 1, maxLength: 400, size: "max" }), fc.subarray(USERS, { maxLength: 4 }), (caps, events, forgotten) => {
        const capacityOf = (id: string) => caps[OCCS.indexOf(id)];
        const book = compact.createRosterBook();
        const ref = refBook();
        events.forEach((e, i) => {
          const { headcount, by, ...rest } = e;
          const event: SignupEvent = { seq: i + 1, via: "button", ...rest, ...(headcount === undefined ? {} : { headcount }), ...(by === undefined ? {} : { by }) };
          expect(compact.applyEvent(book, event, capacityOf)).toEqual(refApply(ref, event, capacityOf));
        });
        compare(book, ref);
        decisions(book, ref, caps);
        compare(book, ref); // deciding changed nothing
        for (const u of forgotten) expect(compact.forgetUser(book, u, capacityOf)).toEqual(refForget(ref, u, capacityOf));
        compare(book, ref);
      }),
      { numRuns: 150 },
    );
  });
});

describe("compact roster book ≡ Map-based reference, at scale", () => {
  it("stays identical through growth, waves of cancellations (lists shrink) and re-joins", () => {
    let x = 12345;
    const rand = (n: number) => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x % n;
    };
    const users = Array.from({ length: 900 }, (_, i) => (i % 3 === 0 ? 6_000_000_000 + i : 1000 + i));
    const caps = [undefined, 40, 300];
    const capacityOf = (id: string) => caps[OCCS.indexOf(id)];
    const book = compact.createRosterBook();
    const ref = refBook();
    let seq = 0;
    const fold = (type: SignupEvent["type"], userId: number, occurrenceId: string, headcount?: number) => {
      const at = new Date(BASE + seq * 60_000).toISOString(); // ~45 days in all: times outgrow Int32 offsets
      const event: SignupEvent = { seq: ++seq, at, userId, occurrenceId, type, via: "text", ...(headcount === undefined ? {} : { headcount }), ...(type.endsWith("attended") ? { by: 99 } : {}) };
      expect(compact.applyEvent(book, event, capacityOf)).toEqual(refApply(ref, event, capacityOf));
    };
    for (const wave of [0, 1, 2]) {
      for (let i = 0; i < 4000; i++) fold("join", users[rand(users.length)]!, OCCS[rand(3)]!, rand(4) === 0 ? 1 + rand(10) : undefined);
      for (let i = 0; i < 600; i++) fold(rand(2) ? "attended" : "unattended", users[rand(users.length)]!, OCCS[rand(3)]!);
      // most leave: lists fall below a quarter of their rows
      for (const u of users) for (const occ of OCCS) if (rand(10) < 9 - wave) fold("cancel", u, occ);
      compare(book, ref, users);
    }
    expect(book.rosters.get(OCCS[0]!)?.confirmed.size).toBeGreaterThan(0);
    for (const u of users.slice(0, 50)) expect(compact.forgetUser(book, u, capacityOf)).toEqual(refForget(ref, u, capacityOf));
    compare(book, ref, users);
  });
});
