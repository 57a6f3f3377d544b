/**
 * A connection that dies while idle in the pool (PostgreSQL restarted, a firewall dropped it) must
 * not take the process down: the pool drops it, the listener hears of it, the next query works.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createPgDatabase } from "../../../src/store/postgres/database.js";
import { usePgCluster } from "../../helpers/pg-cluster.js";

const cluster = usePgCluster();

describe("an idle connection that dies", () => {
  it("is reported and replaced, not thrown out of the process", async () => {
    const url = await cluster.freshDatabase();
    const heard: Error[] = [];
    const db = createPgDatabase(url, { max: 1, onIdleError: (err) => heard.push(err) });
    try {
      const pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]!.pid;
      // another session ends ours while it sits idle in the pool
      const killer = createPgDatabase(url, { max: 1 });
      await sql`SELECT pg_terminate_backend(${pid})`.execute(killer);
      await killer.destroy();
      await expect.poll(() => heard.length, { timeout: 10_000 }).toBe(1);
      const again = (await sql<{ one: number }>`SELECT 1 AS one`.execute(db)).rows[0]?.one;
      expect(again).toBe(1);
    } finally {
      await db.destroy();
    }
  });
});
