/**
 * The campaign's and the users' repositories on PostgreSQL (a migration of its own, listed in
 * migrations.ts): records keep their insertion order (`seq`: "oldest first", and the last staff
 * record to undo), a per-community state row (seeded once, the staff id counter, the figures'
 * version, and the lock every campaign write takes), running buckets (what /progress reads instead
 * of the records), and the order roles were granted in.
 */
import { sql, type Kysely, type Migration } from "kysely";

export const m005CampaignUsers: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      ALTER TABLE campaign_records ADD COLUMN seq bigserial NOT NULL;
      CREATE INDEX campaign_records_order ON campaign_records (community, seq);
      CREATE INDEX campaign_records_recent ON campaign_records (community, metric_id, at DESC, seq);
      CREATE INDEX campaign_records_staff ON campaign_records (community, by, seq) WHERE source = 'staff';
      CREATE INDEX campaign_records_by ON campaign_records (community, by) WHERE by IS NOT NULL;
      CREATE TABLE campaign_state (
        community text NOT NULL PRIMARY KEY, seeded boolean NOT NULL DEFAULT false,
        next_id bigint NOT NULL DEFAULT 1, version bigint NOT NULL DEFAULT 0);
      CREATE TABLE campaign_buckets (
        community text NOT NULL, metric_id text NOT NULL, span text NOT NULL, key text NOT NULL,
        amount double precision NOT NULL, surveyed double precision NOT NULL, aware double precision NOT NULL,
        count bigint NOT NULL, marked double precision NOT NULL, counts bigint NOT NULL,
        PRIMARY KEY (community, metric_id, span, key));
      ALTER TABLE roles ADD COLUMN seq bigserial NOT NULL;
    `.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`
      ALTER TABLE roles DROP COLUMN seq;
      DROP TABLE campaign_buckets, campaign_state;
      DROP INDEX campaign_records_order, campaign_records_recent, campaign_records_staff, campaign_records_by;
      ALTER TABLE campaign_records DROP COLUMN seq;
    `.execute(db);
  },
};
