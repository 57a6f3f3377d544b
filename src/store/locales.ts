import { decideLocale } from "../domain/locale-rule.js";
import type { Locale } from "../domain/translate.js";
import type { ReadonlyDb, Store } from "./engine/store.js";

/** Where an update happens, as far as its language goes (a grammY context fits). */
export interface UpdatePlace {
  chat?: { id: number; type: string } | undefined;
  from?: { id: number; language_code?: string | undefined } | undefined;
}

/**
 * The one place that decides which language a chat or a person reads (the rule: `decideLocale`).
 * Replies, notices, promotions, staff reports and command menus all ask here.
 */
export interface LocaleService {
  /** The language to answer an update in: the group's, else the sender's. */
  forUpdate(place: UpdatePlace): Promise<Locale>;
  /** The sender's own language in an update, wherever they write from (a group's language is for the group). */
  ofSender(from: NonNullable<UpdatePlace["from"]>): Promise<Locale>;
  /** A person's language outside any update (a promotion, a staff report, their command menu). */
  ofPerson(userId: number): Promise<Locale>;
  /** The language of a message sent to a chat outside any update (a private chat: its person's). */
  ofChat(chatId: number): Promise<Locale>;
}

/** `LocaleService.ofChat` over a document, for callers that cannot wait (the sender's locale look-up). */
export function chatLocaleIn(db: ReadonlyDb, chatId: number): Locale {
  const chat = db.chats[String(chatId)];
  if (chat && chat.type !== "private") return decideLocale({ group: { lang: chat.lang } });
  return decideLocale({ userLang: db.users[String(chatId)]?.lang, privateChatLang: chat?.lang });
}

function personLocaleIn(db: ReadonlyDb, userId: number, sender?: { languageCode?: string | undefined }): Locale {
  return decideLocale({ userLang: db.users[String(userId)]?.lang, privateChatLang: db.chats[String(userId)]?.lang, ...(sender ? { sender } : {}) });
}

/** The locale service over the JSON store. */
export function createLocaleService(store: Store): LocaleService {
  return {
    forUpdate({ chat, from }) {
      const db = store.data;
      const sender = from ? { languageCode: from.language_code } : undefined;
      if (chat && chat.type !== "private") {
        const group = { lang: db.chats[String(chat.id)]?.lang };
        if (!from) return Promise.resolve(decideLocale({ group }));
        return Promise.resolve(decideLocale({ group, userLang: db.users[String(from.id)]?.lang, ...(sender ? { sender } : {}) }));
      }
      if (!from) return Promise.resolve(chat ? chatLocaleIn(db, chat.id) : "zh");
      return Promise.resolve(personLocaleIn(db, from.id, sender));
    },
    ofSender: (from) => Promise.resolve(personLocaleIn(store.data, from.id, { languageCode: from.language_code })),
    ofPerson: (userId) => Promise.resolve(personLocaleIn(store.data, userId)),
    ofChat: (chatId) => Promise.resolve(chatLocaleIn(store.data, chatId)),
  };
}
