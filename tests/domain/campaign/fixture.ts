import { join } from "node:path";
import { loadCampaign, type LoadedCampaign } from "../../../src/store/campaign-catalog.js";

/** The real campaign data, loaded once per test file. */
export function loadRealCampaign(): Promise<LoadedCampaign> {
  return loadCampaign(join(process.cwd(), "data"));
}
