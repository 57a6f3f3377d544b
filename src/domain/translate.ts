/** The languages the bot speaks. Chinese first. */
export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Arguments passed into a Fluent message. */
export type TranslateArgs = Record<string, string | number>;

/**
 * Looks up a message by key in one locale. Injected into domain code so the domain stays free of
 * I/O while the words live in `locales/`.
 */
export type Translate = (key: string, args?: TranslateArgs) => string;

/** A text given in both languages (data files carry these). */
export interface Localized {
  zh: string;
  en: string;
}

/** Picks a Telegram `language_code` default: Chinese for zh*, English otherwise. */
export function localeFromLanguageCode(code: string | undefined): Locale {
  return code?.toLowerCase().startsWith("zh") ? "zh" : "en";
}
