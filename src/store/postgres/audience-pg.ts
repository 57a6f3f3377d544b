/**
 * Who the scheduler's broadcasts go to, over PostgreSQL (one community): the same contract as
 * audience-repo.ts. A private chat's compound is its person's choice (else the chat's), a group's
 * its own; the language follows the locale rule (`decideLocale`) over the chat and the user rows.
 */
import { sql } from "kysely";
import { decideLocale } from "../../domain/locale-rule.js";
import type { Locale } from "../../domain/translate.js";
import type { AudienceRepo } from "../audience-repo.js";
import type { PgDb } from "./database.js";

const asLocale = (v: string | null | undefined): Locale | undefined => (v === "zh" || v === "en" ? v : undefined);

export function createPgAudienceRepo(db: PgDb, community: string): AudienceRepo {
  return {
    async subscribers(to) {
      if (to !== undefined && to.length === 0) return [];
      // a chat that chose no compound gets only notices meant for all (inAudience)
      const rows = await sql<{ id: number }>`
        SELECT c.id FROM chats c LEFT JOIN users u ON u.community = c.community AND u.id = c.id AND c.type = 'private'
        WHERE c.community = ${community} AND c.subscribed AND c.active
          ${to === undefined ? sql`` : sql`AND (CASE WHEN c.type = 'private' THEN coalesce(u.compound, c.compound) ELSE c.compound END) = ANY(${[...to]}::text[])`}
        ORDER BY c.id`.execute(db);
      return rows.rows.map((r) => r.id);
    },
    async staff() {
      const rows = await db.selectFrom("roles").select("user_id").where("community", "=", community).orderBy("user_id").execute();
      return rows.map((r) => r.user_id);
    },
    async languageOf(userId) {
      const chat = await db.selectFrom("chats").select(["type", "lang"]).where("community", "=", community).where("id", "=", userId).executeTakeFirst();
      if (chat && chat.type !== "private") return decideLocale({ group: { lang: asLocale(chat.lang) } });
      const user = await db.selectFrom("users").select("lang").where("community", "=", community).where("id", "=", userId).executeTakeFirst();
      return decideLocale({ userLang: asLocale(user?.lang), privateChatLang: asLocale(chat?.lang) });
    },
  };
}
