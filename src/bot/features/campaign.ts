import { Composer, InputFile } from "grammy";
import { createAnswerCache } from "./answer-cache.js";
import {
  campaignSpan, currentValue, findMetric, metricStanding, parseRecordArgs, parseTargetArgs, percentOf, quantity, renderMetricDetail, renderProgress,
  resolveMetric, suggestMetrics, type ArgsFailure, type Campaign, type MetricDef, type ProgressRecord,
} from "../../domain/campaign/index.js";
import { escapeHtml, splitMessage, truncate } from "../../domain/html.js";
import type { Locale, Translate } from "../../domain/translate.js";
import type { CampaignFigures, CampaignRepo } from "../../store/campaign-repo.js";
import type { ChartRenderer, ChartSpec } from "../chart/progress-chart.js";
import type { BotContext } from "../context.js";
import { commandArgs, senderIsStaff, staffOnly } from "../guards.js";
import { FlatComposer } from "../flat-composer.js";

export interface CampaignFeatureServices {
  repo: CampaignRepo;
  campaign: Campaign;
  /** When given, staff also get a PNG chart with /progress. */
  chart?: ChartRenderer;
}

const translate = (ctx: BotContext): Translate => (key, args) => ctx.t(key, args);

/** The chart of every metric's percent of target, in one language. */
export function progressChartSpec(figures: CampaignFigures, campaign: Campaign, locale: Locale, t: Translate, now: Date, tz: string): ChartSpec {
  const { aggregates, targets } = figures;
  const bars = campaign.metrics.map((m) => {
    const value = currentValue(aggregates, m, now, tz).value;
    const target = targets[m.id] ?? m.target;
    return { label: m.name[locale], percent: percentOf(value, target), met: value !== null && value >= target };
  });
  return { title: t("campaign-chart-title", campaignSpan(campaign, now, tz)), targetLabel: t("campaign-target"), bars };
}

/** A metric as `<code>id</code> name`, for suggestion lists. */
const named = (m: MetricDef, locale: Locale): string => `<code>${escapeHtml(m.id)}</code> ${escapeHtml(m.name[locale])}`;

