import { escapeHtml } from "../html.js";
import type { Locale, Translate } from "../translate.js";
import type { MetricDef } from "./metric.js";

// Building an Intl formatter costs far more than using one (it was half of /progress's time); they
// are immutable, so one per locale is kept.
const numberFormats: Record<Locale, Intl.NumberFormat> = {
  zh: new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 }),
};

/** A number as people write it in that language: grouped, at most one decimal. */
export function formatNumber(value: number, locale: Locale): string {
  return numberFormats[locale].format(value);
}

/**
 * A metric's unit for display (HTML-escaped), with "/week" or "/month" for per-period metrics;
 * `one`: the English unit for a count of one ("truckload") when the data gives it.
 */
export function unitText(metric: MetricDef, locale: Locale, t: Translate, one = false): string {
  const unit = escapeHtml(one && locale === "en" && metric.unitOne ? metric.unitOne.en : metric.unit[locale]);
  if (metric.kind !== "per-period") return unit;
  return t(metric.period === "month" ? "campaign-unit-per-month" : "campaign-unit-per-week", { unit });
}

/** A quantity with its unit: "350 平方米", "94%", "200 人/周"; null (no data) shows as "—". */
export function quantity(value: number | null, metric: MetricDef, locale: Locale, t: Translate): string {
  if (value === null) return "—";
  if (metric.kind === "rate") return `${formatNumber(value, locale)}%`;
  return amountText(formatNumber(value, locale), value, metric, locale, t);
}

/**
 * "300 truckloads" / "1 truckload" / "300 车": the unit agrees with `n` through Fluent's plural rules
 * (`campaign-amount` selects on `$n`); `value` is the text shown ("300", "300/350").
 */
export function amountText(value: string, n: number, metric: MetricDef, locale: Locale, t: Translate): string {
  return t("campaign-amount", { value, n, unit: unitText(metric, locale, t), unitOne: unitText(metric, locale, t, true) });
}

/** Percentage of a target reached (rounded, not clamped); 0 with no target. */
export function percentOf(value: number | null, target: number): number {
  if (value === null || !(target > 0)) return 0;
  return Math.round((100 * value) / target);
}

const BAR_WIDTH = 10;

/** A text bar such as `▓▓▓▓▓▓░░░░ 63%`: clamped at full width, the real percentage shown. */
export function progressBar(percent: number): string {
  const filled = Math.max(0, Math.min(BAR_WIDTH, Math.round(percent / 10)));
  return `${"▓".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)} ${percent}%`;
}

/** The target of a metric: the staff-set value when there is one, else the data default. */
export function targetOf(metric: MetricDef, targets: Record<string, number>): number {
  return targets[metric.id] ?? metric.target;
}
