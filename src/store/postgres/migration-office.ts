/**
 * Migration 003: what staff keep from the chat, for the PostgreSQL backend: compounds added with
 * `/home add`, broadcasts waiting for their `at=` time, moved and skipped dates of notices, and the
 * kind and state of drafts (previews waiting for Confirm; the drafts table came with 001).
 */
import { sql, type Kysely, type Migration } from "kysely";

export const officeMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE compounds (
        community text NOT NULL, id text NOT NULL, name_zh text NOT NULL, name_en text NOT NULL,
        added_by bigint, at timestamptz NOT NULL, seq bigserial NOT NULL,
        PRIMARY KEY (community, id));
      CREATE TABLE scheduled (
        community text NOT NULL, n integer NOT NULL, id text NOT NULL, at timestamptz NOT NULL,
        created_by bigint NOT NULL, created_at timestamptz NOT NULL, text text NOT NULL, media jsonb,
        "to" jsonb, progress jsonb NOT NULL, status text NOT NULL, broadcast_id text, html jsonb,
        occurrence_id text,
        PRIMARY KEY (community, id), UNIQUE (community, n));
      CREATE INDEX scheduled_waiting ON scheduled (community, at) WHERE status = 'waiting';
      CREATE TABLE date_moves (
        community text NOT NULL, notice_id text NOT NULL, from_date text NOT NULL, to_date text NOT NULL,
        time text NOT NULL, via jsonb, pos integer NOT NULL, by bigint NOT NULL, at timestamptz NOT NULL,
        PRIMARY KEY (community, notice_id, from_date));
      CREATE TABLE date_skips (
        community text NOT NULL, notice_id text NOT NULL, date text NOT NULL, reason text,
        by bigint NOT NULL, at timestamptz NOT NULL, seq bigserial NOT NULL,
        PRIMARY KEY (community, notice_id, date));
      ALTER TABLE drafts ADD COLUMN kind text NOT NULL DEFAULT '',
        ADD COLUMN state text NOT NULL DEFAULT 'pending';
      CREATE INDEX drafts_expiry ON drafts (community, expires_at);
    `.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP INDEX drafts_expiry; ALTER TABLE drafts DROP COLUMN kind, DROP COLUMN state;
      DROP TABLE date_skips, date_moves, scheduled, compounds`.execute(db);
  },
};
