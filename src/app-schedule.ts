import type { Api } from "grammy";
import type { Logger } from "pino";
import { createMonthlyDocument } from "./bot/features/report/monthly-document.js";
import type { Outbox } from "./delivery/outbox.js";
import type { Sender } from "./delivery/sender.js";
import type { Campaign } from "./domain/campaign/metric.js";
import type { Locale, Translate } from "./domain/translate.js";
import { createBulletinWatchJob } from "./schedule/bulletin-watch.js";
import { createMonthlyReportJob } from "./schedule/monthly-report.js";
import { createNoticeReminderJob } from "./schedule/notice-reminders.js";
import { createPersonalReminderJob, createPersonalReminderRender } from "./schedule/personal-reminders.js";
import { createScheduledBroadcastJob } from "./schedule/scheduled-broadcasts.js";
import { createScheduler, type Scheduler } from "./schedule/scheduler.js";
import type { AudienceRepo } from "./store/audience-repo.js";
import type { CampaignRepo } from "./store/campaign-repo.js";
import type { CatalogReader } from "./store/catalog-reader.js";
import type { CompoundsRepo } from "./store/compounds-repo.js";
import type { LocaleService } from "./store/locales.js";
import type { ScheduleKeys } from "./store/schedule-keys.js";
import type { ScheduledRepo } from "./store/scheduled-repo.js";
import type { SignupRepo } from "./store/signup-repo.js";

/** What the clock's jobs are built from (made by createApp). */
export interface AppScheduleParts {
  timezone: string;
  log: Logger;
  catalog: CatalogReader;
  campaign: Campaign;
  keys: ScheduleKeys;
  audience: AudienceRepo;
  outbox: Outbox;
  signups: SignupRepo;
  campaignRepo: CampaignRepo;
  scheduled: ScheduledRepo;
  compounds: CompoundsRepo;
  locales: LocaleService;
  api: Api;
  sender: Sender;
  translators: (locale: Locale) => Translate;
  renderBoth: Parameters<typeof createNoticeReminderJob>[0]["render"];
  buildReport: Parameters<typeof createMonthlyDocument>[0]["build"];
}

/** The scheduler with every job: notice and personal reminders, the monthly report, bulletins, `at=` broadcasts. */
export function createAppScheduler(p: AppScheduleParts): Scheduler {
  const { timezone: tz, log, keys, audience, outbox, translators } = p;
  return createScheduler({
    timezone: tz,
    log,
    jobs: [
      createNoticeReminderJob({ keys, audience, outbox, catalog: p.catalog, log, render: p.renderBoth }),
      createPersonalReminderJob({ repo: p.signups, keys, outbox, render: createPersonalReminderRender(translators, tz), log }),
      createMonthlyReportJob({
        repo: p.campaignRepo, campaign: p.campaign, outbox, keys, audience, timezone: tz, render: translators, log,
        attach: createMonthlyDocument({
          build: p.buildReport,
          api: p.api,
          limited: (chatId, call) => p.sender.limited(chatId, call),
          localeOf: (chatId) => p.locales.ofChat(chatId),
          log,
        }),
      }),
      createBulletinWatchJob({ keys, audience, outbox, catalog: p.catalog, timezone: tz, render: translators, log }),
      createScheduledBroadcastJob({ scheduled: p.scheduled, compounds: p.compounds, outbox, render: translators, log }),
    ],
  });
}
