/**
 * Migration "instances": what several instances on one database need beyond the leader lease.
 * - `inbox.owner`, `inbox.claimed_at`: a webhook update kept in the inbox is claimed by the
 *   instance that keeps it (its holder id, as the lease's) until `claimed_at` plus the claim's ttl;
 *   the owner renews it while it handles the update, and any instance takes over a claim that expired
 *   (its owner died). Rows kept before this migration (no owner) count as expired at once.
 * - `live_count_marks`: occurrences whose sign-up count changed on an instance that does not lead;
 *   the leader takes them and edits the live counts (live-count edits are a leader duty).
 */
import { sql, type Kysely, type Migration } from "kysely";

export const instancesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      ALTER TABLE inbox ADD COLUMN owner text, ADD COLUMN claimed_at timestamptz NOT NULL DEFAULT '-infinity';
      ALTER TABLE inbox ALTER COLUMN claimed_at SET DEFAULT now();
      CREATE TABLE live_count_marks (
        community text NOT NULL, occurrence_id text NOT NULL, at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (community, occurrence_id));
    `.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE live_count_marks; ALTER TABLE inbox DROP COLUMN claimed_at, DROP COLUMN owner`.execute(db);
  },
};
