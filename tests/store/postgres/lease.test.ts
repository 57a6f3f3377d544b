/**
 * The leader lease on a real PostgreSQL: racing holders get one winner; a leader that stops renewing
 * is taken over after the ttl with epoch+1, and then its renew answers false and its fenced write is
 * refused (while the new leader's commits); release lets another take it at once.
 */
import { describe, expect, it, vi } from "vitest";
import type { PgDb } from "../../../src/store/postgres/database.js";
import { createPgLease, StaleLeaderError, type PgLease } from "../../../src/store/postgres/lease.js";
import { usePgCluster, usePgPools } from "../../helpers/pg-cluster.js";

// long enough that a loaded machine (a stall of a second between two calls) does not expire it early
const TTL = 1_500;

describe("PostgreSQL leader lease", () => {
  const pools = usePgPools(usePgCluster());

  /** A migrated database and `n` instances on it, each with its own pool. */
  async function instances(n: number, ttlMs = TTL): Promise<{ dbs: PgDb[]; leases: PgLease[] }> {
    const dbs = await pools(n, { max: 3 });
    return { dbs, leases: dbs.map((db, i) => createPgLease(db, { holder: `i${i}`, ttlMs })) };
  }

  /** A leader-only write: a schedule key, guarded by the lease. */
  const write = (db: PgDb, lease: PgLease, key: string) =>
    db.transaction().execute(async (trx) => {
      await lease.fenced(trx);
      await trx.insertInto("schedule_keys").values({ community: "c", key, at: new Date() }).execute();
    });

  it("eight instances racing for a free lease: exactly one wins, at epoch 1", async () => {
    const { leases } = await instances(8, 10_000);
    const epochs = await Promise.all(leases.map((l) => l.tryAcquire()));
    expect(epochs.filter((e) => e !== undefined)).toEqual([1]);
    const winner = leases[epochs.indexOf(1)]!;
    expect(await leases[0]!.current()).toEqual({ holder: winner.holder, epoch: 1, live: true });
    // and racing again while it is held changes nothing
    const again = await Promise.all(leases.filter((l) => l !== winner).map((l) => l.tryAcquire()));
    expect(again.every((e) => e === undefined)).toBe(true);
    expect(await winner.renew()).toBe(true);
  });

  it("a leader that stops renewing is taken over after the ttl with epoch+1; its renew and writes are refused", async () => {
    const { dbs, leases } = await instances(2);
    const [a, b] = leases as [PgLease, PgLease];
    expect(await a.tryAcquire()).toBe(1);
    await write(dbs[0]!, a, "by-a-1");
    const takenAt = Date.now();
    expect(await b.tryAcquire()).toBeUndefined(); // not before the ttl
    await vi.waitFor(async () => expect(await b.tryAcquire()).toBe(2), { timeout: 10_000, interval: 50 });
    expect(Date.now() - takenAt).toBeGreaterThanOrEqual(TTL - 50);

    await expect(write(dbs[0]!, a, "by-a-2")).rejects.toBeInstanceOf(StaleLeaderError);
    expect(await a.renew()).toBe(false);
    await expect(write(dbs[0]!, a, "by-a-3")).rejects.toThrow(/no longer holds the "leader" lease/);
    await write(dbs[1]!, b, "by-b");
    const keys = await dbs[1]!.selectFrom("schedule_keys").select("key").orderBy("key").execute();
    expect(keys.map((k) => k.key)).toEqual(["by-a-1", "by-b"]);
  });

  it("renewing keeps the lease past its ttl; a follower never gets it meanwhile", async () => {
    const { leases } = await instances(2);
    const [a, b] = leases as [PgLease, PgLease];
    expect(await a.tryAcquire()).toBe(1);
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, TTL / 3));
      expect(await a.renew()).toBe(true);
      expect(await b.tryAcquire()).toBeUndefined();
    }
  });

  it("a takeover waits for the stale leader's fenced write in flight (FOR SHARE), then bumps the epoch", async () => {
    const { dbs, leases } = await instances(2);
    const [a, b] = leases as [PgLease, PgLease];
    await a.tryAcquire();
    let taken: Promise<number | undefined> | undefined;
    await dbs[0]!.transaction().execute(async (trx) => {
      await a.fenced(trx); // still ours: the write goes ahead…
      await new Promise((r) => setTimeout(r, TTL + 100)); // …while the lease expires under it
      taken = b.tryAcquire();
      await new Promise((r) => setTimeout(r, 100));
      const state = await dbs[1]!.selectFrom("leases").select("epoch").executeTakeFirst();
      expect(state?.epoch).toBe(1); // the takeover is blocked behind our row lock
      await trx.insertInto("schedule_keys").values({ community: "c", key: "in-flight", at: new Date() }).execute();
    });
    expect(await taken).toBe(2);
  });

  it("release lets another instance take the lease at once, and the releaser's writes are refused", async () => {
    const { dbs, leases } = await instances(2, 60_000);
    const [a, b] = leases as [PgLease, PgLease];
    expect(await a.tryAcquire()).toBe(1);
    await a.release();
    expect(await b.tryAcquire()).toBe(2);
    await expect(write(dbs[0]!, a, "late")).rejects.toBeInstanceOf(StaleLeaderError);
    expect(await a.renew()).toBe(false);
  });
});
