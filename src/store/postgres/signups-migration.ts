/**
 * Migration 004_signups: what the sign-up repository (signups-pg.ts) keeps beside the tables of
 * 001 (occurrences: the row each decision locks; roster: confirmed and waiting, ordered by seq;
 * signup_events: the log /export streams): attendance marks in marking order, group messages whose
 * counts are kept live, and the indexes that make a user's rosters and a roster's order fast.
 */
import { sql, type Kysely, type Migration } from "kysely";

export const m004Signups: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE signup_marks (
        community text NOT NULL, occurrence_id text NOT NULL, user_id bigint NOT NULL, seq bigserial NOT NULL,
        heads integer NOT NULL, walk_in boolean NOT NULL, at timestamptz NOT NULL, by bigint,
        PRIMARY KEY (community, occurrence_id, user_id));
      CREATE INDEX signup_marks_user ON signup_marks (community, user_id);
      CREATE TABLE live_messages (
        community text NOT NULL, occurrence_id text NOT NULL, chat_id bigint NOT NULL, message_id bigint NOT NULL,
        seq bigserial NOT NULL,
        PRIMARY KEY (community, occurrence_id, chat_id, message_id));
      CREATE INDEX roster_order ON roster (community, occurrence_id, status, seq);
      CREATE INDEX roster_user ON roster (community, user_id);
      CREATE INDEX signup_events_user ON signup_events (community, user_id);
    `.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`
      DROP INDEX signup_events_user, roster_user, roster_order;
      DROP TABLE live_messages, signup_marks;
    `.execute(db);
  },
};
