/**
 * The survey's rounds and answers, and the conversations in progress, on PostgreSQL (issue 16).
 * A round's respondents are rows (one per person), its polls an index of their own (an answer names
 * only the poll); `figures_synced` is false while a form's campaign records are still to be written.
 */
import { sql, type Kysely, type Migration } from "kysely";

export const surveyConversationsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE conversations (
        community text NOT NULL, key text NOT NULL, value jsonb NOT NULL,
        PRIMARY KEY (community, key));
      CREATE TABLE survey_state (
        community text NOT NULL PRIMARY KEY, next_round integer NOT NULL);
      CREATE TABLE survey_rounds (
        community text NOT NULL, id text NOT NULL, seq integer NOT NULL, started_at timestamptz NOT NULL,
        started_by bigint, closed_at timestamptz, questions jsonb NOT NULL, recipients integer NOT NULL,
        next_form integer NOT NULL, forgotten jsonb NOT NULL,
        PRIMARY KEY (community, id), UNIQUE (community, seq));
      CREATE TABLE survey_respondents (
        community text NOT NULL, round_id text NOT NULL, user_id bigint NOT NULL,
        answers jsonb NOT NULL DEFAULT '{}', form integer, aware boolean, compound text,
        completed_at timestamptz, figures_synced boolean NOT NULL DEFAULT true,
        PRIMARY KEY (community, round_id, user_id),
        FOREIGN KEY (community, round_id) REFERENCES survey_rounds (community, id) ON DELETE CASCADE);
      CREATE INDEX survey_respondents_unsynced ON survey_respondents (community) WHERE NOT figures_synced;
      CREATE TABLE survey_polls (
        community text NOT NULL, poll_id text NOT NULL, round_id text NOT NULL, user_id bigint NOT NULL,
        question_id text NOT NULL,
        PRIMARY KEY (community, poll_id),
        UNIQUE (community, round_id, user_id, question_id),
        FOREIGN KEY (community, round_id) REFERENCES survey_rounds (community, id) ON DELETE CASCADE);
    `.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE survey_polls, survey_respondents, survey_rounds, survey_state, conversations`.execute(db);
  },
};
