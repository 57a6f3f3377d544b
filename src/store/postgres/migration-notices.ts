/**
 * Migration "notices_bulletins": the notices (recurring ones and one-off events) and the
 * health-bulletin issues published from the chat, for the PostgreSQL backend.
 * - `notice_books`: one row per community once its notices were seeded from data/notices.json
 *   (absent: not seeded yet), with the next one-off event's number; the row is locked while an
 *   event takes its number, so two instances never take the same one.
 * - `notices`: a community's notices in their order (`pos`). `def` is `json`, not `jsonb`, so a
 *   notice keeps its keys in the order written and `/events export` reads like the data file.
 * - `bulletins`: one row per month published from the chat, one column per language given.
 */
import { sql, type Kysely, type Migration } from "kysely";

export const noticesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE notice_books (
        community text NOT NULL PRIMARY KEY, next_event integer NOT NULL DEFAULT 1,
        seeded_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE notices (
        community text NOT NULL, id text NOT NULL, pos integer NOT NULL, def json NOT NULL,
        PRIMARY KEY (community, id));
      CREATE TABLE bulletins (
        community text NOT NULL, id text NOT NULL, publish_on text NOT NULL, zh json, en json,
        PRIMARY KEY (community, id));
    `.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE bulletins, notices, notice_books`.execute(db);
  },
};
