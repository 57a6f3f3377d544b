/**
 * Leadership over the PostgreSQL lease, the loop driven by hand (injected timers, no fixed sleeps
 * except waiting out a short ttl): one of two instances leads; when the leader's database goes away
 * it steps down once its lease may have expired, and the other takes over with epoch+1, telling
 * onChange; stop() gives the lease up so the other leads at its next round.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPgDatabase, type PgDb } from "../../../src/store/postgres/database.js";
import { createPgLease } from "../../../src/store/postgres/lease.js";
import { migrateToLatest } from "../../../src/store/postgres/migrations.js";
import { createPgLeadership, pgPollingDecision, type LeaderTimers } from "../../../src/store/postgres/pg-leadership.js";
import { usePgCluster } from "../../helpers/pg-cluster.js";

const TTL = 400;

/** Timers the test fires by hand, with a clock it moves. */
function manualTimers(): LeaderTimers & { pending: number; advance(ms: number): void } {
  let t = 0;
  const fns = new Set<() => void>();
  return {
    schedule(fn) {
      fns.add(fn);
      return () => void fns.delete(fn);
    },
    now: () => t,
    get pending() {
      return fns.size;
    },
    advance(ms) {
      t += ms;
    },
  };
}

describe("PostgreSQL leadership", () => {
  const pg = usePgCluster();
  const open: PgDb[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.destroy().catch(() => undefined)));
  });

  async function two() {
    const url = await pg.freshDatabase();
    const dbs = [createPgDatabase(url, { max: 2 }), createPgDatabase(url, { max: 2 })] as const;
    open.push(...dbs);
    await migrateToLatest(dbs[0]);
    const timers = [manualTimers(), manualTimers()] as const;
    const errors: unknown[] = [];
    const make = (i: 0 | 1) =>
      createPgLeadership({
        lease: createPgLease(dbs[i], { holder: `i${i}`, ttlMs: TTL }),
        renewEveryMs: TTL / 4,
        timers: timers[i],
        onError: (e) => errors.push(e),
      });
    return { dbs, timers, errors, a: make(0), b: make(1) };
  }

  it("one leads; when its database goes, it steps down after the ttl and the other takes over", async () => {
    const { dbs, timers, errors, a, b } = await two();
    const changes: string[] = [];
    a.onChange((l) => changes.push(`a:${l}`));
    b.onChange((l) => changes.push(`b:${l}`));
    await a.start();
    await b.start();
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    expect(timers[0].pending).toBe(1); // the renew loop is armed
    await a.tick();
    await b.tick();
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);

    await dbs[0].destroy(); // the leader loses its database: its renews fail
    timers[0].advance(TTL / 2);
    await a.tick();
    expect(a.isLeader()).toBe(true); // not yet: its lease may still be live
    expect(errors).toHaveLength(1);
    timers[0].advance(TTL / 2);
    await a.tick();
    expect(a.isLeader()).toBe(false);

    await vi.waitFor(async () => {
      await b.tick();
      expect(b.isLeader()).toBe(true);
    }, { timeout: 5_000, interval: 50 });
    expect(changes).toEqual(["a:true", "a:false", "b:true"]);
    const row = await dbs[1].selectFrom("leases").select(["holder", "epoch"]).executeTakeFirst();
    expect(row).toEqual({ holder: "i1", epoch: 2 });
    await b.stop();
  });

  it("a leader whose renew answers false (taken over) steps down at once; stop() releases", async () => {
    const { dbs, a, b } = await two();
    await a.start();
    await b.start();
    await dbs[1].updateTable("leases").set({ holder: "intruder", epoch: 9 }).execute();
    await a.tick();
    expect(a.isLeader()).toBe(false);
    await dbs[1].updateTable("leases").set({ holder: "i0", epoch: 9 }).execute(); // give it back
    await a.tick(); // a holds it again (its own holder), at a new epoch
    expect(a.isLeader()).toBe(true);
    await a.stop();
    expect(a.isLeader()).toBe(false);
    await b.tick(); // released: no need to wait out the ttl
    expect(b.isLeader()).toBe(true);
    expect((await dbs[1].selectFrom("leases").select("epoch").executeTakeFirst())?.epoch).toBe(11);
    await b.stop();
  });

  it("polling on PostgreSQL: allowed for the lease holder, refused naming the other live holder", async () => {
    const { dbs } = await two();
    const first = createPgLease(dbs[0], { holder: "poller-1", ttlMs: 60_000 });
    const second = createPgLease(dbs[1], { holder: "poller-2", ttlMs: 60_000 });
    expect(await pgPollingDecision(first)).toEqual({ ok: true });
    const refused = await pgPollingDecision(second);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/another instance \(poller-1\) holds the leader lease.*webhook mode/);
    await first.release();
    expect(await pgPollingDecision(second)).toEqual({ ok: true });
  });

  it("refuses a renew interval not shorter than the ttl", async () => {
    const { dbs } = await two();
    const lease = createPgLease(dbs[0], { holder: "x", ttlMs: 1000 });
    expect(() => createPgLeadership({ lease, renewEveryMs: 1000 })).toThrow(/shorter than the lease ttl/);
  });
});
