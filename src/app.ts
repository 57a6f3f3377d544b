import { fileURLToPath } from "node:url";
import type { Bot } from "grammy";
import type { Logger } from "pino";
import type { ApiFetch } from "./bot/transport/api-fetch.js";
import { createReportsParts } from "./app-reports.js";
import { createBot } from "./bot/create-bot.js";
import { createCommandMenus, type CommandMenus } from "./bot/commands.js";
import type { BotContext } from "./bot/context.js";
import { createChartRenderer } from "./bot/chart/progress-chart.js";
import { createBroadcastFeature } from "./bot/features/broadcast.js";
import { createBulletinsFeature } from "./bot/features/bulletins.js";
import { createCampaignFeature } from "./bot/features/campaign.js";
import { createHomeFeature, homeLine } from "./bot/features/home.js";
import { createCorrectFeature } from "./bot/features/correct.js";
import { createEventFeature } from "./bot/features/event.js";
import { createEventsDateButtons } from "./bot/features/events-dates.js";
import { createEventsFeature } from "./bot/features/events.js";
import { campaignExportFiles } from "./bot/features/campaign-export.js";
import { createMoveSkipFeature } from "./bot/features/moveskip.js";
import { createNoticesFeature } from "./bot/features/notices.js";
import { createQuestionsFeature } from "./bot/features/questions.js";
import { createSignupFeature } from "./bot/features/signups.js";
import { createStatsFeature } from "./bot/features/stats.js";
import { compoundStatsLines } from "./bot/features/stats-compounds.js";
import { createSurveyFeature } from "./bot/features/survey.js";
import { createReportFeature } from "./bot/features/report.js";
import { createI18n, translatorFor } from "./bot/i18n.js";
import { createNextNoticeAnswer } from "./bot/next-answer.js";
import type { Config } from "./config.js";
import { createOutbox, type Outbox } from "./delivery/outbox.js";
import { createSender, type Sender } from "./delivery/sender.js";
import { signupKeyboard } from "./domain/signups/buttons.js";
import type { Locale } from "./domain/translate.js";
import { renderReminderBoth } from "./schedule/render-reminder.js";
import type { Scheduler } from "./schedule/scheduler.js";
import { createAppScheduler } from "./app-schedule.js";
import { createRepositories } from "./app-repos.js";
import { createAttendanceFeed, createWalkInsFeed } from "./store/attendance-feed.js";
import { createDeliveriesRepo } from "./store/deliveries-repo.js";
import { createConversationRepo } from "./store/conversation-repo.js";
import { createDraftsRepo } from "./store/drafts-repo.js";
import { chatLocaleIn } from "./store/locales.js";
import type { Store } from "./store/engine/store.js";

const LOCALES_DIR = fileURLToPath(new URL("../locales", import.meta.url));

/** Everything the bot is made of, wired; nothing started yet. */
export interface App {
  bot: Bot<BotContext>;
  store: Store;
  outbox: Outbox;
  sender: Sender;
  scheduler: Scheduler;
  menus: CommandMenus; // registered by main once the bot's identity is confirmed
  /** stops the timers of features (live-count edits) */
  stopFeatures(): void;
}

export interface AppOptions {
  config: Config;
  store: Store;
  log: Logger;
  now?: () => Date;
  /** the HTTP client for Bot API calls (main passes createApiFetch's); grammY's own when absent */
  fetch?: ApiFetch;
}

