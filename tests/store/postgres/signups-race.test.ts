/**
 * Issue 16's sign-up race on PostgreSQL: 200 volunteers press 报名 at once for a 20-place date,
 * through two repository instances with a pool each (two bot instances) on one database. Each
 * decision holds its occurrence's row lock, so exactly 20 are confirmed, nobody twice, the other
 * 180 wait in the order their transactions committed (the place each was told is the place it
 * keeps, and the log lists them in that order), and cancellations promote from the front, in order.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { NoticeCatalog } from "../../../src/domain/notice.js";
import { loadNoticeCatalog } from "../../../src/store/notice-catalog.js";
import { createPgDatabase, type PgDb } from "../../../src/store/postgres/database.js";
import { migrateToLatest } from "../../../src/store/postgres/migrations.js";
import { createPgSignupRepo } from "../../../src/store/postgres/signups-pg.js";
import type { JoinResult } from "../../../src/store/signup-repo.js";
import { usePgCluster } from "../../helpers/pg-cluster.js";

const PEST = "pest-control:2026-11-11"; // a 2nd Wednesday, 09:00 Shanghai
const EVE = new Date("2026-11-10T11:00:00.000Z");
const pg = usePgCluster();

async function twentyPlaces(): Promise<NoticeCatalog> {
  const full = await loadNoticeCatalog("data");
  return { ...full, notices: full.notices.map((n) => (n.id === "pest-control" && n.signup ? { ...n, signup: { ...n.signup, capacity: 20 } } : n)) };
}

/** The place a join was told, as "c3" (third confirmed) or "w7" (seventh waiting). */
const told = (r: JoinResult): string => {
  if (r.outcome !== "decided" || !r.written) throw new Error(`not written: ${JSON.stringify(r)}`);
  const d = r.decision;
  if (d.outcome !== "joined" && d.outcome !== "waitlisted") throw new Error(`unexpected ${d.outcome}`);
  return `${d.outcome === "joined" ? "c" : "w"}${d.position}`;
};

describe("PostgreSQL sign-ups under a race of two instances", () => {
  const pools: PgDb[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((db) => db.destroy()));
  });

  it("200 concurrent sign-ups for 20 places over two pools: exactly 20 confirmed, the waitlist in commit order, no doubles", async () => {
    const url = await pg.freshDatabase();
    const [a, b] = [createPgDatabase(url), createPgDatabase(url)];
    pools.push(a, b);
    await migrateToLatest(a);
    const catalog = await twentyPlaces();
    const options = { catalog, timezone: "Asia/Shanghai", now: () => EVE };
    const repos = [createPgSignupRepo(a, "test", options), createPgSignupRepo(b, "test", options)] as const;

    const users = Array.from({ length: 200 }, (_, i) => 1000 + i);
    const results = await Promise.all(users.map((u, i) => repos[i % 2]!.join(u, PEST, "button")));
    const place = new Map(users.map((u, i) => [told(results[i]!), u]));
    // every place told once: c1..c20 and w1..w180, so no two transactions saw the same roster
    expect(place.size).toBe(200);

    const s = await repos[0].summary(PEST);
    const confirmed = s.confirmed.map((e) => e.userId);
    const waiting = s.waitlist.map((e) => e.userId);
    expect(confirmed).toHaveLength(20);
    expect(s.heads).toBe(20);
    expect(waiting).toHaveLength(180);
    expect(new Set([...confirmed, ...waiting]).size).toBe(200);
    // each keeps the place it was told when its transaction committed
    expect(confirmed).toEqual(Array.from({ length: 20 }, (_, i) => place.get(`c${i + 1}`)));
    expect(waiting).toEqual(Array.from({ length: 180 }, (_, i) => place.get(`w${i + 1}`)));
    // the log, numbered under the same lock, lists the sign-ups in that order too
    const logged: number[] = [];
    await repos[1].replayEvents((e) => logged.push(e.userId));
    expect(logged).toEqual([...confirmed, ...waiting]);
    expect(await repos[1].counts(PEST)).toEqual({ heads: 20, confirmed: 20, waiting: 180, capacity: 20 });

    // three confirmed cancel at once, over both instances: the first three waiting move up, in order
    const gone = confirmed.slice(0, 3);
    const cancels = await Promise.all(gone.map((u, i) => repos[i % 2]!.cancel(u, PEST, "button")));
    const promoted = cancels.flatMap((c) => (c.outcome === "decided" ? c.promoted : []));
    expect(promoted.map((p) => p.position)).toEqual([20, 20, 20]);
    const after = await repos[1].summary(PEST);
    expect(after.confirmed.map((e) => e.userId)).toEqual([...confirmed.slice(3), ...waiting.slice(0, 3)]);
    expect(new Set(promoted.map((p) => p.userId))).toEqual(new Set(waiting.slice(0, 3)));
    expect(after.waitlist.map((e) => e.userId)).toEqual(waiting.slice(3));
  }, 60_000);
});
