/**
 * The PostgreSQL backend of the contract suites: a fresh database per handle (migrated), `reopen`
 * ends the pool and opens a new one on the same database, `atRest` dumps every table's rows as text.
 */
import { sql } from "kysely";
import { createPgDatabase, type PgDb } from "../../../src/store/postgres/database.js";
import { createPgCampaignRepo } from "../../../src/store/postgres/campaign-pg.js";
import { createPgChatsRepo } from "../../../src/store/postgres/chats-pg.js";
import { createPgDeliveriesRepo } from "../../../src/store/postgres/deliveries-pg.js";
import { migrateToLatest } from "../../../src/store/postgres/migrations.js";
import { createPgOutboxRepo } from "../../../src/store/postgres/outbox-pg.js";
import { createPgScheduleKeys, createPgUpdatesRepo } from "../../../src/store/postgres/updates-pg.js";
import { createPgUsersRepo } from "../../../src/store/postgres/users-pg.js";
import type { BackendHandle } from "./harness.js";

const COMMUNITY = "test";

export async function makePgBackend(freshDatabase: () => Promise<string>): Promise<BackendHandle> {
  const url = await freshDatabase();
  let db: PgDb = createPgDatabase(url);
  await migrateToLatest(db);
  let closed = false;
  return {
    outbox: (now) => createPgOutboxRepo(db, COMMUNITY, now),
    deliveries: () => createPgDeliveriesRepo(db, COMMUNITY),
    chats: (now) => createPgChatsRepo(db, COMMUNITY, now),
    updates: () => createPgUpdatesRepo(db, COMMUNITY),
    scheduleKeys: () => createPgScheduleKeys(db, COMMUNITY),
    campaign: ({ now, ...options }) => createPgCampaignRepo(db, COMMUNITY, now, options),
    users: (now) => createPgUsersRepo(db, COMMUNITY, now),
    async reopen() {
      await db.destroy();
      db = createPgDatabase(url);
    },
    async atRest() {
      const tables = await sql<{ t: string }>`
        SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(db);
      const parts: string[] = [];
      for (const { t } of tables.rows) {
        const rows = await sql<{ j: string }>`SELECT row_to_json(x)::text AS j FROM ${sql.table(t)} x`.execute(db);
        parts.push(`${t}\n${rows.rows.map((r) => r.j).sort().join("\n")}`);
      }
      return parts.join("\n");
    },
    async dispose() {
      if (!closed) await db.destroy();
      closed = true;
    },
  };
}
