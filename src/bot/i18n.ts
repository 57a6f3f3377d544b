import { I18n } from "@grammyjs/i18n";
import { localeFromLanguageCode, type Locale, type Translate } from "../domain/translate.js";
import type { BotContext } from "./context.js";

/**
 * Builds the Fluent translator from `locales/<lang>/*.ftl`. The locale of an update: see
 * `negotiateLocale`.
 */
export function createI18n(directory: string): I18n<BotContext> {
  const i18n = new I18n<BotContext>({
    defaultLocale: "zh",
    directory,
    useSession: false,
    // no Unicode isolation marks around placeables: they show up as junk in some clients
    fluentBundleOptions: { useIsolating: false },
    // createBot has already worked it out for this update (ctx.locale); no second look-up
    localeNegotiator: (ctx) => ctx.locale ?? negotiateLocale(ctx),
  });
  memoizeBundleMatching(i18n);
  return i18n;
}

/**
 * The plugin negotiates languages against every bundle on each `t()` call, which profiling showed
 * to dominate a reply. The bundles are all loaded above and never change, so the match for a
 * locale is remembered. (Private API of @grammyjs/i18n 1.x: left alone if it is not there.)
 */
function memoizeBundleMatching(i18n: I18n<BotContext>): void {
  const fluent = i18n.fluent as unknown as { matchBundles?: (locales: string | string[]) => unknown };
  const original = fluent.matchBundles;
  if (typeof original !== "function") return;
  const cache = new Map<string, unknown>();
  fluent.matchBundles = (locales) => {
    const key = Array.isArray(locales) ? locales.join("|") : locales;
    let match = cache.get(key);
    if (match === undefined) {
      match = original.call(fluent, locales);
      cache.set(key, match);
    }
    return match;
  };
}

/**
 * The locale for an update, from the store first: in a group, the language chosen for the group
 * (/lang there sets it; everyone reads the same messages); else the language the user chose with
 * /lang; else Telegram's language_code, which is only a default (zh* → 中文, anything else → English).
 */
export function negotiateLocale(ctx: BotContext): Locale {
  const db = ctx.deps.store.data;
  const userId = ctx.from?.id;
  const chat = ctx.chat;
  if (chat && chat.type !== "private") {
    const chatLang = db.chats[String(chat.id)]?.lang;
    if (chatLang) return chatLang;
  }
  if (userId !== undefined) {
    const userLang = db.users[String(userId)]?.lang;
    if (userLang) return userLang;
  }
  return localeFromLanguageCode(ctx.from?.language_code);
}

/** A translator per locale. */
export type Translators = (locale: Locale) => Translate;

/**
 * The translators of the update's i18n instance, for texts in a language other than the reader's:
 * a message to someone else, or one stored in both languages.
 */
export function translatorsOf(ctx: BotContext): Translators {
  return (locale) => (key, args) => ctx.i18n.fluent.translate(locale, key, args);
}

/** A Translate bound to one locale, for code that runs outside an update (scheduler, sender). */
export function translatorFor(i18n: I18n<BotContext>, locale: Locale): Translate {
  return (key, args) => i18n.t(locale, key, args);
}
