import { communityLabel } from "./app-repos.js";
import type { Repositories } from "./app-repositories.js";
import type { Config } from "./config.js";
import type { Localized } from "./domain/translate.js";
import { createCatalogReader } from "./store/catalog-reader.js";
import { loadCommunityData } from "./store/community-data.js";
import type { StoredConversation } from "./bot/features/event.js";
import { createAttendanceFeed } from "./store/attendance-feed.js";
import { createPgAudienceRepo } from "./store/postgres/audience-pg.js";
import { createPgBulletinRepo } from "./store/postgres/bulletins-pg.js";
import { createPgCampaignRepo } from "./store/postgres/campaign-pg.js";
import { createPgChatsRepo } from "./store/postgres/chats-pg.js";
import { createPgConversationRepo } from "./store/postgres/conversations-pg.js";
import { createPgNoticesRepo } from "./store/postgres/notices-pg.js";
import { createPgLocaleService, pgPartyMembers } from "./store/postgres/people-pg.js";
import { createPgSignupRepo } from "./store/postgres/signups-pg.js";
import { createPgSurveyRepo } from "./store/postgres/survey-pg.js";
import { createPgUsersRepo } from "./store/postgres/users-pg.js";
import { createPgCompoundsRepo } from "./store/postgres/compounds-pg.js";
import type { PgDb } from "./store/postgres/database.js";
import { createPgDateOverridesRepo } from "./store/postgres/date-overrides-pg.js";
import { createPgDeliveriesRepo } from "./store/postgres/deliveries-pg.js";
import { createPgDistrictRepo } from "./store/postgres/district-pg.js";
import { createPgDraftsRepo } from "./store/postgres/drafts-pg.js";
import { createPgOutboxRepo } from "./store/postgres/outbox-pg.js";
import { createPgRateWindows } from "./store/postgres/rate-windows-pg.js";
import { createPgScheduledRepo } from "./store/postgres/scheduled-pg.js";
import { createPgScheduleKeys } from "./store/postgres/updates-pg.js";

/**
 * The PostgreSQL backend's bag (see app-repositories.ts): every repository scoped to `community`,
 * built in the same order as the JSON store's (app-repos.ts), so the data files seed a community's
 * rows on its first start (notices, compounds, the campaign's targets), once even when instances
 * start together.
 */
export function pgRepositories(db: PgDb, community: string) {
  return async (config: Config, now: () => Date): Promise<Repositories> => {
    const { catalog, campaign, compounds, questionnaire } = await loadCommunityData(config.dataDir, config.timezone);
    const timezone = catalog.timezone;
    const bulletins = await createPgBulletinRepo(db, community, catalog, now);
    const dateOverrides = await createPgDateOverridesRepo(db, community, catalog, now);
    // every read of the notices first catches up with moves and skips made on other instances
    const notices = await createPgNoticesRepo(db, community, catalog, dateOverrides.apply, () => dateOverrides.refresh());
    const signups = createPgSignupRepo(db, community, { catalog, timezone, now });
    dateOverrides.onMoved = (noticeId, from, to) => signups.occurrenceMoved(noticeId, from, to);
    const campaignRepo = await createPgCampaignRepo(db, community, now, { ...campaign, timezone });
    return {
      catalog: createCatalogReader({ timezone, notices, bulletins }),
      timezone,
      campaign,
      bulletins,
      dateOverrides,
      notices,
      signups,
      campaignRepo,
      compounds: createPgCompoundsRepo(db, community, compounds, now),
      scheduled: createPgScheduledRepo(db, community, now),
      deliveries: createPgDeliveriesRepo(db, community),
      core: {
        users: createPgUsersRepo(db, community, now),
        chats: createPgChatsRepo(db, community, now),
        locales: createPgLocaleService(db, community),
      },
      outboxRepo: createPgOutboxRepo(db, community, now),
      scheduleKeys: createPgScheduleKeys(db, community),
      audience: createPgAudienceRepo(db, community),
      drafts: createPgDraftsRepo(db, community, now),
      conversations: createPgConversationRepo<StoredConversation>(db, community),
      attendanceFeed: createAttendanceFeed(pgPartyMembers(db, community), campaign.campaign, campaignRepo),
      surveyRepo: await createPgSurveyRepo(db, community, now, { campaign: campaignRepo, questionnaire }),
      district: createPgDistrictRepo(db, { campaign: campaign.campaign, defaultTargets: campaign.defaultTargets, timezone, names: await knownNames(config, community) }),
      rateWindows: createPgRateWindows(db, community),
    };
  };
}

/**
 * The display names this instance knows: those of the communities its bot serves that have their
 * own folder, else its own, from its data files; any other community shows its slug.
 */
async function knownNames(config: Config, community: string): Promise<ReadonlyMap<string, Localized>> {
  if (config.communityNames) return config.communityNames;
  const { name } = await communityLabel({ community, dataDir: config.dataDir });
  return new Map(name ? [[community, name]] : []);
}
