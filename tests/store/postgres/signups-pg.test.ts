/**
 * The PostgreSQL sign-up repository against the JSON store's: one script of presses (joins, parties
 * that grow and shrink, "+N", cancellations, attendance, /forgetme) run on both gives the same answers
 * and the same rosters, records, marks and export log. And the reminders a chat received: kept for
 * subscribers only, the newest 8, one entry per message.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { NoticeCatalog } from "../../../src/domain/notice.js";
import { openStore } from "../../../src/store/engine/store.js";
import { loadNoticeCatalog } from "../../../src/store/notice-catalog.js";
import { createPgChatsRepo } from "../../../src/store/postgres/chats-pg.js";
import { createPgDatabase, type PgDb } from "../../../src/store/postgres/database.js";
import { migrateToLatest } from "../../../src/store/postgres/migrations.js";
import { createPgSignupRepo } from "../../../src/store/postgres/signups-pg.js";
import { createSignupRepo, type SignupRepo } from "../../../src/store/signup-repo.js";
import { forgetUser } from "../../../src/store/users.js";
import { usePgCluster } from "../../helpers/pg-cluster.js";

const PEST = "pest-control:2026-11-11"; // capacity 4 here
const CLEAN = "cleanup-day:2026-11-28"; // unlimited
const TZ = "Asia/Shanghai";
const pg = usePgCluster();

async function fourPlaces(): Promise<NoticeCatalog> {
  const full = await loadNoticeCatalog("data");
  return { ...full, notices: full.notices.map((n) => (n.id === "pest-control" && n.signup ? { ...n, signup: { ...n.signup, capacity: 4 } } : n)) };
}

/** A small seeded generator (mulberry32): the same script on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("PostgreSQL sign-up repository", () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0)) await f();
  });
  const pgDb = async (): Promise<PgDb> => {
    const db = createPgDatabase(await pg.freshDatabase());
    cleanup.push(() => db.destroy());
    await migrateToLatest(db);
    return db;
  };

  it("answers and keeps exactly what the JSON store does for one script of presses", async () => {
    const catalog = await fourPlaces();
    const clock = { now: new Date("2026-11-05T02:00:00.000Z") };
    const options = { catalog, timezone: TZ, now: () => clock.now };
    const dir = await mkdtemp(join(tmpdir(), "signups-eq-"));
    const store = await openStore({ file: join(dir, "db.json"), keepBackup: false });
    cleanup.push(async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    });
    const json = await createSignupRepo({ store, ...options });
    const pgRepo = createPgSignupRepo(await pgDb(), "test", options);
    const both = async <T>(f: (r: SignupRepo) => Promise<T>): Promise<T> => {
      const [a, b] = [await f(json), await f(pgRepo)];
      expect(b).toEqual(a);
      return a;
    };
    const forget = async (userId: number) => {
      await forgetUser(store, userId, false);
      expect(await pgRepo.forget(userId)).toEqual(await json.forget(userId));
    };

    const rnd = random(16);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    for (let step = 0; step < 240; step++) {
      clock.now = new Date(clock.now.getTime() + 60_000);
      // drawn before `both`: its callback runs once per backend
      const [u, occ, r, via, heads] = [1 + Math.floor(rnd() * 12), pick([PEST, CLEAN]), rnd(), pick(["button", "text"] as const), 1 + Math.floor(rnd() * 4)];
      if (r < 0.45) await both((x) => x.join(u, occ, via));
      else if (r < 0.6) await both((x) => x.join(u, occ, "text", heads));
      else if (r < 0.65) await both((x) => x.join(u, occ, "text", 1, true));
      else if (r < 0.97) await both((x) => x.cancel(u, occ, "button"));
      else await forget(u);
    }
    clock.now = new Date("2026-11-28T02:00:00.000Z"); // both have started: attendance
    for (let step = 0; step < 40; step++) {
      const [users, occ, attended] = [[1 + Math.floor(rnd() * 14), 1 + Math.floor(rnd() * 14)], pick([PEST, CLEAN]), rnd() < 0.75];
      await both((x) => x.markAttended(99, occ, users, attended));
    }
    await forget(3);

    for (const occ of [PEST, CLEAN]) {
      await both((x) => x.summary(occ));
      await both((x) => x.counts(occ));
    }
    clock.now = new Date("2026-11-01T00:00:00.000Z"); // so /my lists upcoming places too
    for (let u = 1; u <= 14; u++) await both((x) => x.userRecord(u));
    await both((x) => x.attendanceMarks());
    await both((x) => x.volunteerIds());
    const log = async (x: SignupRepo) => {
      const out: unknown[] = [];
      await x.replayEvents(({ seq: _seq, ...e }) => out.push(e));
      return out;
    };
    expect((await both(log)).length).toBeGreaterThan(100);

    // the staff member who marked is forgotten: their id leaves the marks and the log at once
    // (the JSON store's book keeps it on marks until the pruned log is folded again at a restart)
    expect(await pgRepo.forget(99)).toEqual([]);
    expect((await pgRepo.attendanceMarks()).filter((m) => m.by !== undefined)).toEqual([]);
    expect((await log(pgRepo)).filter((e) => JSON.stringify(e).includes('"by"'))).toEqual([]);
  }, 120_000);

  it("keeps communities apart on one database: another community's rosters, marks, log and places are its own", async () => {
    const db = await pgDb();
    const clock = { now: new Date("2026-11-10T11:00:00.000Z") };
    const options = { catalog: await fourPlaces(), timezone: TZ, now: () => clock.now };
    const [east, west] = [createPgSignupRepo(db, "east", options), createPgSignupRepo(db, "west", options)];
    for (const u of [1, 2, 3, 4, 5]) await east.join(u, PEST, "button");
    await east.rememberLiveMessage(PEST, -100, 1);
    clock.now = new Date("2026-11-11T02:00:00.000Z");
    await east.markAttended(9, PEST, [1, 6], true);
    // the same person, the same date: a place of their own in the other community
    clock.now = new Date("2026-11-10T11:00:00.000Z");
    expect(await west.join(5, PEST, "button")).toMatchObject({ decision: { outcome: "joined", position: 1 } });
    expect(await west.counts(PEST)).toEqual({ heads: 1, confirmed: 1, waiting: 0, capacity: 4 });
    expect(await west.volunteerIds()).toEqual([5]);
    expect(await west.occurrenceIds()).toEqual([PEST]);
    expect(await west.attendanceMarks()).toEqual([]);
    expect(await west.liveMessages(PEST)).toEqual([]);
    const logged: number[] = [];
    await west.replayEvents((e) => logged.push(e.userId));
    expect(logged).toEqual([5]);
    expect(await west.forget(1)).toEqual([]);
    expect((await east.summary(PEST)).confirmed.map((e) => e.userId)).toEqual([1, 2, 3, 4]);
    expect((await east.userRecord(1)).participation).toEqual({ occurrences: 1, personTimes: 1 });
  });

  it("streams a log longer than one page, oldest first, every event once", async () => {
    const db = await pgDb();
    await sql`INSERT INTO signup_events (community, at, user_id, occurrence_id, type, via)
      SELECT 'test', now(), n, ${PEST}, 'join', 'button' FROM generate_series(1, 12001) AS n`.execute(db);
    const repo = createPgSignupRepo(db, "test", { catalog: await fourPlaces(), timezone: TZ, now: () => new Date() });
    const seen: number[] = [];
    await repo.replayEvents((e) => seen.push(e.userId));
    expect(seen).toEqual(Array.from({ length: 12001 }, (_, i) => i + 1));
  });

  it("remembers the reminders a subscribed chat received: the newest 8, one entry per message", async () => {
    const db = await pgDb();
    const at = new Date("2026-11-10T11:00:00.000Z");
    const repo = createPgSignupRepo(db, "test", { catalog: await fourPlaces(), timezone: TZ, now: () => at });
    await repo.recordReceived(77, PEST, 1, at); // not a subscriber: nothing kept
    expect(await repo.receivedIn(77)).toEqual([]);
    await createPgChatsRepo(db, "test", () => at).subscribe({ id: 77, type: "private" });
    for (let m = 1; m <= 10; m++) await repo.recordReceived(77, PEST, m, new Date(at.getTime() + m * 1000));
    await repo.recordReceived(77, PEST, 10, new Date(at.getTime() + 20_000));
    const kept = await repo.receivedIn(77);
    expect(kept.map((r) => r.m)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(kept.at(-1)).toEqual({ o: PEST, m: 10, at: new Date(at.getTime() + 20_000).toISOString() });
    expect(await createPgSignupRepo(db, "other", { catalog: await fourPlaces(), timezone: TZ, now: () => at }).receivedIn(77)).toEqual([]);
  });
});
