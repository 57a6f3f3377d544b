import type { MetricDef } from "./metric.js";
import { normalizeText } from "./resolve-metric.js";

/** Anything above this is a typo, not progress. */
export const MAX_AMOUNT = 100_000_000;

/** A parsed amount, or why it could not be read. */
export type AmountResult = { ok: true; amount: number } | { ok: false; error: "bad-amount" | "bad-unit" | "negative" | "too-large" };

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Parses Chinese numerals such as 十二, 三百五十, 四万五千; NaN when the text is not one. */
export function parseChineseNumber(text: string): number {
  if (text.length === 0) return NaN;
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of text) {
    const d = DIGITS[ch];
    const u = SMALL_UNITS[ch];
    if (d !== undefined) digit = d;
    else if (u !== undefined) {
      section += (digit === 0 ? 1 : digit) * u;
      digit = 0;
    } else if (ch === "万") {
      total += (section + digit) * 10_000;
      section = digit = 0;
    } else return NaN;
  }
  return total + section + digit;
}

const MULTIPLIERS: [string, number][] = [["", 1], ["万", 10_000], ["千", 1_000], ["百", 100], ["k", 1_000]];
const APPROX_AFTER = /^(多|余|来|\+)/;
const APPROX_END = /(左右|以上)$/;

/** Does a token start like an amount (a digit, a sign, ¥, or a Chinese numeral followed by a unit or nothing)? */
export function looksLikeAmount(token: string): boolean {
  const t = normalizeText(token);
  return /^[-+−¥]?\.?\d/.test(t) || /^(约|大约|共|计)\d/.test(t) || /^[零〇一二两三四五六七八九十百千万]+(多|余)?[^\s]{0,3}$/.test(t);
}

/**
 * Reads an amount in a metric's unit: `12`, `12车`, `350平米`, `350㎡`, `4.5万`, `4.5万元`, `1,200`,
 * `300多车`, `¥45000`, `十二车`, `8斤` (→ 4 kg). A unit of another metric is `bad-unit`.
 */
export function parseAmount(token: string, metric: MetricDef, allUnits: ReadonlySet<string>): AmountResult {
  let t = normalizeText(token).replace(/(\d)[,，'](?=\d{3}(\D|$))/g, "$1").replace(/\s+/g, " ");
  t = t.replace(/^(约|大约|共|计|合计)/, "");
  let currency = false;
  if (t.startsWith("¥")) [currency, t] = [true, t.slice(1)];
  const negative = /^[-−]/.test(t);
  t = t.replace(/^[-−+]/, "");
  let value: number;
  let rest: string;
  const num = /^(\d+(?:\.\d+)?|\.\d+)/.exec(t);
  if (num !== null) {
    value = Number(num[1]);
    rest = t.slice(num[0].length);
  } else {
    const cn = /^[零〇一二两三四五六七八九十百千万]+/.exec(t);
    if (cn === null) return { ok: false, error: "bad-amount" };
    value = parseChineseNumber(cn[0]);
    rest = t.slice(cn[0].length);
  }
  if (!Number.isFinite(value)) return { ok: false, error: "bad-amount" };
  rest = rest.trim().replace(APPROX_END, "").trim();
  for (const [mult, factor] of MULTIPLIERS) {
    if (!rest.startsWith(mult)) continue;
    const unitText = rest.slice(mult.length).replace(APPROX_AFTER, "").trim();
    const unit = unitFactor(unitText, metric, currency);
    if (unit === undefined) continue;
    if (negative) return { ok: false, error: "negative" };
    const amount = Math.round(value * factor * unit * 1e6) / 1e6;
    if (amount > MAX_AMOUNT) return { ok: false, error: "too-large" };
    if (amount === 0) return { ok: false, error: "bad-amount" };
    return { ok: true, amount };
  }
  if (negative) return { ok: false, error: "negative" };
  const unitWord = rest.replace(/^(万|千|百)/, "").replace(APPROX_AFTER, "").trim();
  return { ok: false, error: allUnits.has(unitWord) || /^[\p{L}%²]+$/u.test(unitWord) ? "bad-unit" : "bad-amount" };
}

/** The factor of a unit word for this metric (1 for none), undefined when it is not one of its units. */
function unitFactor(text: string, metric: MetricDef, currency: boolean): number | undefined {
  if (text === "") return currency && !isCurrencyMetric(metric) ? undefined : 1;
  if (currency) return undefined;
  for (const u of metric.unitAliases) if (normalizeText(u.text) === text) return u.factor;
  return normalizeText(metric.unit.zh) === text || normalizeText(metric.unit.en) === text ? 1 : undefined;
}

function isCurrencyMetric(metric: MetricDef): boolean {
  return metric.unitAliases.some((u) => u.text === "¥" || u.text === "元");
}

/** All unit words of a campaign, normalized, so a wrong unit can be told from a typo. */
export function unitWords(metrics: MetricDef[]): Set<string> {
  const words = new Set<string>();
  for (const m of metrics) {
    for (const u of m.unitAliases) words.add(normalizeText(u.text));
    words.add(normalizeText(m.unit.zh));
    words.add(normalizeText(m.unit.en));
  }
  return words;
}
