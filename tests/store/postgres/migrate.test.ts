/**
 * Schema migrations: two instances migrating one database at once both succeed and apply it once
 * (the migrator's advisory lock); `npm run db:migrate` does it from DATABASE_URL and refuses clearly
 * without one; every table has a community column.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createPgDatabase } from "../../../src/store/postgres/database.js";
import { migrateToLatest, migrations } from "../../../src/store/postgres/migrations.js";
import { usePgCluster } from "../../helpers/pg-cluster.js";

const run = promisify(execFile);
const script = ["--import", "tsx", "scripts/db-migrate.ts"];

describe("PostgreSQL migrations", () => {
  const pg = usePgCluster();

  it("two instances migrating at once: both succeed, each migration applied exactly once", async () => {
    const url = await pg.freshDatabase();
    const a = createPgDatabase(url);
    const b = createPgDatabase(url);
    try {
      const [ra, rb] = await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
      expect([...ra, ...rb].sort()).toEqual(Object.keys(migrations).sort());
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM kysely_migration`.execute(a);
      expect(rows[0]?.n).toBe(Object.keys(migrations).length);
      expect(await migrateToLatest(a)).toEqual([]);
      const noCommunity = await sql<{ t: string }>`
        SELECT t.table_name AS t FROM information_schema.tables t
        WHERE t.table_schema = 'public' AND t.table_name NOT LIKE 'kysely%'
          AND NOT EXISTS (SELECT 1 FROM information_schema.columns c
                          WHERE c.table_name = t.table_name AND c.column_name = 'community')`.execute(a);
      expect(noCommunity.rows).toEqual([]);
    } finally {
      await a.destroy();
      await b.destroy();
    }
  });

  it("npm run db:migrate migrates DATABASE_URL, and says what is missing without it", async () => {
    const url = await pg.freshDatabase();
    const env = { ...process.env, DATABASE_URL: url };
    const first = await run(process.execPath, script, { env });
    expect(first.stdout).toContain(`applied ${Object.keys(migrations).sort().join(", ")}`);
    const again = await run(process.execPath, script, { env });
    expect(again.stdout).toContain("up to date");
    const { DATABASE_URL: _drop, ...without } = env;
    const err = await run(process.execPath, script, { env: without }).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toContain("DATABASE_URL is not set");
  }, 60_000);
});
