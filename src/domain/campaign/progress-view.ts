import { escapeHtml, truncate } from "../html.js";
import { localDateOf } from "../zoned-time.js";
import type { Locale, Translate } from "../translate.js";
import { currentValue, monthHistory, recentRecords, type Aggregates, type CurrentValue } from "./aggregates.js";
import { amountText, formatNumber, percentOf, progressBar, quantity, targetOf } from "./format.js";
import { createLocalDate } from "./local-time.js";
import { periodLabel } from "./period-label.js";
import { METRIC_GROUPS, type Campaign, type MetricDef, type ProgressRecord } from "./metric.js";

const NOTE_MAX = 60;

/** A metric's name, with the period its figure belongs to for a per-period metric ("…（6月29日那周）"). */
function nameWithPeriod(metric: MetricDef, current: CurrentValue, locale: Locale, t: Translate, now: Date, tz: string): string {
  const name = escapeHtml(metric.name[locale]);
  if (current.kind !== "per-period" || current.periodKey === null) return name;
  return t("campaign-name-period", { name, period: periodLabel(current.periodKey, now, tz, locale, t) });
}

/** Whether a figure meets its target. */
const meets = (value: number | null, target: number): boolean => value !== null && value >= target;

/**
 * A rate's bar shows the rate itself (94% fills 9 of 10) and how far it is from its target, never a
 * percent of the target: "▓▓▓▓▓▓▓▓▓░ 99%" beside "94% / 95%" read as if 99% were the rate.
 */
function rateBar(value: number | null, target: number, t: Translate): string {
  if (value === null) return progressBar(0).replace(/ \d+%$/, "");
  const bar = progressBar(Math.round(value)).replace(/ -?\d+%$/, "");
  if (value >= target) return `${bar} ✅`;
  return `${bar} ${t("campaign-rate-gap", { gap: Math.round((target - value) * 10) / 10 })}`;
}

/**
 * The two lines of one metric (detail, and the standing after /record, /undo, /target):
 * "name: value / target" and its bar (a sum's or period's percent of target; a rate's own value).
 */
export function metricStanding(metric: MetricDef, agg: Aggregates, targets: Record<string, number>, locale: Locale, t: Translate, now: Date, tz: string): string {
  const current = currentValue(agg, metric, now, tz);
  const target = targetOf(metric, targets);
  const line = t("campaign-metric-line", {
    name: nameWithPeriod(metric, current, locale, t, now, tz),
    // a period named beside the name needs no "/周" on its value
    value: quantity(current.value, current.kind === "per-period" && current.periodKey !== null ? { ...metric, kind: "sum" } : metric, locale, t),
    target: quantity(target, metric, locale, t),
  });
  if (metric.kind === "rate") return `${line}\n${rateBar(current.value, target, t)}`;
  return `${line}\n${progressBar(percentOf(current.value, target))}${meets(current.value, target) ? " ✅" : ""}`;
}

/** One metric on one line for the overview: "清运垃圾：300/350 车 · 86%", "创建知晓率：94%（目标 95%）". */
function overviewLine(metric: MetricDef, agg: Aggregates, targets: Readonly<Record<string, number>>, locale: Locale, t: Translate, now: Date, tz: string): string {
  const current = currentValue(agg, metric, now, tz);
  const target = targetOf(metric, targets);
  const met = meets(current.value, target) ? " ✅" : "";
  const name = nameWithPeriod(metric, current, locale, t, now, tz);
  if (metric.kind === "rate") {
    return t("campaign-overview-line", { name, figure: t("campaign-overview-rate", { value: quantity(current.value, metric, locale, t), target: quantity(target, metric, locale, t) }) }) + met;
  }
  // the period is named beside the name, so the unit needs no "/周"
  const value = current.value === null ? "—" : formatNumber(current.value, locale);
  const figure = amountText(`${value}/${formatNumber(target, locale)}`, target, { ...metric, kind: "sum" }, locale, t);
  return `${t("campaign-overview-line", { name, figure })} · ${percentOf(current.value, target)}%${met}`;
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
 * The /progress overview: every metric on one line under its group heading, at most 30 lines in all
 * (title, four headings, 21 metrics, footer), so it fits a phone screen. HTML-safe (names escaped).
 */
export function renderProgress(campaign: Campaign, agg: Aggregates, targets: Record<string, number>, locale: Locale, t: Translate, now: Date, tz: string): string {
  const { lines, met } = progressLines(campaign, agg, targets, locale, t, now, tz);
  return [`<b>${t("campaign-progress-title", campaignSpan(campaign, now, tz))}</b>`, ...lines, t("campaign-progress-footer", { met, total: campaign.metrics.length })].join("\n");
}

/**
 * The overview's body without its title and footer (every metric on one line under its group
 * heading), and how many targets are met: /progress and the district's /district share it.
 */
export function progressLines(campaign: Campaign, agg: Aggregates, targets: Readonly<Record<string, number>>, locale: Locale, t: Translate, now: Date, tz: string): { lines: string[]; met: number } {
  const lines: string[] = [];
  for (const group of METRIC_GROUPS) {
    const metrics = campaign.metrics.filter((m) => m.group === group);
    if (metrics.length === 0) continue;
    lines.push(`<b>${t(`campaign-group-${group}`)}</b>`, ...metrics.map((m) => overviewLine(m, agg, targets, locale, t, now, tz)));
  }
  const met = campaign.metrics.filter((m) => meets(currentValue(agg, m, now, tz).value, targetOf(m, targets))).length;
  return { lines, met };
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

/**
 * /progress <metric>: the figure and bar, history by month (last 12 months with values) and the 5
 * latest records. The metric's id (for /record) only for staff (`showId`): residents need no ids.
 */
export function renderMetricDetail(campaign: Campaign, agg: Aggregates, targets: Record<string, number>, metric: MetricDef, locale: Locale, t: Translate, now: Date, tz: string, showId = false): string {
  const title = `<b>${escapeHtml(metric.name[locale])}</b>${showId ? ` <code>${escapeHtml(metric.id)}</code>` : ""}`;
  const parts = [`${title}\n${metricStanding(metric, agg, targets, locale, t, now, tz)}`];
  const current = currentValue(agg, metric, now, tz);
  if (current.kind === "per-period") {
    parts.push(t("campaign-detail-average", { average: quantity(current.average, metric, locale, t), periods: current.periods }));
    if (current.pending) parts.push(t("campaign-detail-pending", { period: periodLabel(current.pending.periodKey, now, tz, locale, t), marked: current.pending.marked }));
  } else if (current.kind === "rate") {
    parts.push(t("campaign-detail-surveys", { aware: current.aware, surveyed: current.surveyed }));
  }
  const history = monthHistory(agg, metric, now, tz, 12).map((h) => `${h.month}: ${quantity(h.value.value, metric.kind === "per-period" ? { ...metric, kind: "sum" } : metric, locale, t)}`);
  parts.push(`<b>${t("campaign-detail-history")}</b>\n${history.length > 0 ? history.join("\n") : t("campaign-detail-no-history")}`);
  const recent = recentRecords(agg, metric, 5).map((r) => recordLine(r, metric, locale, t, tz));
  parts.push(`<b>${t("campaign-detail-recent")}</b>\n${recent.length > 0 ? recent.join("\n") : t("campaign-detail-no-records")}`);
  return parts.join("\n\n");
}
