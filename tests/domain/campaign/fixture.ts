import { join } from "node:path";
import { apply, createAggregates, type Aggregates } from "../../../src/domain/campaign/aggregates.js";
import type { Campaign } from "../../../src/domain/campaign/metric.js";
import { loadCampaign, type LoadedCampaign } from "../../../src/store/campaign-catalog.js";

/** The real campaign data, loaded once per test file. */
export function loadRealCampaign(): Promise<LoadedCampaign> {
  return loadCampaign(join(process.cwd(), "data"));
}

/** The real campaign with running aggregates holding the seed's figures, and the default targets. */
export async function loadSeededCampaign(tz: string): Promise<{ campaign: Campaign; agg: Aggregates; targets: Record<string, number> }> {
  const loaded = await loadRealCampaign();
  const agg = createAggregates(loaded.campaign, tz);
  for (const r of loaded.seedRecords) apply(agg, r);
  return { campaign: loaded.campaign, agg, targets: loaded.defaultTargets };
}