/**
 * Wires the features, the outbox, the sender and the scheduler around an open store. Data files are
 * read (and validated) first, so a bad data file stops the bot with a message naming it.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const { config, store, log } = options;
  const now = options.now ?? (() => new Date());
  const repos = await createRepositories(config, store, now);
  const { catalog, timezone: tz, campaign: loaded, compounds, scheduled, people, history, core, scheduleKeys, audience } = repos;
  const { bulletins: bulletinRepo, dateOverrides, notices: noticesRepo, signups: signupRepo, campaignRepo } = repos;

  const i18n = createI18n(LOCALES_DIR);
  const translators = (locale: Locale) => translatorFor(i18n, locale);
  const outbox = createOutbox(repos.outboxRepo);
  const renderBoth = (due: { noticeId: string; date: string }) => renderReminderBoth(catalog, due, { zh: translators("zh"), en: translators("en") }, tz);
  const chart = createChartRenderer();
  const reportsOptions = { dataDir: config.dataDir, store, ...loaded, campaignRepo, signupRepo, compounds, chart, translate: translators, timezone: tz, now };
  const { surveyRepo, compoundNames, seedRate, buildReport } = await createReportsParts(reportsOptions);

  const signups = createSignupFeature({
    repo: signupRepo,
    people,
    locales: core.locales,
    outbox,
    onAttendance: createAttendanceFeed(store, loaded.campaign, campaignRepo),
    onWalkIns: createWalkInsFeed(loaded.campaign, campaignRepo),
    // live-count edits share the sender's rate limit with broadcasts (sender is made below, after
    // the bot whose API it uses; the gate is only called once updates flow)
    liveGate: (chatId, call) => sender.limited(chatId, call),
    myExtra: (ctx) => homeLine(ctx, compounds),
    compoundName: (userId, locale) => compounds.list().find((c) => c.id === compounds.compoundOf(userId))?.name[locale],
    moreExports: (reader) => campaignExportFiles(people, campaignRepo, loaded.campaign, now(), reader),
  });
  const drafts = createDraftsRepo(store, now);
  const moveSkip = createMoveSkipFeature({ catalog, overrides: dateOverrides, signups: signupRepo, outbox, translate: translators, drafts });
  const bot: Bot<BotContext> = createBot({
    token: config.token,
    apiRoot: config.apiRoot,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    i18n,
    deps: {
      ...core,
      store,
      log,
      now,
      adminIds: config.adminIds,
      timezone: tz,
      onRolesChanged: (userId) => menus.refresh(userId).catch((err: unknown) => log.warn({ err }, "could not update a command menu")),
    },
    features: [
      // first: its conversations plugin must see every update (a conversation waits for a reply)
      createEventFeature({
        notices: noticesRepo, compounds, scheduled, outbox, translate: translators, render: renderBoth, now, timezone: tz,
        conversations: createConversationRepo(store),
        drafts,
        capacityChanged: (id) => signups.capacityChanged(id, bot.api, translators),
      }),
      createNoticesFeature({ catalog, outbox, people, history }),
      createBroadcastFeature({ outbox, people, compounds, scheduled, drafts }),
      createBulletinsFeature({ repo: bulletinRepo, catalog, people }),
      createStatsFeature({ people, history, catalog, more: (ctx) => compoundStatsLines(ctx, { compounds, signups: signupRepo }) }),
      createHomeFeature({ compounds }),
      createEventsFeature({ scheduled, compounds, notices: noticesRepo }),
      moveSkip.composer,
      createEventsDateButtons(moveSkip.start),
      createCorrectFeature({ history, limited: (chatId, call) => sender.limited(chatId, call) }),
      signups,
      createCampaignFeature({ repo: campaignRepo, campaign: loaded.campaign, chart }),
      createReportFeature({ build: buildReport }),
      // follow-up questions share the sender's rate limit with broadcasts
      createSurveyFeature({ repo: surveyRepo, people, outbox, compounds: compoundNames, ...seedRate, gate: (chatId, call) => sender.limited(chatId, () => call()) }),
    ],
    fallback: createQuestionsFeature({
      repo: campaignRepo,
      campaign: loaded.campaign,
      nextNoticeAnswer: createNextNoticeAnswer(catalog, i18n, now),
    }),
    onForget: (userId) =>
      void signups.forget(userId, bot.api, translators).catch((err: unknown) => log.warn({ err }, "forget: could not tell promoted volunteers")),
  });
  const menus = createCommandMenus({ api: bot.api, users: core.users, locales: core.locales, translate: translators });

  const sender = createSender({
    deliveries: createDeliveriesRepo(store),
    api: bot.api,
    log,
    now,
    rate: config.delivery,
    // a kill -9 doubles at most the requests in flight (the sender's maxUnsaved defaults to its
    // concurrency); outcomes are saved at least four times a second, group commit merges the rest
    batchMs: 250,
    localeOf: (chatId) => chatLocaleIn(store.data, chatId), // the locale service's rule, read at once
    translate: translators,
    // no count in what is sent: one frozen in a private copy goes stale; groups get theirs edited in
    keyboardFor: (occurrenceId) => signupKeyboard(occurrenceId),
    onSent: (broadcast, chatId, message) => {
      if (broadcast.occurrenceId) signups.delivered(bot.api, broadcast.occurrenceId, chatId, message);
      // a survey's first question: its poll id is how the answers find their question
      if (broadcast.poll?.ref && message.poll) surveyRepo.pollSent(broadcast.poll.ref, chatId, message.poll.id);
    },
  });
  outbox.onEnqueued = () => sender.kick();
  // the bot's own sends and edits (replies, a preview's edit) count in the sender's window too
  bot.api.config.use(sender.countOutside);

  const scheduler = createAppScheduler({
    timezone: tz, log, catalog, campaign: loaded.campaign, keys: scheduleKeys, audience, outbox, signups: signupRepo, campaignRepo,
    scheduled, compounds, locales: core.locales, api: bot.api, sender, translators, renderBoth, buildReport,
  });

  return { bot, store, outbox, sender, scheduler, menus, stopFeatures: () => signups.live.stop() };
}
