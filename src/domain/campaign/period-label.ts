import type { Locale, Translate } from "../translate.js";
import { addWeeks, createLocalDate, monthOf, weekOf } from "./local-time.js";

const INTL: Record<Locale, string> = { zh: "zh-CN", en: "en-US" };

/** A calendar date or month shown as people write it ("11月23日", "November 23"), with the year only when it is not this year's. */
function calendarText(key: string, locale: Locale, withYear: boolean, day: boolean): string {
  const [y, m, d] = [Number(key.slice(0, 4)), Number(key.slice(5, 7)), day ? Number(key.slice(8, 10)) : 1];
  const options: Intl.DateTimeFormatOptions = { timeZone: "UTC", month: locale === "zh" && !day ? "numeric" : "long", ...(day ? { day: "numeric" } : {}), ...(withYear ? { year: "numeric" } : {}) };
  return new Intl.DateTimeFormat(INTL[locale], options).format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * Which period a per-period figure belongs to, in words: a week key (its Monday) is "本周" / "上周" /
 * "11月23日那周"; a month key (`YYYY-MM`) is "本月" / "11月" ("2025年11月" in another year).
 */
export function periodLabel(periodKey: string, now: Date, tz: string, locale: Locale, t: Translate): string {
  const today = createLocalDate(tz)(now.getTime());
  const otherYear = periodKey.slice(0, 4) !== today.slice(0, 4);
  if (periodKey.length === 7) {
    if (periodKey === monthOf(today)) return t("campaign-period-this-month");
    return calendarText(periodKey, locale, otherYear, false);
  }
  const week = weekOf(today);
  if (periodKey === week) return t("campaign-period-this-week");
  if (periodKey === addWeeks(week, -1)) return t("campaign-period-last-week");
  return t("campaign-period-week-of", { date: calendarText(periodKey, locale, otherYear, true) });
}
