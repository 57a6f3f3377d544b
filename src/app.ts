import { fileURLToPath } from "node:url";
import type { Bot } from "grammy";
import type { Logger } from "pino";
import { createAppFeatures } from "./app-features.js";
import { createReportsParts } from "./app-reports.js";
import { createRepositories, greetingName } from "./app-repos.js";
import type { RepositoriesFactory } from "./app-repositories.js";
import { createAppScheduler } from "./app-schedule.js";
import { createAppSender } from "./app-sender.js";
import { createChartRenderer } from "./bot/chart/progress-chart.js";
import { createCommandMenus, type CommandMenus } from "./bot/commands.js";
import type { BotContext, BotDeps } from "./bot/context.js";
import { createBot } from "./bot/create-bot.js";
import { createI18n, translatorFor } from "./bot/i18n.js";
import { createApiClient } from "./bot/transport/api-client.js";
import type { ApiFetch } from "./bot/transport/api-fetch.js";
import type { Config } from "./config.js";
import { createOutbox, type Outbox } from "./delivery/outbox.js";
import type { Pacing } from "./delivery/pacing.js";
import type { Sender } from "./delivery/sender.js";
import type { Locale } from "./domain/translate.js";
import { renderReminderBoth } from "./delivery/render-reminder.js";
import type { Scheduler } from "./schedule/scheduler.js";
import type { Store } from "./store/engine/store.js";

const LOCALES_DIR = fileURLToPath(new URL("../locales", import.meta.url));

/** Everything the bot is made of, wired; nothing started yet. */
export interface App {
  bot: Bot<BotContext>;
  outbox: Outbox;
  sender: Sender;
  scheduler: Scheduler;
  menus: CommandMenus; // registered by main once the bot's identity is confirmed
  /** stops the timers of features (live-count edits) */
  stopFeatures(): void;
  /** Live-count edits are the leader's: main says who leads; the leader takes followers' changes (`poll`). */
  liveCounts: { followLeader(leading: () => boolean): void; poll(): Promise<number> };
}

/** The backend: the embedded JSON store (`store`), or a factory of the repositories (PostgreSQL's). */
export type AppOptions = AppCommonOptions & ({ store: Store } | { repositories: RepositoriesFactory });

interface AppCommonOptions {
  config: Config;
  log: Logger;
  now?: () => Date;
  /** the HTTP client for Bot API calls (main passes createApiFetch's); grammY's own when absent */
  fetch?: ApiFetch;
  /** the bot's pace, shared when several communities' apps send through one bot (see SenderOptions.pacing) */
  pacing?: Pacing;
}

/**
 * Wires the features, the outbox, the sender and the scheduler around an open store. Data files are
 * read (and validated) first, so a bad data file stops the bot with a message naming it. Built in
 * the order they depend on each other, with no forward references: the repositories, the sender on
 * its own Api, the features (given the sender's rate limit), the bot, then the scheduler.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const { config, log } = options;
  const now = options.now ?? (() => new Date());
  const repos = "store" in options ? await createRepositories(config, options.store, now) : await options.repositories(config, now);
  const { catalog, timezone: tz, campaign: loaded, core } = repos;

  const i18n = createI18n(LOCALES_DIR);
  const translators = (locale: Locale) => translatorFor(i18n, locale);
  const outbox = createOutbox(repos.outboxRepo);
  const renderBoth = async (due: { noticeId: string; date: string }) => renderReminderBoth(await catalog.read(), due, { zh: translators("zh"), en: translators("en") }, tz);
  const chart = createChartRenderer();
  const reports = await createReportsParts({
    dataDir: config.dataDir, surveyRepo: repos.surveyRepo, ...loaded, campaignRepo: repos.campaignRepo, signupRepo: repos.signups, compounds: repos.compounds, chart,
    translate: translators, timezone: tz, now,
  });

  const client = { token: config.token, apiRoot: config.apiRoot, ...(options.fetch ? { fetch: options.fetch } : {}) };
  const api = createApiClient(client);
  const { sender, onSent } = createAppSender({ deliveries: repos.deliveries, api, log, now, rate: config.delivery, ...(options.pacing ? { pacing: options.pacing } : {}), locales: core.locales, translate: translators });
  outbox.onEnqueued = () => sender.kick();
  const { signups, features, fallback } = createAppFeatures({
    repos, reports, outbox, api, limited: sender.limited.bind(sender), i18n, translators, renderBoth, chart, now,
  });
  const name = await greetingName(config);
  const deps: BotDeps = { ...core, log, now, adminIds: config.adminIds, districtIds: config.districtIds, timezone: tz, ...(name ? { communityName: name } : {}) };
  const bot: Bot<BotContext> = createBot({
    ...client,
    i18n,
    deps,
    features,
    fallback,
    rateLimit: { windows: repos.rateWindows },
    onForget: async (userId, api) => void (await signups.forget(userId, api, translators)),
  });
  // the bot's own sends and edits (replies, a preview's edit) count in the sender's window too
  bot.api.config.use(sender.countOutside);
  onSent((broadcast, chatId, message) => {
    if (broadcast.occurrenceId) signups.delivered(bot.api, broadcast.occurrenceId, chatId, message);
    // a survey's first question: its poll id is how the answers find their question
    if (broadcast.poll?.ref && message.poll) {
      void reports.surveyRepo.pollSent(broadcast.poll.ref, chatId, message.poll.id).catch((err: unknown) => log.warn({ err }, "could not note a survey poll"));
    }
  });
  const menus = createCommandMenus({ api: bot.api, users: core.users, locales: core.locales, translate: translators, districtIds: config.districtIds });
  deps.onRolesChanged = (userId) => menus.refresh(userId).catch((err: unknown) => log.warn({ err }, "could not update a command menu"));

  const scheduler = createAppScheduler({
    timezone: tz, log, catalog, campaign: loaded.campaign, keys: repos.scheduleKeys, audience: repos.audience, outbox, signups: repos.signups,
    campaignRepo: repos.campaignRepo, scheduled: repos.scheduled, compounds: repos.compounds, locales: core.locales, api: bot.api, sender, translators, renderBoth,
    buildReport: reports.buildReport,
  });

  const liveCounts = { followLeader: signups.liveCounts.followLeader, poll: () => signups.liveCounts.poll(bot.api) };
  return { bot, outbox, sender, scheduler, menus, stopFeatures: () => signups.live.stop(), liveCounts };
}
