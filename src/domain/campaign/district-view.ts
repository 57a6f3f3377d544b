import { escapeHtml } from "../html.js";
import type { Locale, Translate } from "../translate.js";
import { currentValue } from "./aggregates.js";
import { districtBreakdown, type CommunityFigures, type CommunityStanding, type DistrictFigures } from "./district.js";
import { amountText, formatNumber, percentOf, quantity } from "./format.js";
import type { Campaign, MetricDef } from "./metric.js";
import { periodLabel } from "./period-label.js";
import { campaignSpan, metricStanding, progressLines } from "./progress-view.js";

/** A community's name in the reader's language, else its slug (HTML-escaped). */
const communityName = (c: { slug: string; name?: { zh: string; en: string } }, locale: Locale): string => escapeHtml(c.name?.[locale] ?? c.slug);

/**
 * /district: every metric summed over the communities, laid out as /progress lays out one
 * community's (its lines and bars), under a title that says how many communities are in it.
 */
export function renderDistrict(campaign: Campaign, district: DistrictFigures, locale: Locale, t: Translate, now: Date, tz: string): string {
  if (district.communities === 0) return t("district-none");
  const { lines, met } = progressLines(campaign, district.aggregates, district.targets, locale, t, now, tz);
  const title = `<b>${t("district-title", { ...campaignSpan(campaign, now, tz), communities: district.communities })}</b>`;
  return [title, ...lines, t("district-rate-rule"), t("district-footer", { met, total: campaign.metrics.length })].join("\n");
}

/** One community's figure of a sum or per-period metric: "300/350 车 · 86%", "—" when not counted. */
function amountLine(row: CommunityStanding, metric: MetricDef, locale: Locale, t: Translate): string {
  if (row.value === null) return t("district-not-counted");
  const figure = amountText(`${formatNumber(row.value, locale)}/${formatNumber(row.target, locale)}`, row.target, { ...metric, kind: "sum" }, locale, t);
  return `${figure} · ${percentOf(row.value, row.target)}%${row.value >= row.target ? " ✅" : ""}`;
}

function rowLine(row: CommunityStanding, metric: MetricDef, locale: Locale, t: Translate): string {
  const name = communityName(row, locale);
  if (metric.kind !== "rate") return t("campaign-overview-line", { name, figure: amountLine(row, metric, locale, t) });
  return t("district-rate-line", { name, value: quantity(row.value, metric, locale, t), aware: row.aware, surveyed: row.surveyed, target: quantity(row.target, metric, locale, t) });
}

/**
 * /district <metric>: the district's figure and bar (as /progress shows one metric), then each
 * community's figure, target and percentage: the parts the district's figure is made of.
 */
export function renderDistrictMetric(metric: MetricDef, communities: readonly CommunityFigures[], district: DistrictFigures, locale: Locale, t: Translate, now: Date, tz: string): string {
  if (district.communities === 0) return t("district-none");
  const head = `<b>${escapeHtml(metric.name[locale])}</b> · ${t("district-communities", { communities: district.communities })}`;
  const parts = [`${head}\n${metricStanding(metric, district.aggregates, district.targets, locale, t, now, tz)}`];
  const current = currentValue(district.aggregates, metric, now, tz);
  if (current.kind === "rate") parts.push(`${t("campaign-detail-surveys", { aware: current.aware, surveyed: current.surveyed })}\n${t("district-rate-rule")}`);
  const { rows, periodKey } = districtBreakdown(metric, communities, district, now, tz);
  const heading = periodKey === null ? t("district-by-community") : t("district-by-community-period", { period: periodLabel(periodKey, now, tz, locale, t) });
  parts.push(`<b>${heading}</b>\n${rows.map((r) => rowLine(r, metric, locale, t)).join("\n")}`);
  return parts.join("\n\n");
}
