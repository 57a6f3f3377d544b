import type { Locale } from "../translate.js";

/** At most `digits` decimals, trailing zeros dropped (4.50 → "4.5"). */
function trimmed(value: number, digits: number): string {
  const f = 10 ** digits;
  return String(Math.round(value * f) / f);
}

/**
 * A number as Chinese officials write it in a report: whole ten-thousands as 万 and hundred-millions
 * as 亿 where that is exact to two decimals (45000 → "4.5万", 120000000 → "1.2亿", 12345 stays
 * "12345"), plain digits without grouping otherwise, at most two decimals; `approx` (a figure the
 * data gives as "300+", 300多/300余) adds 余 ("300余"). In English: grouped digits and "+" ("45,000", "300+").
 */
export function officialNumber(value: number, locale: Locale, approx = false): string {
  if (!Number.isFinite(value)) return "—";
  if (locale === "en") {
    const text = value.toLocaleString("en-US", { maximumFractionDigits: 2 });
    return approx ? `${text}+` : text;
  }
  const abs = Math.abs(value);
  let text: string;
  if (abs >= 1e8 && Number.isInteger(value / 1e6)) text = `${trimmed(value / 1e8, 2)}亿`;
  else if (abs >= 1e4 && Number.isInteger(value / 100)) text = `${trimmed(value / 1e4, 2)}万`;
  else text = trimmed(value, 2);
  return approx ? `${text}余` : text;
}

/**
 * A quantity with its unit: zh without a space ("4.5万元", "300余车", "350平方米"), en with one
 * ("45,000 CNY", "300+ truckloads"); a percentage keeps its sign close ("94%").
 */
export function officialQuantity(value: number, unit: string, locale: Locale, approx = false): string {
  const n = officialNumber(value, locale, approx);
  if (unit === "%") return `${officialNumber(Math.round(value * 10) / 10, locale)}%`;
  return locale === "zh" ? `${n}${unit}` : `${n} ${unit}`;
}

/** True for a figure the data gives as approximate: "300+", "300多车", "450余处", "约350平米" is exact enough. */
export function isApproxFigure(figure: string | undefined): boolean {
  return figure !== undefined && /\d\s*(\+|多|余)/.test(figure);
}

/** 一、二、… for zh section numbers (up to 20), "1." … for en. */
export function sectionNumber(n: number, locale: Locale): string {
  if (locale === "en") return `${n}.`;
  const digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const text = tens === 0 ? digits[ones] : `${tens === 1 ? "" : digits[tens]}十${digits[ones]}`;
  return `${text}、`;
}
