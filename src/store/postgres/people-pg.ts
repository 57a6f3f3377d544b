/**
 * What the PostgreSQL backend needs of people beyond UsersRepo: the locale service (the one rule,
 * `decideLocale`, over the users' and chats' stored languages), the party mark the attendance feed
 * reads, and ADMIN_IDS made admins at start.
 */
import { decideLocale } from "../../domain/locale-rule.js";
import type { Locale } from "../../domain/translate.js";
import type { LocaleService } from "../locales.js";
import type { PgDb } from "./database.js";
import { createLangLoader } from "./langs-pg.js";

/**
 * The locale service over PostgreSQL: a person's row and their private chat's (or a group's), read
 * by one batched loader (langs-pg.ts), so many questions at once (a broadcast's) cost one query.
 */
export function createPgLocaleService(db: PgDb, community: string): LocaleService {
  const langs = createLangLoader(db, community);
  const userLang = async (id: number) => (await langs(id)).userLang;
  const chat = async (id: number) => {
    const l = await langs(id);
    return l.chatType === undefined ? undefined : { lang: l.chatLang ?? null, type: l.chatType };
  };
  // `sender`: asked within an update (Telegram's language_code counts, even when absent), as locales.ts does
  const person = async (id: number, sender?: { languageCode: string | undefined }): Promise<Locale> => {
    const l = await langs(id);
    return decideLocale({ userLang: l.userLang as Locale | undefined, privateChatLang: l.chatLang as Locale | undefined, ...(sender ? { sender } : {}) });
  };
  // one look for a chat: a group's own language, or the person's whose private chat it is
  const ofChat = async (chatId: number): Promise<Locale> => {
    const l = await langs(chatId);
    if (l.chatType !== undefined && l.chatType !== "private") return decideLocale({ group: { lang: l.chatLang as Locale | undefined } });
    return decideLocale({ userLang: l.userLang as Locale | undefined, privateChatLang: l.chatLang as Locale | undefined });
  };
  return {
    async forUpdate({ chat: where, from }) {
      if (where && where.type !== "private") {
        const group = { lang: ((await chat(where.id))?.lang ?? undefined) as Locale | undefined };
        if (!from) return decideLocale({ group });
        return decideLocale({ group, userLang: (await userLang(from.id)) as Locale | undefined, sender: { languageCode: from.language_code } });
      }
      if (!from) return where ? ofChat(where.id) : "zh";
      return person(from.id, { languageCode: from.language_code });
    },
    ofSender: (from) => person(from.id, { languageCode: from.language_code }),
    ofPerson: (userId) => person(userId),
    ofChat,
  };
}

/** Those of `userIds` staff marked as party members (/party). */
export function pgPartyMembers(db: PgDb, community: string) {
  return async (userIds: readonly number[]): Promise<ReadonlySet<number>> => {
    if (userIds.length === 0) return new Set();
    const rows = await db.selectFrom("users").select("id").where("community", "=", community).where("id", "in", [...userIds]).where("party_member", "=", true).execute();
    return new Set(rows.map((r) => r.id));
  };
}

/** ADMIN_IDS become admins, in one transaction; answers the admins no longer listed, now staff. */
export async function seedPgAdmins(db: PgDb, community: string, adminIds: readonly number[]): Promise<number[]> {
  return db.transaction().execute(async (tx) => {
    const wanted = new Set(adminIds);
    const admins = await tx.selectFrom("roles").select("user_id").where("community", "=", community).where("role", "=", "admin").forUpdate().execute();
    const demoted = admins.map((r) => r.user_id).filter((id) => !wanted.has(id));
    if (demoted.length > 0) await tx.updateTable("roles").set({ role: "staff" }).where("community", "=", community).where("user_id", "in", demoted).execute();
    for (const id of wanted) {
      await tx.insertInto("roles").values({ community, user_id: id, role: "admin" })
        .onConflict((oc) => oc.columns(["community", "user_id"]).doUpdateSet({ role: "admin" })).execute();
    }
    return demoted;
  });
}
