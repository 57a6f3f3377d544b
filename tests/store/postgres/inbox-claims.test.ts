/**
 * The webhook inbox's claims on PostgreSQL with several instances (pools, holders) on one database:
 * an update kept by a live instance is never taken by another's sweep or start; a claim not renewed
 * for the ttl (its owner died) is taken over by exactly one of the instances sweeping at once; the
 * dead owner, if it was only stalled, cannot renew it back. The clock is the database's: a test moves
 * a claim into the past instead of waiting.
 */
import type { Update } from "grammy/types";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { PgDb } from "../../../src/store/postgres/database.js";
import { createPgUpdatesRepo, INBOX_CLAIM_TTL_MS } from "../../../src/store/postgres/updates-pg.js";
import { usePgCluster, usePgPools } from "../../helpers/pg-cluster.js";

const C = "west";
const update = (id: number): Update => ({
  update_id: id,
  message: { message_id: id, date: 0, chat: { id: 5, type: "private", first_name: "A" }, from: { id: 5, is_bot: false, first_name: "A" }, text: "/start" },
});
/** Moves every claim `ms` into the past (as if that much time passed without a renewal). */
const age = (db: PgDb, ms: number) => sql`UPDATE inbox SET claimed_at = claimed_at - ${ms} * interval '1 millisecond'`.execute(db);
const owners = async (db: PgDb) =>
  (await db.selectFrom("inbox").select(["update_id", "owner"]).orderBy("update_id").execute()).map((r) => `${r.update_id}:${r.owner}`);

describe("inbox claims across instances", () => {
  const pools = usePgPools(usePgCluster());

  it("a live instance's updates are left alone; a dead one's are taken over by exactly one instance", async () => {
    const [da, db, dc] = (await pools(3)) as [PgDb, PgDb, PgDb];
    const [a, b, c] = [createPgUpdatesRepo(da, C, { holder: "A" }), createPgUpdatesRepo(db, C, { holder: "B" }), createPgUpdatesRepo(dc, C, { holder: "C" })];
    expect(await a.keepInInbox(update(1))).toBe(true);
    expect(await a.keepInInbox(update(2))).toBe(true);
    expect(await b.keepInInbox(update(1))).toBe(false); // the same update posted to B: A handles it
    // B starts, C sweeps: A is alive (its claims are fresh), nothing is taken
    expect(await b.claimInbox()).toEqual([]);
    expect(await c.claimInbox()).toEqual([]);
    // A handles slowly but renews: still its own after more than the ttl in all
    await age(da, INBOX_CLAIM_TTL_MS - 5_000);
    await a.renewClaims([1, 2]);
    await age(da, INBOX_CLAIM_TTL_MS - 5_000);
    expect(await b.claimInbox()).toEqual([]);
    expect(await owners(da)).toEqual(["1:A", "2:A"]);
    // A died: no renewal for the ttl; B and C sweep at once, each update goes to one of them
    await age(da, 10_000);
    const [byB, byC] = await Promise.all([b.claimInbox(), c.claimInbox()]);
    const taken = [...byB, ...byC].map((u) => u.update_id).sort();
    expect(taken).toEqual([1, 2]);
    // a stalled A waking up cannot renew them back, nor take them again
    await a.renewClaims([1, 2]);
    expect((await owners(da)).every((o) => !o.endsWith(":A"))).toBe(true);
    expect(await a.claimInbox()).toEqual([]);
    // another community's instance never sees them
    expect(await createPgUpdatesRepo(db, "east", { holder: "E" }).claimInbox()).toEqual([]);
  });

  it("many instances sweeping an expired inbox at once: every update is taken exactly once", async () => {
    const dbs = await pools(4);
    const repos = dbs.map((d, i) => createPgUpdatesRepo(d, C, { holder: `I${i}` }));
    const dead = createPgUpdatesRepo(dbs[0]!, C, { holder: "dead" });
    for (let id = 100; id < 160; id++) await dead.keepInInbox(update(id));
    await age(dbs[0]!, INBOX_CLAIM_TTL_MS + 1);
    const rounds = await Promise.all(repos.flatMap((r) => [r.claimInbox(), r.claimInbox()]));
    const ids = rounds.flat().map((u) => u.update_id).sort((x, y) => x - y);
    expect(ids).toEqual(Array.from({ length: 60 }, (_, i) => 100 + i));
  });

  it("rows kept before the claims existed (no owner) and imported ones are taken at the first start", async () => {
    const [d] = (await pools(1)) as [PgDb];
    await d.insertInto("inbox").values({ community: C, update_id: 5, body: JSON.stringify(update(5)), owner: null, claimed_at: new Date(0) }).execute();
    expect((await createPgUpdatesRepo(d, C, { holder: "A" }).claimInbox()).map((u) => u.update_id)).toEqual([5]);
  });
});
