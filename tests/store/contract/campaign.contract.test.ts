import { loadCampaign } from "../../../src/store/campaign-catalog.js";
import type { CampaignRepo } from "../../../src/store/campaign-repo.js";
import { describeCampaignContract } from "./campaign.contract.js";
import { forEachBackend } from "./harness.js";

// every backend runs the campaign contract on a fresh store of its own (harness.ts)
forEachBackend("campaign", (make) =>
  describeCampaignContract("real data", () => loadCampaign("data"), async (options) => {
    const h = await make();
    let repo: CampaignRepo = await h.campaign(options);
    return {
      get repo() {
        return repo;
      },
      async reopen() {
        await h.reopen();
        repo = await h.campaign(options);
        return repo;
      },
      close: () => h.dispose(),
    };
  }),
);
