/**
 * The campaign a survey contract suite counts forms through: on the JSON store its own campaign (one
 * document with the survey, so `replaceSurveyForm` writes both at once); on a backend whose campaign
 * is not part of this suite, the JSON store's campaign in a folder of its own, a real `CampaignRepo`
 * the survey reaches only through its interface. Reopened with the backend.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LoadedCampaign } from "../../../src/store/campaign-catalog.js";
import { createCampaignRepo, type CampaignRepo } from "../../../src/store/campaign-repo.js";
import { openStore, type Store } from "../../../src/store/engine/store.js";
import type { BackendHandle } from "./harness.js";

export interface SurveyCampaign {
  /** the campaign as it is now (a new one after `reopen`) */
  repo(): CampaignRepo;
  reopen(): Promise<void>;
  dispose(): Promise<void>;
}

export async function surveyCampaign(h: BackendHandle, loaded: LoadedCampaign, now: () => Date): Promise<SurveyCampaign> {
  const options = { ...loaded, timezone: "Asia/Shanghai", now };
  if (h.store) {
    let repo = await createCampaignRepo({ store: h.store, ...options });
    return {
      repo: () => repo,
      async reopen() {
        repo = await createCampaignRepo({ store: h.store as Store, ...options });
      },
      dispose: () => Promise.resolve(),
    };
  }
  const dir = await mkdtemp(join(tmpdir(), "survey-campaign-"));
  const file = join(dir, "db.json");
  let store = await openStore({ file, keepBackup: false });
  let repo = await createCampaignRepo({ store, ...options });
  return {
    repo: () => repo,
    async reopen() {
      await store.close();
      store = await openStore({ file, keepBackup: false });
      repo = await createCampaignRepo({ store, ...options });
    },
    async dispose() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
