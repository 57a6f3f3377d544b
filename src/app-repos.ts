import type { Repositories } from "./app-repositories.js";
import type { StoredConversation } from "./bot/features/event.js";
import type { Config } from "./config.js";
import type { Localized } from "./domain/translate.js";
import { createAttendanceFeed } from "./store/attendance-feed.js";
import { createAudienceRepo } from "./store/audience-repo.js";
import { createDeliveriesRepo } from "./store/deliveries-repo.js";
import { createJsonDistrictRepo } from "./store/district-repo.js";
import { findCommunityName } from "./store/report-data.js";
import { createBulletinRepo } from "./store/bulletin-repo.js";
import { createCampaignRepo } from "./store/campaign-repo.js";
import { createCatalogReader } from "./store/catalog-reader.js";
import { loadCommunityData } from "./store/community-data.js";
import { createCompoundsRepo } from "./store/compounds-repo.js";
import { createConversationRepo } from "./store/conversation-repo.js";
import { createDraftsRepo } from "./store/drafts-repo.js";
import { createDateOverridesRepo } from "./store/date-overrides-repo.js";
import { createNoticesRepo } from "./store/notices-repo.js";
import { createOutboxRepo } from "./store/outbox-repo.js";
import { createPeopleRepos } from "./store/people-repos.js";
import { jsonPartyMembers } from "./store/users-repo.js";
import { createScheduleKeys } from "./store/schedule-keys.js";
import { createScheduledRepo } from "./store/scheduled-repo.js";
import { createSignupRepo } from "./store/signup-repo.js";
import type { Store } from "./store/engine/store.js";
import { createSurveyRepo } from "./store/survey-repo.js";
import { createMemoryRateWindows } from "./store/rate-windows.js";

/**
 * Reads (and validates) the data files and builds the repositories over the open store, in the
 * order they depend on each other: the notice catalog is the store's view once the notices, their
 * moved and skipped dates and the bulletins are merged in, and the sign-up log is folded over it.
 * The JSON backend's bag (see app-repositories.ts).
 */
export async function createRepositories(config: Config, store: Store, now: () => Date): Promise<Repositories> {
  const { catalog, campaign, compounds, questionnaire } = await loadCommunityData(config.dataDir, config.timezone);
  const timezone = catalog.timezone;
  // from here on catalog.bulletins is the repository's view: the files' issues and those published in the chat
  const bulletins = createBulletinRepo({ store, catalog, now });
  // from here on catalog.notices is the store's list: data/notices.json only seeds it on first start;
  // moved and skipped dates are merged in before the sign-up log is folded over it, and into every
  // list the notices repository puts there after an edit
  const dateOverrides = createDateOverridesRepo(store, catalog, now);
  const notices = await createNoticesRepo({ store, catalog, decorate: dateOverrides.apply });
  const signups = await createSignupRepo({ store, catalog, timezone, now });
  dateOverrides.onMoved = (noticeId, from, to) => signups.occurrenceMoved(noticeId, from, to);
  const core = createPeopleRepos(store, now);
  const campaignRepo = await createCampaignRepo({ store, ...campaign, timezone, now });
  return {
    // the live catalog above stays inside the store's repositories
    catalog: createCatalogReader({ timezone, notices, bulletins }),
    timezone,
    campaign,
    bulletins,
    dateOverrides,
    notices,
    signups,
    campaignRepo,
    compounds: createCompoundsRepo(store, compounds, now),
    scheduled: createScheduledRepo(store, now),
    deliveries: createDeliveriesRepo(store),
    core,
    outboxRepo: createOutboxRepo(store, now),
    scheduleKeys: createScheduleKeys(store),
    audience: createAudienceRepo(store),
    drafts: createDraftsRepo(store, now),
    conversations: createConversationRepo<StoredConversation>(store),
    attendanceFeed: createAttendanceFeed(jsonPartyMembers(store), campaign.campaign, campaignRepo),
    surveyRepo: createSurveyRepo({ store, campaign: campaignRepo, questionnaire, now }),
    district: createJsonDistrictRepo(campaignRepo, await communityLabel(config)),
    rateWindows: createMemoryRateWindows(() => performance.now()),
  };
}

/** This instance's community as the district names it: data/community.json's name, else the slug. */
export async function communityLabel(config: Pick<Config, "community" | "dataDir">): Promise<{ slug: string; name?: Localized }> {
  const name = await findCommunityName(config.dataDir);
  return { slug: config.community, ...(name ? { name } : {}) };
}

/**
 * The community's name in greetings: with several communities on one bot, its own folder's name
 * (one seeded from the shared template has none, and is greeted with a neutral word rather than
 * the template's name); with one, data/community.json's.
 */
export async function greetingName(config: Pick<Config, "community" | "dataDir" | "communityNames">): Promise<Localized | undefined> {
  return config.communityNames ? config.communityNames.get(config.community) : findCommunityName(config.dataDir);
}
