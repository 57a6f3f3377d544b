import type { StoredConversation } from "./bot/features/event.js";
import type { Config } from "./config.js";
import type { createAttendanceFeed } from "./store/attendance-feed.js";
import type { AudienceRepo } from "./store/audience-repo.js";
import type { BulletinRepo } from "./store/bulletin-repo.js";
import type { LoadedCampaign } from "./store/campaign-catalog.js";
import type { CampaignRepo } from "./store/campaign-repo.js";
import type { CatalogReader } from "./store/catalog-reader.js";
import type { CompoundsRepo } from "./store/compounds-repo.js";
import type { ConversationRepo } from "./store/conversation-repo.js";
import type { DateOverridesRepo } from "./store/date-overrides-repo.js";
import type { DeliveriesRepo } from "./store/deliveries-repo.js";
import type { DistrictRepo } from "./store/district-repo.js";
import type { DraftsRepo } from "./store/drafts-repo.js";
import type { NoticesRepo } from "./store/notices-repo.js";
import type { OutboxRepo } from "./store/outbox-repo.js";
import type { PeopleRepos } from "./store/people-repos.js";
import type { ScheduleKeys } from "./store/schedule-keys.js";
import type { ScheduledRepo } from "./store/scheduled-repo.js";
import type { SignupRepo } from "./store/signup-repo.js";
import type { SurveyRepo } from "./store/survey-repo.js";
import type { RateWindows } from "./store/rate-windows.js";

/**
 * Every repository the app is built from, whatever the backend: the JSON store's (app-repos.ts) or
 * PostgreSQL's (app-repos-pg.ts). createApp reaches data only through this bag.
 */
export interface Repositories {
  /** the notices and bulletin issues as they are now, read through their repositories */
  catalog: CatalogReader;
  timezone: string;
  /** the campaign's data files: its metrics and the seed records */
  campaign: LoadedCampaign;
  bulletins: BulletinRepo;
  dateOverrides: DateOverridesRepo;
  notices: NoticesRepo;
  signups: SignupRepo;
  campaignRepo: CampaignRepo;
  compounds: CompoundsRepo;
  scheduled: ScheduledRepo;
  /** one repository for the sender and for staff looking back (its BroadcastHistory part) */
  deliveries: DeliveriesRepo;
  core: PeopleRepos;
  outboxRepo: OutboxRepo;
  scheduleKeys: ScheduleKeys;
  audience: AudienceRepo;
  drafts: DraftsRepo;
  /** /event's step-by-step conversations in progress (they survive a restart) */
  conversations: ConversationRepo<StoredConversation>;
  /** staff-marked attendance turned into campaign progress */
  attendanceFeed: ReturnType<typeof createAttendanceFeed>;
  surveyRepo: SurveyRepo;
  /** every community's campaign figures, for the district's /district (read only) */
  district: DistrictRepo;
  /** the per-user flood limit's counters: in memory on the JSON store, shared rows on PostgreSQL */
  rateWindows: RateWindows;
}

/** Builds the bag (reading and validating the data files, seeding a new community's data). */
export type RepositoriesFactory = (config: Config, now: () => Date) => Promise<Repositories>;
