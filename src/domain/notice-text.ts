import type { Bulletin, LocalDate, NoticeDef, Occurrence } from "./notice.js";
import { localDateOf, localTimeOf } from "./recurrence.js";
import type { Locale } from "./translate.js";

/**
 * The placeholders a notice's `text` may use (the store rejects any other):
 * - `{title}`  the notice's title
 * - `{date}`   the start, date and time: `11月28日（周六）08:30` / `Sat 28 Nov, 08:30`
 * - `{day}`    the date only: `11月28日（周六）` / `Sat 28 Nov`
 * - `{time}`   the local start time: `08:30`
 * - `{place}`  the notice's place (empty when it has none)
 * - `{bulletinTitle}`, `{bulletin}`  the title and body of the bulletin passed in (empty without one)
 */
export const NOTICE_PLACEHOLDERS = ["title", "date", "day", "time", "place", "bulletinTitle", "bulletin"] as const;
export type NoticePlaceholder = (typeof NOTICE_PLACEHOLDERS)[number];

const PLACEHOLDER_RE = /\{([A-Za-z]+)\}/g;

/** The placeholder names used in a text (`"{date} at {place}"` → `["date", "place"]`). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER_RE)].map((m) => m[1] ?? "");
}

// Weekday and month names come from the runtime's locale data (Intl), not from our .ftl files.
// Intl formatters are costly to build and immutable: one set per locale.
const dayFormats: Record<Locale, { weekday: Intl.DateTimeFormat; month: Intl.DateTimeFormat }> = {
  zh: { weekday: new Intl.DateTimeFormat("zh-CN", { weekday: "short", timeZone: "UTC" }), month: new Intl.DateTimeFormat("zh-CN", { month: "short", timeZone: "UTC" }) },
  en: { weekday: new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: "UTC" }), month: new Intl.DateTimeFormat("en-US", { month: "short", timeZone: "UTC" }) },
};

function names(year: number, month: number, day: number, locale: Locale) {
  const at = new Date(Date.UTC(year, month - 1, day, 12));
  const f = dayFormats[locale];
  return { weekday: f.weekday.format(at), monthName: f.month.format(at) };
}

function formatDay(date: LocalDate, locale: Locale): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const { weekday, monthName } = names(year, month, day, locale);
  return locale === "zh" ? `${month}月${day}日（${weekday}）` : `${weekday} ${day} ${monthName}`;
}

/**
 * A short human date in the community's zone. A `YYYY-MM-DD` string gives the date only
 * (`11月29日（周六）`, `Sun 29 Nov`); an instant adds the local time (`11月29日（周日）08:30`,
 * `Sun 29 Nov, 08:30`). No year: notices are about the weeks ahead.
 */
export function formatDate(value: Date | LocalDate, tz: string, locale: Locale): string {
  if (typeof value === "string") return formatDay(value, locale);
  const day = formatDay(localDateOf(value, tz), locale);
  const time = localTimeOf(value, tz);
  return locale === "zh" ? `${day}${time}` : `${day}, ${time}`;
}

/**
 * The reminder text of a notice for one occurrence, placeholders filled (see
 * `NOTICE_PLACEHOLDERS`). Data text is PLAIN TEXT, not HTML: the caller escapes the result with
 * `escapeHtml` before sending it with `parse_mode: "HTML"`. Unknown placeholders are left as written.
 */
export function renderNoticeText(
  notice: NoticeDef,
  occurrence: Occurrence,
  tz: string,
  locale: Locale,
  bulletin?: Bulletin,
): string {
  const values: Record<NoticePlaceholder, string> = {
    title: notice.title[locale],
    date: formatDate(occurrence.startsAt, tz, locale),
    day: formatDate(occurrence.date, tz, locale),
    time: localTimeOf(occurrence.startsAt, tz),
    place: notice.place?.[locale] ?? "",
    bulletinTitle: bulletin?.title[locale] ?? "",
    bulletin: bulletin?.body[locale] ?? "",
  };
  const filled = notice.text[locale].replace(PLACEHOLDER_RE, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as NoticePlaceholder] : whole, // not `in`: {constructor}
  );
  // an empty placeholder (a photo issue without text) leaves no run of blank lines behind
  return filled.replace(/\n{3,}/g, "\n\n").trim();
}
