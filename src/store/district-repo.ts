import type { CommunityFigures } from "../domain/campaign/index.js";
import type { Localized } from "../domain/translate.js";
import type { CampaignRepo } from "./campaign-repo.js";

/**
 * What a district reads: every community's campaign figures and targets, side by side (read only;
 * summing them is the domain's `sumDistrict`). The JSON store holds one community; a PostgreSQL
 * database holds every community that has campaign figures or notices in it.
 */
export interface DistrictRepo {
  /** Every community, sorted by slug; each with its display name when the data files give one. */
  communities(): Promise<readonly CommunityFigures[]>;
}

/** A community's slug and, when data/community.json gives one, its display name. */
export interface CommunityLabel {
  slug: string;
  name?: Localized;
}

/** The JSON store's district: its one community, read through that community's own CampaignRepo. */
export function createJsonDistrictRepo(campaign: Pick<CampaignRepo, "figures">, community: CommunityLabel): DistrictRepo {
  return {
    async communities() {
      const { aggregates, targets } = await campaign.figures();
      return [{ ...community, aggregates, targets }];
    },
  };
}
