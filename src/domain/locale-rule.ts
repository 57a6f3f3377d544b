import { localeFromLanguageCode, type Locale } from "./translate.js";

/** What is known about where a message goes, for choosing its language. */
export interface LocaleFacts {
  /** the message goes to a group (or channel): its chosen language, if any */
  group?: { lang?: Locale | undefined };
  /** the language the person chose with /lang (or that was remembered for them) */
  userLang?: Locale | undefined;
  /** the language kept for the person's private chat at /start (Telegram's then) */
  privateChatLang?: Locale | undefined;
  /** in an update: the sender's Telegram language (present even when Telegram gave none) */
  sender?: { languageCode?: string | undefined };
}

/**
 * The one rule for a chat's language. A group reads its own language (everyone sees the same
 * messages); a group that never chose answers each member in theirs, and gets Chinese outside an
 * update. A person reads the language they chose; else, in an update, their Telegram language (it is
 * the freshest); else the one kept at /start; else Chinese, the community's language.
 */
export function decideLocale(f: LocaleFacts): Locale {
  if (f.group?.lang) return f.group.lang;
  if (f.group && !f.sender) return "zh";
  if (f.userLang) return f.userLang;
  if (f.sender) return localeFromLanguageCode(f.sender.languageCode);
  return f.privateChatLang ?? "zh";
}
