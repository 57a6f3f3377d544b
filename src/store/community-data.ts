import type { NoticeCatalog } from "../domain/notice.js";
import type { Compound } from "../domain/compounds.js";
import type { Questionnaire } from "../domain/survey/questionnaire.js";
import { loadCampaign, type LoadedCampaign } from "./campaign-catalog.js";
import { loadCompounds } from "./compound-catalog.js";
import { loadNoticeCatalog } from "./notice-catalog.js";
import { loadSurvey } from "./survey-catalog.js";

/** A community's data files, read and validated once, whichever backend keeps the rest. */
export interface CommunityData {
  /** the notices and bulletins of the files, in the community's time zone (COMMUNITY_TZ wins) */
  catalog: NoticeCatalog;
  campaign: LoadedCampaign;
  compounds: Compound[];
  questionnaire: Questionnaire | undefined;
}

/** Reads `dataDir` (a bad file stops the bot with a message naming it). */
export async function loadCommunityData(dataDir: string, timezone?: string): Promise<CommunityData> {
  const catalog = await loadNoticeCatalog(dataDir, timezone);
  const campaign = await loadCampaign(dataDir);
  const rateMetrics = new Set(campaign.campaign.metrics.filter((m) => m.kind === "rate").map((m) => m.id));
  return { catalog, campaign, compounds: await loadCompounds(dataDir), questionnaire: await loadSurvey(dataDir, rateMetrics) };
}
