import type { Composer } from "grammy";
import { renderDistrict, renderDistrictMetric, resolveMetric, suggestMetrics, sumDistrict, type Campaign } from "../../domain/campaign/index.js";
import { escapeHtml, splitMessage } from "../../domain/html.js";
import type { DistrictRepo } from "../../store/district-repo.js";
import type { BotContext } from "../context.js";
import { FlatComposer } from "../flat-composer.js";
import { commandArgs, districtOnly } from "../guards.js";

export interface DistrictFeatureServices {
  repo: DistrictRepo;
  campaign: Campaign;
}

/** The reply to a metric /district does not know: what is wrong, close matches, how to list them. */
function unknownMetric(ctx: BotContext, arg: string, campaign: Campaign): string {
  const lines = [ctx.t("campaign-error-unknown-metric")];
  const close = suggestMetrics(arg, campaign).map((id) => campaign.metrics.find((m) => m.id === id)).filter((m) => m !== undefined);
  const list = close.map((m) => `<code>${escapeHtml(m.id)}</code> ${escapeHtml(m.name[ctx.locale])}`).join(ctx.locale === "zh" ? "；" : "; ");
  lines.push(close.length > 0 ? ctx.t("campaign-error-suggestions", { suggestions: list }) : ctx.t("district-see-list"), ctx.t("district-usage"));
  return lines.join("\n");
}

/**
 * /district (district officials, DISTRICT_IDS in the deps; private chat): every community's figures summed, laid out as
 * /progress; /district <metric> (an id or alias, as /progress takes it): that metric per community
 * and the district's total. Read only: it changes nothing.
 */
export function createDistrictFeature(services: DistrictFeatureServices): Composer<BotContext> {
  const { repo, campaign } = services;
  const feature = new FlatComposer<BotContext>();
  feature.command("district", districtOnly, async (ctx) => {
    // the figures of every community are for the official, not for a group's members
    if (ctx.chat.type !== "private") return void (await ctx.reply(ctx.t("group-private-only")));
    const { now, timezone } = ctx.deps;
    const at = now();
    const arg = commandArgs(ctx);
    const metric = arg === "" ? undefined : resolveMetric(arg, campaign);
    if (arg !== "" && metric === undefined) return void (await ctx.reply(unknownMetric(ctx, arg, campaign)));
    const communities = await repo.communities();
    const district = sumDistrict(campaign, communities, timezone);
    const t = (key: string, args?: Record<string, string | number>) => ctx.t(key, args);
    const text = metric === undefined
      ? renderDistrict(campaign, district, ctx.locale, t, at, timezone)
      : renderDistrictMetric(metric, communities, district, ctx.locale, t, at, timezone);
    for (const part of splitMessage(text)) await ctx.reply(part);
  });
  return feature;
}
