/**
 * The PostgreSQL backend of the contract suites: a fresh database per handle (migrated), `reopen`
 * ends the pool and opens a new one on the same database, `atRest` dumps every table's rows as text.
 */
import { sql } from "kysely";
import { createPgDatabase, type PgDb } from "../../../src/store/postgres/database.js";
import { createPgAudienceRepo } from "../../../src/store/postgres/audience-pg.js";
import { createPgCampaignRepo } from "../../../src/store/postgres/campaign-pg.js";
import { createPgChatsRepo } from "../../../src/store/postgres/chats-pg.js";
import { createPgCompoundsRepo } from "../../../src/store/postgres/compounds-pg.js";
import { createPgDateOverridesRepo } from "../../../src/store/postgres/date-overrides-pg.js";
import { createPgBulletinRepo } from "../../../src/store/postgres/bulletins-pg.js";
import { createPgNoticesRepo } from "../../../src/store/postgres/notices-pg.js";
import { createPgDraftsRepo } from "../../../src/store/postgres/drafts-pg.js";
import { createPgScheduledRepo } from "../../../src/store/postgres/scheduled-pg.js";
import { createPgConversationRepo } from "../../../src/store/postgres/conversations-pg.js";
import { createPgSurveyRepo } from "../../../src/store/postgres/survey-pg.js";
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
  let opened = 1;
  return {
    outbox: (now) => createPgOutboxRepo(db, COMMUNITY, now),
    deliveries: () => createPgDeliveriesRepo(db, COMMUNITY),
    chats: (now) => createPgChatsRepo(db, COMMUNITY, now),
    // a reopen is another process: another holder of inbox claims
    updates: () => createPgUpdatesRepo(db, COMMUNITY, { holder: `contract-${opened}` }),
    scheduleKeys: () => createPgScheduleKeys(db, COMMUNITY),
    compounds: (seeded, now) => createPgCompoundsRepo(db, COMMUNITY, seeded, now),
    scheduled: (now) => createPgScheduledRepo(db, COMMUNITY, now),
    dateOverrides: (catalog, now) => createPgDateOverridesRepo(db, COMMUNITY, catalog, now),
    drafts: (now, ttlMs) => createPgDraftsRepo(db, COMMUNITY, now, ttlMs),
    notices: (catalog, decorate) => createPgNoticesRepo(db, COMMUNITY, catalog, decorate),
    bulletins: (catalog, now) => createPgBulletinRepo(db, COMMUNITY, catalog, now),
    async seedUser(id, firstName) {
      await db.insertInto("users").values({ community: COMMUNITY, id, first_name: firstName, seen_at: new Date(0) }).execute();
    },
    get pgDb() {
      return db;
    },
    audience: () => createPgAudienceRepo(db, COMMUNITY),
    conversations: () => createPgConversationRepo(db, COMMUNITY),
    surveys: ({ now, ...options }) => createPgSurveyRepo(db, COMMUNITY, now, options),
    campaign: ({ now, ...options }) => createPgCampaignRepo(db, COMMUNITY, now, options),
    users: (now) => createPgUsersRepo(db, COMMUNITY, now),
    async reopen() {
      await db.destroy();
      db = createPgDatabase(url);
      opened++;
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
