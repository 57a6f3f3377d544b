import { I18n } from "@grammyjs/i18n";
import type { Locale, Translate } from "../domain/translate.js";
import type { BotContext } from "./context.js";

/**
 * Builds the Fluent translator from `locales/<lang>/*.ftl`. The locale of an update is decided once
 * by the locale service (`createBot` puts it in `ctx.locale`); the plugin's negotiator only reads
 * it, so no session is needed. A handler that changes the language calls `ctx.i18n.useLocale`.
 */
export function createI18n(directory: string): I18n<BotContext> {
  return new I18n<BotContext>({
    defaultLocale: "zh",
    directory,
    useSession: false,
    // no Unicode isolation marks around placeables: they show up as junk in some clients
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => ctx.locale,
  });
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
