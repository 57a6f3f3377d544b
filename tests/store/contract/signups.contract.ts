import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withDateOverrides } from "../../../src/domain/date-overrides.js";
import type { NoticeCatalog, NoticeDef } from "../../../src/domain/notice.js";
import type { Promotion } from "../../../src/domain/signups/index.js";
import type { SignupRepo } from "../../../src/store/signup-repo.js";

/** What a backend under test hands the sign-up contract. */
export interface SignupBackend {
  readonly repo: SignupRepo;
  /** Deletes everything stored about a user (as /forgetme does), then drops them from the rosters. */
  forget(userId: number): Promise<Promotion[]>;
  /** Closes the backend and opens it again: a repository built from what was saved. */
  reopen(): Promise<SignupRepo>;
  close(): Promise<void>;
}

export type MakeSignupBackend = (options: { catalog: NoticeCatalog; timezone: string; now: () => Date }) => Promise<SignupBackend>;

// pest-control: 2nd Wednesday 09:00 Shanghai; 2026-11-11 is one. Its capacity here is 2.
const PEST = "pest-control:2026-11-11";
const EVE = new Date("2026-11-10T11:00:00.000Z"); // 19:00 the evening before
const STARTED = new Date("2026-11-11T02:00:00.000Z"); // 10:00, an hour after the start
const TZ = "Asia/Shanghai";

/**
 * The sign-up repository's contract, for any backend: capacity and a FIFO waitlist, promotion on a
 * cancellation and on /forgetme, attendance marks that change once, everything kept across a restart.
 * `catalog` is the real notices (`data/notices.json`); the suite narrows pest control to 2 places.
 */