/** The metric the words at the start of the arguments name (for the unit list of a bad-unit error). */
function metricOfArgs(args: string, campaign: Campaign): MetricDef | undefined {
  const words = args.split(/\s+/).filter(Boolean);
  for (let n = words.length; n >= 1; n--) {
    const phrase = words.slice(0, n).join(" ");
    const found = resolveMetric(phrase, campaign) ?? resolveMetric(phrase.replace(/[\d.,，万千]+.*$/u, ""), campaign);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The error text for refused /record or /target arguments: what is wrong, and close matches. */
function argsError(failure: ArgsFailure, args: string, campaign: Campaign, locale: Locale, t: Translate, usageKey: string): string {
  const lines: string[] = [];
  const metric = failure.error === "bad-unit" ? metricOfArgs(args, campaign) : undefined;
  if (failure.error === "bad-unit") {
    lines.push(t("campaign-error-bad-unit", { unit: metric ? escapeHtml(metric.unit[locale]) : "?" }));
    if (metric) lines.push(t("campaign-error-units", { units: [...new Set([metric.unit[locale], ...metric.unitAliases.map((u) => u.text)])].map(escapeHtml).join(locale === "zh" ? "、" : ", ") }));
  } else if (failure.metricId !== undefined && failure.amount !== undefined) {
    // a refused figure (not-whole, rate-as-fraction): say which metric and echo the figure exactly
    const refused = findMetric(campaign, failure.metricId);
    const name = escapeHtml(refused?.name[locale] ?? failure.metricId);
    lines.push(t(`campaign-error-${failure.error}`, { name, unit: refused ? escapeHtml(refused.unit[locale]) : "", value: String(failure.amount) }));
  } else lines.push(t(`campaign-error-${failure.error}`));
  const suggestions = failure.suggestions.map((id) => findMetric(campaign, id)).filter((m) => m !== undefined);
  if (suggestions.length > 0) lines.push(t("campaign-error-suggestions", { suggestions: suggestions.map((m) => named(m, locale)).join(locale === "zh" ? "；" : "; ") }));
  else if (failure.error === "unknown-metric") lines.push(t("campaign-error-see-list"));
  lines.push(t(usageKey));
  return lines.join("\n");
}

/** "name: value / target" with the bar, after a change. */
async function standing(repo: CampaignRepo, metric: MetricDef, locale: Locale, t: Translate, now: Date, tz: string): Promise<string> {
  const { aggregates, targets } = await repo.figures();
  return metricStanding(metric, aggregates, targets, locale, t, now, tz);
}

/** Notes are kept whole; a confirmation shows the start (a 4,000-character note, escaped, would not fit a message). */
const NOTE_PREVIEW = 300;
const notePreview = (note: string): string => truncate(note, NOTE_PREVIEW);

/** One record's amount for a confirmation ("12 车", or the survey batch). */
function amountText(r: ProgressRecord, metric: MetricDef, locale: Locale, t: Translate): string {
  if (r.aware !== undefined) return t("campaign-survey-batch", { aware: r.aware, surveyed: r.amount });
  return quantity(r.amount, metric.kind === "per-period" ? { ...metric, kind: "sum" } : metric, locale, t);
}

/**
 * /progress [metric] for everyone (staff also get a PNG chart), and for staff /record, /undo and
 * /target. Replies that say "done" are sent only once the change is on disk.
 */
export function createCampaignFeature(services: CampaignFeatureServices): Composer<BotContext> {
  const { repo, campaign, chart } = services;
  const progressCache = createAnswerCache<string>(4);
  // staff's chart follows the same figures: rendered once per version, day and language
  const chartCache = createAnswerCache<Buffer>(4);
  const feature = new FlatComposer<BotContext>();

  feature.command("progress", async (ctx) => {
    const t = translate(ctx);
    const { now, timezone } = ctx.deps;
    const at = now();
    const arg = commandArgs(ctx);
    if (arg !== "") {
      const metric = resolveMetric(arg, campaign);
      if (metric === undefined) {
        await ctx.reply(argsError({ ok: false, error: "unknown-metric", suggestions: suggestMetrics(arg, campaign) }, arg, campaign, ctx.locale, t, "campaign-progress-usage"));
        return;
      }
      const staff = await senderIsStaff(ctx);
      const { aggregates, targets } = await repo.figures();
      for (const part of splitMessage(renderMetricDetail(campaign, aggregates, targets, metric, ctx.locale, t, at, timezone, staff))) await ctx.reply(part);
      return;
    }
    const figures = await repo.figures();
    const overview = progressCache.get({ version: figures.version, now: at, timezone, key: ctx.locale }, () =>
      renderProgress(campaign, figures.aggregates, figures.targets, ctx.locale, t, at, timezone),
    );
    for (const part of splitMessage(overview ?? "")) await ctx.reply(part);
    if (chart === undefined || ctx.from === undefined || !(await senderIsStaff(ctx))) return;
    let png: Buffer | undefined;
    try {
      png = chartCache.get({ version: figures.version, now: at, timezone, key: ctx.locale }, () => chart(progressChartSpec(figures, campaign, ctx.locale, t, at, timezone)));
    } catch (err) {
      // the text above already answered; a chart failure must not look like a failed /progress
      ctx.deps.log.error({ err }, "progress chart failed");
      return;
    }
    if (png === undefined) return; // the renderer always gives a buffer; the cache's type allows none
    await ctx.replyWithPhoto(new InputFile(png, "progress.png"), { caption: t("campaign-chart-caption") });
  });

  feature.command("record", staffOnly, async (ctx) => {
    const t = translate(ctx);
    const args = commandArgs(ctx);
    if (args === "") return void (await ctx.reply(t("campaign-record-usage")));
    const parsed = parseRecordArgs(args, campaign);
    if (!parsed.ok) return void (await ctx.reply(argsError(parsed, args, campaign, ctx.locale, t, "campaign-record-usage")));
    const metric = findMetric(campaign, parsed.metricId);
    if (metric === undefined || ctx.from === undefined) return;
    const { ok: _ok, ...input } = parsed;
    const record = await repo.record(ctx.from.id, input);
    const head = record.aware !== undefined
      ? t("campaign-record-ok-survey", { surveyed: record.amount, aware: record.aware })
      : t("campaign-record-ok", { name: escapeHtml(metric.name[ctx.locale]), value: amountText(record, metric, ctx.locale, t) });
    const note = record.note === undefined ? "" : `\n${t("campaign-record-note", { note: escapeHtml(notePreview(record.note)) })}`;
    await ctx.reply(`${head}${note}\n\n${await standing(repo, metric, ctx.locale, t, ctx.deps.now(), ctx.deps.timezone)}`);
  });

  feature.command("undo", staffOnly, async (ctx) => {
    const t = translate(ctx);
    if (ctx.from === undefined) return;
    const removed = await repo.undo(ctx.from.id);
    const metric = removed === undefined ? undefined : findMetric(campaign, removed.metricId);
    if (removed === undefined || metric === undefined) return void (await ctx.reply(t("campaign-undo-none")));
    const text = t("campaign-undo-ok", { name: escapeHtml(metric.name[ctx.locale]), value: amountText(removed, metric, ctx.locale, t) });
    await ctx.reply(`${text}\n\n${await standing(repo, metric, ctx.locale, t, ctx.deps.now(), ctx.deps.timezone)}`);
  });

  feature.command("target", staffOnly, async (ctx) => {
    const t = translate(ctx);
    const args = commandArgs(ctx);
    if (args === "") return void (await ctx.reply(t("campaign-target-usage")));
    const parsed = parseTargetArgs(args, campaign);
    if (!parsed.ok) return void (await ctx.reply(argsError(parsed, args, campaign, ctx.locale, t, "campaign-target-usage")));
    const metric = findMetric(campaign, parsed.metricId);
    if (metric === undefined) return;
    await repo.setTarget(metric.id, parsed.value);
    const text = t("campaign-target-ok", { name: escapeHtml(metric.name[ctx.locale]), target: quantity(parsed.value, metric, ctx.locale, t) });
    await ctx.reply(`${text}\n\n${await standing(repo, metric, ctx.locale, t, ctx.deps.now(), ctx.deps.timezone)}`);
  });

  return feature;
}
