/**
 * The PostgreSQL schema as code: Kysely migrations served by an in-code provider (nothing read from
 * disk at run time). Every table has a `community` column from the start, so one database can hold
 * many communities later. Kysely's Migrator takes an advisory lock, so instances migrating at once
 * wait for each other instead of fighting.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from "kysely";
import { officeMigration } from "./migration-office.js";
import { surveyConversationsMigration } from "./migration-survey-conversations.js";
import { m004Signups } from "./signups-migration.js";
import { m005CampaignUsers } from "./migration-campaign-users.js";
import { noticesMigration } from "./migration-notices.js";
import { instancesMigration } from "./migration-instances.js";
import { chatCommunitiesMigration } from "./migration-chat-communities.js";
import { rateWindowsMigration } from "./migration-rate-windows.js";

const m001: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE chats (
        community text NOT NULL, id bigint NOT NULL, type text NOT NULL, title text,
        subscribed boolean NOT NULL, active boolean NOT NULL, inactive_reason text, lang text,
        compound text, received jsonb, since timestamptz NOT NULL, updated_at timestamptz NOT NULL,
        PRIMARY KEY (community, id));
      CREATE TABLE users (
        community text NOT NULL, id bigint NOT NULL, first_name text NOT NULL, last_name text,
        username text, lang text, party_member boolean, compound text, seen_at timestamptz NOT NULL,
        PRIMARY KEY (community, id));
      CREATE TABLE roles (
        community text NOT NULL, user_id bigint NOT NULL, role text NOT NULL,
        PRIMARY KEY (community, user_id));
      CREATE TABLE handled_updates (
        community text NOT NULL, update_id bigint NOT NULL, at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (community, update_id));
      CREATE TABLE broadcasts (
        community text NOT NULL, id text NOT NULL, key text, kind text NOT NULL,
        created_at timestamptz NOT NULL, created_by bigint, body jsonb NOT NULL,
        status text NOT NULL, progress jsonb, finished_at timestamptz, counts jsonb,
        PRIMARY KEY (community, id), UNIQUE (community, key));
      CREATE TABLE deliveries (
        community text NOT NULL, broadcast_id text NOT NULL, chat_key text NOT NULL,
        s text NOT NULL, err text, mid bigint,
        PRIMARY KEY (community, broadcast_id, chat_key),
        FOREIGN KEY (community, broadcast_id) REFERENCES broadcasts (community, id) ON DELETE CASCADE);
      CREATE INDEX deliveries_pending ON deliveries (community, broadcast_id) WHERE s = 'p';
      CREATE TABLE schedule_keys (
        community text NOT NULL, key text NOT NULL, at timestamptz NOT NULL,
        PRIMARY KEY (community, key));
      CREATE TABLE occurrences (
        community text NOT NULL, id text NOT NULL, capacity integer, state jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (community, id));
      CREATE TABLE roster (
        community text NOT NULL, occurrence_id text NOT NULL, seq bigserial NOT NULL,
        user_id bigint NOT NULL, status text NOT NULL, headcount integer NOT NULL DEFAULT 1,
        joined_at timestamptz NOT NULL, attended boolean,
        PRIMARY KEY (community, occurrence_id, user_id));
      CREATE TABLE signup_events (
        community text NOT NULL, seq bigserial NOT NULL, at timestamptz NOT NULL, user_id bigint NOT NULL,
        occurrence_id text NOT NULL, type text NOT NULL, headcount integer, via text NOT NULL, by bigint,
        PRIMARY KEY (community, seq));
      CREATE TABLE campaign_records (
        community text NOT NULL, id text NOT NULL, metric_id text NOT NULL, amount double precision NOT NULL,
        aware double precision, at timestamptz NOT NULL, by bigint, note text, source text NOT NULL,
        attendance_id text, walk_ins boolean, undone boolean NOT NULL DEFAULT false,
        PRIMARY KEY (community, id), UNIQUE (community, attendance_id));
      CREATE TABLE campaign_targets (
        community text NOT NULL, metric_id text NOT NULL, target double precision NOT NULL,
        PRIMARY KEY (community, metric_id));
      CREATE TABLE drafts (
        community text NOT NULL, id text NOT NULL, owner bigint NOT NULL, body jsonb NOT NULL,
        created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL,
        PRIMARY KEY (community, id));
      CREATE TABLE leases (
        name text NOT NULL PRIMARY KEY, community text, holder text NOT NULL, epoch bigint NOT NULL,
        expires_at timestamptz NOT NULL);
    `.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE leases, drafts, campaign_targets, campaign_records, signup_events, roster,
      occurrences, schedule_keys, deliveries, broadcasts, handled_updates, roles, users, chats`.execute(db);
  },
};

const m002: Migration = {
  async up(db: Kysely<unknown>) {
    // the webhook's inbox: updates answered 200 before they were handled, kept until they are
    await sql`CREATE TABLE inbox (
      community text NOT NULL, update_id bigint NOT NULL, body jsonb NOT NULL,
      PRIMARY KEY (community, update_id))`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE inbox`.execute(db);
  },
};

/** Every migration, by name (applied in name order). */
export const migrations: Readonly<Record<string, Migration>> = {
  "001_initial": m001,
  "002_inbox": m002,
  "003_office": officeMigration,
  "004_signups": m004Signups,
  "005_campaign_users": m005CampaignUsers,
  "006_survey_conversations": surveyConversationsMigration,
  "007_notices_bulletins": noticesMigration,
  "008_instances": instancesMigration,
  "009_chat_communities": chatCommunitiesMigration,
  "010_rate_windows": rateWindowsMigration,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...migrations }) };

/** Brings the schema up to date; throws with the failing migration's error. */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<readonly string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error("a migration failed", { cause: error });
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** The migrations not yet applied to `db` (all of them on an empty database), in name order. */
export async function pendingMigrations<T>(db: Kysely<T>): Promise<readonly string[]> {
  const infos = await new Migrator({ db, provider }).getMigrations();
  return infos.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
