import { escapeHtml, truncate } from "../html.js";
import { localDateOf } from "../zoned-time.js";
import type { Locale, Translate } from "../translate.js";
import { currentValue, monthHistory, recentRecords, type Aggregates } from "./aggregates.js";
import { formatNumber, percentOf, progressBar, quantity, targetOf } from "./format.js";
import { createLocalDate } from "./local-time.js";
import { METRIC_GROUPS, type Campaign, type MetricDef, type ProgressRecord } from "./metric.js";

const NOTE_MAX = 60;

/** The two lines of one metric: "name: value / target" and its bar with ✅ when met. */
function metricLines(metric: MetricDef, agg: Aggregates, targets: Record<string, number>, locale: Locale, t: Translate, now: Date, tz: string): string {
  const value = currentValue(agg, metric, now, tz).value;
  const target = targetOf(metric, targets);
  const percent = percentOf(value, target);
  const met = value !== null && value >= target;
  const line = t("campaign-metric-line", {
    name: escapeHtml(metric.name[locale]),
    value: quantity(value, metric, locale, t),
    target: quantity(target, metric, locale, t),
  });
  return `${line}\n${progressBar(percent)}${met ? ` ✅` : ""}`;
}

/**
 * The span the titles name: the campaign's year, or "since" that year once a later one has begun
 * (the figures keep adding up across years, so "2027 progress" would be wrong and "2026" stale).
 */
export function campaignSpan(campaign: Campaign, now: Date, tz: string): { year: string; since: "yes" | "no" } {
  const current = Number(localDateOf(now, tz).slice(0, 4));
  return { year: String(campaign.year), since: current > campaign.year ? "yes" : "no" };
}

/**
 * The /progress overview: every metric under its group heading, with value, target, bar and ✅.
 * HTML-safe (names and units escaped); about 2,000 characters for the 21 metrics.
 */
export function renderProgress(campaign: Campaign, agg: Aggregates, targets: Record<string, number>, locale: Locale, t: Translate, now: Date, tz: string): string {
  const parts = [`<b>${t("campaign-progress-title", campaignSpan(campaign, now, tz))}</b>`];
  let met = 0;
  for (const group of METRIC_GROUPS) {
    const metrics = campaign.metrics.filter((m) => m.group === group);
    if (metrics.length === 0) continue;
    const lines = metrics.map((m) => metricLines(m, agg, targets, locale, t, now, tz));
    parts.push(`<b>${t(`campaign-group-${group}`)}</b>\n${lines.join("\n")}`);
  }
  for (const m of campaign.metrics) {
    const v = currentValue(agg, m, now, tz).value;
    if (v !== null && v >= targetOf(m, targets)) met++;
  }
  parts.push(t("campaign-progress-footer", { met, total: campaign.metrics.length }));
  return parts.join("\n\n");
}

/** One record as a line: date · amount · note · source. */
function recordLine(r: ProgressRecord, metric: MetricDef, locale: Locale, t: Translate, tz: string): string {
  const date = createLocalDate(tz)(Date.parse(r.at));
  const amount =
    r.aware !== undefined && r.metricId === metric.id
      ? t("campaign-survey-batch", { aware: formatNumber(r.aware, locale), surveyed: formatNumber(r.amount, locale) })
      : `+${formatNumber(r.amount, locale)}`;
  const note = r.note === undefined ? "" : ` · ${escapeHtml(truncate(r.note, NOTE_MAX))}`;
  return `${date} · ${amount}${note} · ${t(`campaign-source-${r.source}`)}`;
}

/** /progress <metric>: the figure and bar, history by month (last 12 months with values) and the 5 latest records. */
export function renderMetricDetail(campaign: Campaign, agg: Aggregates, targets: Record<string, number>, metric: MetricDef, locale: Locale, t: Translate, now: Date, tz: string): string {
  const parts = [`<b>${escapeHtml(metric.name[locale])}</b> (<code>${escapeHtml(metric.id)}</code>)\n${metricLines(metric, agg, targets, locale, t, now, tz)}`];
  const current = currentValue(agg, metric, now, tz);
  if (current.kind === "per-period") {
    parts.push(t("campaign-detail-average", { average: quantity(current.average, metric, locale, t), periods: current.periods }));
  } else if (current.kind === "rate") {
    parts.push(t("campaign-detail-surveys", { aware: formatNumber(current.aware, locale), surveyed: formatNumber(current.surveyed, locale) }));
  }
  const history = monthHistory(agg, metric, now, tz, 12).map((h) => `${h.month}: ${quantity(h.value.value, metric.kind === "per-period" ? { ...metric, kind: "sum" } : metric, locale, t)}`);
  parts.push(`<b>${t("campaign-detail-history")}</b>\n${history.length > 0 ? history.join("\n") : t("campaign-detail-no-history")}`);
  const recent = recentRecords(agg, metric, 5).map((r) => recordLine(r, metric, locale, t, tz));
  parts.push(`<b>${t("campaign-detail-recent")}</b>\n${recent.length > 0 ? recent.join("\n") : t("campaign-detail-no-records")}`);
  return parts.join("\n\n");
}
