import type { I18n } from "@grammyjs/i18n";
import type { Api, Composer } from "grammy";
import type { ReportsParts } from "./app-reports.js";
import type { Repositories } from "./app-repositories.js";
import type { ChartRenderer } from "./bot/chart/progress-chart.js";
import type { BotContext } from "./bot/context.js";
import { createBroadcastFeature } from "./bot/features/broadcast.js";
import { createBulletinsFeature } from "./bot/features/bulletins.js";
import { createCampaignFeature } from "./bot/features/campaign.js";
import { campaignExportFiles } from "./bot/features/campaign-export.js";
import { createCorrectFeature } from "./bot/features/correct.js";
import { createDistrictFeature } from "./bot/features/district.js";
import { createEventFeature } from "./bot/features/event.js";
import { createEventsDateButtons } from "./bot/features/events-dates.js";
import { createEventsFeature } from "./bot/features/events.js";
import { createHomeFeature, homeLine } from "./bot/features/home.js";
import { createMoveSkipFeature } from "./bot/features/moveskip.js";
import { createNoticesFeature } from "./bot/features/notices.js";
import { createQuestionsFeature } from "./bot/features/questions.js";
import { createReportFeature } from "./bot/features/report.js";
import { createSignupFeature, type SignupFeature } from "./bot/features/signups.js";
import { createStatsFeature } from "./bot/features/stats.js";
import { compoundStatsLines } from "./bot/features/stats-compounds.js";
import { createSurveyFeature } from "./bot/features/survey.js";
import { createNextNoticeAnswer } from "./bot/next-answer.js";
import type { Outbox } from "./delivery/outbox.js";
import type { Sender } from "./delivery/sender.js";
import type { Locale, Translate } from "./domain/translate.js";
import type { renderReminderBoth } from "./delivery/render-reminder.js";
import { createWalkInsFeed } from "./store/attendance-feed.js";

/** What the features are built from (made by createApp before the bot). */
export interface AppFeatureParts {
  repos: Repositories;
  reports: ReportsParts;
  outbox: Outbox;
  /** the sender's Bot API client (built before the bot): promotions' live-count edits */
  api: Api;
  /** the sender's rate limit, shared by live-count edits, corrections and survey questions */
  limited: Sender["limited"];
  i18n: I18n<BotContext>;
  translators: (locale: Locale) => Translate;
  renderBoth: (due: { noticeId: string; date: string }) => Promise<ReturnType<typeof renderReminderBoth>>;
  chart: ChartRenderer;
  now: () => Date;
}

export interface AppFeatures {
  signups: SignupFeature;
  /** in createBot's order: the event feature first (its conversations must see every update) */
  features: Composer<BotContext>[];
  fallback: Composer<BotContext>;
}

/** Every feature composer, given the repositories it needs. */
export function createAppFeatures(p: AppFeatureParts): AppFeatures {
  const { repos, outbox, translators, now, limited } = p;
  const { catalog, timezone, campaign: loaded, compounds, scheduled, deliveries: history, campaignRepo } = repos;
  const { users, chats } = repos.core;
  const signups = createAppSignups(p);
  const { drafts } = repos;
  const moveSkip = createMoveSkipFeature({ notices: repos.notices, overrides: repos.dateOverrides, signups: repos.signups, outbox, translate: translators, drafts });
  const features = [
    createEventFeature({
      notices: repos.notices, compounds, scheduled, outbox, translate: translators, render: p.renderBoth, now, timezone,
      conversations: repos.conversations,
      drafts,
      capacityChanged: (id) => signups.capacityChanged(id, p.api, translators),
    }),
    createNoticesFeature({ catalog, notices: repos.notices, outbox, chats, history }),
    createBroadcastFeature({ outbox, chats, compounds, scheduled, drafts }),
    createBulletinsFeature({ repo: repos.bulletins, catalog, notices: repos.notices, chats, drafts: repos.drafts }),
    createStatsFeature({ users, chats, history, notices: repos.notices, more: (ctx) => compoundStatsLines(ctx, { compounds, signups: repos.signups }) }),
    createHomeFeature({ compounds }),
    createEventsFeature({ scheduled, compounds, notices: repos.notices }),
    moveSkip.composer,
    createEventsDateButtons(moveSkip.start),
    createCorrectFeature({ history, drafts: repos.drafts, limited: (chatId, call) => limited(chatId, call) }),
    signups,
    createCampaignFeature({ repo: campaignRepo, campaign: loaded.campaign, chart: p.chart }),
    createDistrictFeature({ repo: repos.district, campaign: loaded.campaign }),
    createReportFeature({ build: p.reports.buildReport }),
    // follow-up questions share the sender's rate limit with broadcasts
    createSurveyFeature({
      repo: p.reports.surveyRepo, chats, outbox, drafts: repos.drafts, compounds: p.reports.compoundNames, ...p.reports.seedRate,
      gate: (chatId, call) => limited(chatId, () => call()),
    }),
  ];
  const fallback = createQuestionsFeature({ repo: campaignRepo, campaign: loaded.campaign, nextNoticeAnswer: createNextNoticeAnswer(repos.notices, timezone, p.i18n, now) });
  return { signups, features, fallback };
}

function createAppSignups(p: AppFeatureParts): SignupFeature {
  const { repos, now } = p;
  const { compounds, campaignRepo, campaign: loaded } = repos;
  const { users } = repos.core;
  return createSignupFeature({
    repo: repos.signups,
    users,
    locales: repos.core.locales,
    outbox: p.outbox,
    onAttendance: repos.attendanceFeed,
    onWalkIns: createWalkInsFeed(loaded.campaign, campaignRepo),
    // live-count edits share the sender's rate limit with broadcasts
    liveGate: (chatId, call) => p.limited(chatId, call),
    myExtra: (ctx) => homeLine(ctx, compounds),
    compoundNames: async (locale) => {
      const [list, members] = await Promise.all([compounds.list(), compounds.members()]);
      return (userId) => list.find((c) => c.id === members.get(userId))?.name[locale];
    },
    moreExports: (reader) => campaignExportFiles(users, campaignRepo, loaded.campaign, now(), reader),
  });
}
