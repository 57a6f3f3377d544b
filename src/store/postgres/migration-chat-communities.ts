/**
 * Several communities sharing one bot: which community each chat (private or group) belongs to,
 * per bot (one database may serve several bots, each with its own chats' bindings).
 */
import { sql, type Kysely, type Migration } from "kysely";

export const chatCommunitiesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      CREATE TABLE chat_communities (
        bot_id bigint NOT NULL, chat_id bigint NOT NULL, community text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (bot_id, chat_id))`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE chat_communities`.execute(db);
  },
};
