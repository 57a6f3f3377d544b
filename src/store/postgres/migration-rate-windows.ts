/** The flood limit's windows, shared by a community's instances (rate-windows-pg.ts); UNLOGGED. */
import { sql, type Kysely, type Migration } from "kysely";

export const rateWindowsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE UNLOGGED TABLE rate_windows (
        community text NOT NULL, key text NOT NULL, hits integer NOT NULL, until_ms bigint NOT NULL,
        PRIMARY KEY (community, key))`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE rate_windows`.execute(db);
  },
};