export function describeSignupContract(name: string, catalog: () => Promise<NoticeCatalog>, make: MakeSignupBackend): void {
  describe(`sign-up repository contract (${name})`, () => {
    let backend: SignupBackend;
    let repo: SignupRepo;
    let notices: NoticeCatalog; // the catalog the backend reads: a test changes it as the office would
    const clock = { now: EVE };

    beforeEach(async () => {
      clock.now = EVE;
      const full = await catalog();
      notices = { ...full, notices: full.notices };
      pest((n) => ({ ...n, signup: { ...n.signup!, capacity: 2 } }));
      backend = await make({ catalog: notices, timezone: TZ, now: () => clock.now });
      repo = backend.repo;
    });
    afterEach(() => backend.close());

    const ids = (list: ReadonlyArray<{ userId: number }>) => list.map((e) => e.userId);
    /** Replaces the pest-control notice (the catalog's notices are replaced, never edited in place). */
    const pest = (change: (n: NoticeDef) => NoticeDef) => {
      notices.notices = notices.notices.map((n) => (n.id === "pest-control" ? change(n) : n));
    };

    it("confirms up to the capacity, then waitlists in the order people came", async () => {
      for (const u of [1, 2, 3, 4, 5]) await repo.join(u, PEST, "button");
      const s = await repo.summary(PEST);
      expect(ids(s.confirmed)).toEqual([1, 2]);
      expect(ids(s.waitlist)).toEqual([3, 4, 5]);
      expect(s.waitlist.map((e) => e.position)).toEqual([1, 2, 3]);
      expect(await repo.counts(PEST)).toEqual({ heads: 2, confirmed: 2, waiting: 3, capacity: 2 });
      const again = await repo.join(4, PEST, "text");
      expect(again).toMatchObject({ written: false, decision: { outcome: "already", waitlisted: true, position: 2 } });
    });

    it("promotes the first waiting person when a confirmed one cancels; a waiting one leaving promotes nobody", async () => {
      for (const u of [1, 2, 3, 4, 5]) await repo.join(u, PEST, "button");
      const first = await repo.cancel(1, PEST, "button");
      expect(first.outcome === "decided" && first.promoted).toEqual([{ occurrenceId: PEST, userId: 3, position: 2, headcount: 1 }]);
      const waiting = await repo.cancel(5, PEST, "text");
      expect(waiting).toMatchObject({ written: true, promoted: [], decision: { outcome: "cancelled", wasWaitlisted: true } });
      const none = await repo.cancel(5, PEST, "text");
      expect(none).toMatchObject({ written: false, decision: { outcome: "not-signed-up" } });
      expect(ids((await repo.summary(PEST)).confirmed)).toEqual([2, 3]);
      expect(ids((await repo.summary(PEST)).waitlist)).toEqual([4]);
    });

    it("keeps the rosters, the order and the waitlist across a restart", async () => {
      for (const u of [1, 2, 3, 4]) await repo.join(u, PEST, "button");
      await repo.cancel(2, PEST, "button");
      const before = await repo.summary(PEST);
      repo = await backend.reopen();
      expect(await repo.summary(PEST)).toEqual(before);
      expect(await repo.occurrenceIds()).toEqual([PEST]);
      expect((await repo.userRecord(3)).upcoming).toMatchObject([{ occurrenceId: PEST, waitlisted: false }]);
    });

    it("forgets a person: gone from every roster, the first waiting one promoted, also after a restart", async () => {
      for (const u of [1, 2, 3]) await repo.join(u, PEST, "button");
      const promoted = await backend.forget(1);
      expect(promoted).toEqual([{ occurrenceId: PEST, userId: 3, position: 2, headcount: 1 }]);
      expect(ids((await repo.summary(PEST)).confirmed)).toEqual([2, 3]);
      expect((await repo.userRecord(1)).upcoming).toEqual([]);
      repo = await backend.reopen();
      expect(ids((await repo.summary(PEST)).confirmed)).toEqual([2, 3]);
      expect(await repo.volunteerIds()).toEqual([2, 3]);
    });

    it("marks attendance once: a second mark or unmark changes nothing", async () => {
      await repo.join(1, PEST, "button");
      clock.now = STARTED;
      expect(await repo.markAttended(9, PEST, [1, 1, 2], true)).toEqual({ changed: [1, 2] });
      expect(await repo.markAttended(9, PEST, [1, 2], true)).toEqual({ changed: [] });
      expect((await repo.summary(PEST)).attended.map((a) => [a.userId, a.walkIn])).toEqual([[1, false], [2, true]]);
      expect(await repo.markAttended(9, PEST, [2], false)).toEqual({ changed: [2] });
      expect(await repo.markAttended(9, PEST, [2], false)).toEqual({ changed: [] });
      repo = await backend.reopen();
      const marks = await repo.attendanceMarks();
      expect(marks).toEqual([{ occurrenceId: PEST, userId: 1, heads: 1, walkIn: false, at: STARTED.toISOString(), by: 9 }]);
      expect((await repo.userRecord(1)).participation).toMatchObject({ occurrences: 1, personTimes: 1 });
    });

    it("a raised capacity promotes the waiting in order, and the roster stays so after a restart", async () => {
      for (const u of [1, 2, 3, 4, 5]) await repo.join(u, PEST, "button");
      pest((n) => ({ ...n, signup: { ...n.signup!, capacity: 4 } }));
      expect(await repo.capacityChanged("pest-control")).toEqual([
        { occurrenceId: PEST, userId: 3, position: 3, headcount: 1 },
        { occurrenceId: PEST, userId: 4, position: 4, headcount: 1 },
      ]);
      expect(await repo.capacityChanged("pest-control")).toEqual([]);
      repo = await backend.reopen();
      expect(ids((await repo.summary(PEST)).confirmed)).toEqual([1, 2, 3, 4]);
      expect(ids((await repo.summary(PEST)).waitlist)).toEqual([5]);
    });

    it("a moved date takes its roster along, positions and all; old buttons sign up for the new date", async () => {
      for (const u of [1, 2, 3]) await repo.join(u, PEST, "button");
      const moved = "pest-control:2026-11-12";
      pest((n) => withDateOverrides(n, { moves: [{ from: "2026-11-11", to: "2026-11-12", time: "09:00" }], skips: [] }));
      await repo.occurrenceMoved("pest-control", "2026-11-11", "2026-11-12");
      expect(await repo.join(4, PEST, "button")).toMatchObject({ occurrence: { occurrenceId: moved }, decision: { outcome: "waitlisted", position: 2 } });
      repo = await backend.reopen();
      const s = await repo.summary(moved);
      expect([ids(s.confirmed), ids(s.waitlist)]).toEqual([[1, 2], [3, 4]]);
      expect((await repo.userRecord(3)).upcoming).toMatchObject([{ occurrenceId: moved, waitlisted: true, position: 1 }]);
    });

    it("refuses what is not an occurrence, writing nothing", async () => {
      expect(await repo.join(1, "pest-control:2026-11-12", "button")).toEqual({ outcome: "unknown" });
      expect(await repo.cancel(1, "nope", "button")).toEqual({ outcome: "unknown" });
      expect(await repo.markAttended(9, "nope", [1], true)).toEqual({ changed: [] });
      expect(await repo.volunteerIds()).toEqual([]);
      expect(await repo.occurrenceIds()).toEqual([]);
    });

    it("remembers a live message once, and hands back copies", async () => {
      await repo.rememberLiveMessage(PEST, -100, 5);
      await repo.rememberLiveMessage(PEST, -100, 5);
      await repo.rememberLiveMessage(PEST, -200, 5);
      const list = await repo.liveMessages(PEST);
      expect(list).toEqual([{ chatId: -100, messageId: 5 }, { chatId: -200, messageId: 5 }]);
      (list as unknown as unknown[]).pop();
      expect(await repo.liveMessages(PEST)).toHaveLength(2);
      repo = await backend.reopen();
      expect(await repo.liveMessages(PEST)).toHaveLength(2);
    });
  });
}
