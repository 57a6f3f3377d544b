import type { Locale, Translate } from "../translate.js";
import { escapeHtml } from "../html.js";
import { currentValue, valueInPeriod, type Aggregates, type CurrentValue } from "./aggregates.js";
import { formatNumber, percentOf, quantity, targetOf } from "./format.js";
import { findMetric, type Campaign, type MetricDef } from "./metric.js";
import { periodLabel } from "./period-label.js";
import { renderProgress } from "./progress-view.js";
import type { Intent } from "./questions.js";

/**
 * The reply to a question. `next-notice` is a marker: the schedule lives outside the domain, so the
 * caller answers it (after how to sign up, when `howToSignUp`). `unknown` carries a text the caller may send (in a private chat, or to an
 * @mention in a group) or drop: what the bot can be asked, a greeting, or "you're welcome".
 */
export type Answer =
  | { kind: "text"; text: string }
  | { kind: "next-notice"; noticeId?: string; howToSignUp?: true }
  | { kind: "unknown"; text: string };

/** How far a figure is from its target, in its unit ("50 车", "1 个百分点"); undefined without a figure. */
function gapText(metric: MetricDef, current: CurrentValue, target: number, locale: Locale, t: Translate): string | undefined {
  if (current.value === null) return undefined;
  const gap = Math.max(0, target - current.value);
  if (metric.kind === "rate") return t("campaign-points", { n: Math.round(gap * 10) / 10 });
  return quantity(gap, { ...metric, kind: "sum" }, locale, t);
}

/** The headline answer about one metric: figure, unit, target (and the period for a per-period metric). */
function headlineOf(metric: MetricDef, current: CurrentValue, target: number, locale: Locale, t: Translate, now: Date, tz: string): string {
  const met = current.value !== null && current.value >= target;
  const common = { name: escapeHtml(metric.name[locale]), target: quantity(target, metric, locale, t), percent: percentOf(current.value, target), met: met ? "yes" : "no" };
  if (current.kind === "rate") {
    if (current.value === null) return t("campaign-answer-rate-none", common);
    return t("campaign-answer-rate", { ...common, value: quantity(current.value, metric, locale, t), aware: formatNumber(current.aware, locale), surveyed: formatNumber(current.surveyed, locale) });
  }
  if (current.kind === "per-period") {
    const plain = { ...metric, kind: "sum" as const };
    const period = current.periodKey === null ? t("campaign-period-none") : periodLabel(current.periodKey, now, tz, locale, t);
    return t("campaign-answer-per-period", { ...common, period, value: quantity(current.value, plain, locale, t), average: quantity(current.average, plain, locale, t) });
  }
  return t("campaign-answer-sum", { ...common, value: quantity(current.value, metric, locale, t) });
}

/**
 * Answers an understood question with the figure, its unit and target; a yes/no question ("达标了吗")
 * first with yes or no; a greeting with a greeting and what can be asked (see `Answer` for the kinds).
 */
export function answerQuestion(intent: Intent, campaign: Campaign, agg: Aggregates, targets: Record<string, number>, locale: Locale, t: Translate, now: Date, tz: string): Answer {
  switch (intent.kind) {
    case "next-notice":
      return intent.noticeId === undefined ? { kind: "next-notice" } : { kind: "next-notice", noticeId: intent.noticeId };
    case "how-to-sign-up":
      // how to sign up, then what is coming: the caller knows the schedule
      return { kind: "next-notice", howToSignUp: true };
    case "progress-overview":
      return { kind: "text", text: renderProgress(campaign, agg, targets, locale, t, now, tz) };
    case "greeting":
      return { kind: "unknown", text: `${t("campaign-greeting")}\n${t("campaign-help-examples")}` };
    case "thanks":
      return { kind: "unknown", text: t("campaign-thanks") };
    case "unknown":
      return { kind: "unknown", text: `${t("campaign-not-understood")}\n${t("campaign-help-examples")}` };
    case "metric":
      break;
  }
  const metric = findMetric(campaign, intent.metricId);
  if (metric === undefined) return { kind: "unknown", text: `${t("campaign-not-understood")}\n${t("campaign-help-examples")}` };
  const target = targetOf(metric, targets);
  const current = currentValue(agg, metric, now, tz);
  let text = headlineOf(metric, current, target, locale, t, now, tz);
  if (intent.yesNo) {
    const met = current.value !== null && current.value >= target;
    const gap = gapText(metric, current, target, locale, t);
    const verdict = met ? t("campaign-answer-yes") : gap === undefined ? t("campaign-answer-no-data") : t("campaign-answer-no", { gap });
    text = `${verdict}\n${text}`;
  }
  if (intent.period === undefined) return { kind: "text", text };
  const inPeriod = valueInPeriod(agg, metric, intent.period, now, tz);
  const plain = metric.kind === "per-period" ? { ...metric, kind: "sum" as const } : metric;
  const name = escapeHtml(metric.name[locale]);
  const periodLine = t("campaign-answer-in-period", { name, period: t(`campaign-period-${intent.period}`), value: quantity(inPeriod.value, plain, locale, t) });
  return { kind: "text", text: `${periodLine}\n${text}` };
}
