import type { Repositories } from "./app-repositories.js";
import type { Config } from "./config.js";
import { loadCampaign } from "./store/campaign-catalog.js";
import { createCatalogReader } from "./store/catalog-reader.js";
import { loadCompounds } from "./store/compound-catalog.js";
import type { BroadcastHistory } from "./store/deliveries-repo.js";
import { loadNoticeCatalog } from "./store/notice-catalog.js";
import { createPgChatsRepo } from "./store/postgres/chats-pg.js";
import { createPgCompoundsRepo } from "./store/postgres/compounds-pg.js";
import type { PgDb } from "./store/postgres/database.js";
import { createPgDateOverridesRepo } from "./store/postgres/date-overrides-pg.js";
import { createPgDeliveriesRepo } from "./store/postgres/deliveries-pg.js";
import { createPgDraftsRepo } from "./store/postgres/drafts-pg.js";
import { createPgOutboxRepo } from "./store/postgres/outbox-pg.js";
import { createPgScheduledRepo } from "./store/postgres/scheduled-pg.js";
import { createPgScheduleKeys } from "./store/postgres/updates-pg.js";

/** A repository the PostgreSQL backend cannot build yet: startup stops with this, naming it. */
export class NotOnPostgresYetError extends Error {
  constructor(readonly repository: string) {
    super(
      `The ${repository} repository is not on PostgreSQL yet, so the bot cannot start with DATABASE_URL. ` +
        "Unset DATABASE_URL to run on the embedded store.",
    );
    this.name = "NotOnPostgresYetError";
  }
}

/**
 * The one placeholder for each repository still missing on PostgreSQL: each call below is replaced
 * by that repository's PostgreSQL factory once it exists.
 */
export function notOnPostgresYet(repository: string): never {
  throw new NotOnPostgresYetError(repository);
}

/**
 * The PostgreSQL backend's bag (see app-repositories.ts): every repository scoped to `community`,
 * built in the same order as the JSON store's (app-repos.ts), so the data files seed a community's
 * rows on its first start (compounds, and each repository's own seed as it arrives).
 */
export function pgRepositories(db: PgDb, community: string) {
  return async (config: Config, now: () => Date): Promise<Repositories> => {
    const catalog = await loadNoticeCatalog(config.dataDir);
    if (config.timezone) catalog.timezone = config.timezone;
    const timezone = catalog.timezone;
    const campaign = await loadCampaign(config.dataDir);
    const bulletins: Repositories["bulletins"] = notOnPostgresYet("bulletins");
    const dateOverrides = await createPgDateOverridesRepo(db, community, catalog, now);
    const notices: Repositories["notices"] = notOnPostgresYet("notices");
    const signups: Repositories["signups"] = notOnPostgresYet("sign-ups");
    dateOverrides.onMoved = (noticeId, from, to) => signups.occurrenceMoved(noticeId, from, to);
    const campaignRepo: Repositories["campaignRepo"] = notOnPostgresYet("campaign");
    const history: BroadcastHistory = notOnPostgresYet("broadcast history");
    return {
      catalog: createCatalogReader({ timezone, notices, bulletins }),
      timezone,
      campaign,
      bulletins,
      dateOverrides,
      notices,
      signups,
      campaignRepo,
      compounds: createPgCompoundsRepo(db, community, await loadCompounds(config.dataDir), now),
      scheduled: createPgScheduledRepo(db, community, now),
      deliveries: { ...createPgDeliveriesRepo(db, community), ...history },
      core: {
        users: notOnPostgresYet("users"),
        chats: createPgChatsRepo(db, community, now),
        locales: notOnPostgresYet("locales (users' and chats' languages)"),
      },
      outboxRepo: createPgOutboxRepo(db, community, now),
      scheduleKeys: createPgScheduleKeys(db, community),
      audience: notOnPostgresYet("audience"),
      drafts: createPgDraftsRepo(db, community, now),
      conversations: notOnPostgresYet("conversations"),
      attendanceFeed: notOnPostgresYet("attendance feed (campaign records from marked attendance)"),
      surveyRepo: notOnPostgresYet("survey"),
    };
  };
}
