import type { Logger } from "pino";
import type { Outbox } from "../delivery/outbox.js";
import { escapeHtml } from "../domain/html.js";
import { formatDate } from "../domain/notice-text.js";
import type { Locale, Localized, Translate } from "../domain/translate.js";
import type { ScheduleKeys } from "../store/schedule-keys.js";
import type { SignupOccurrence, SignupRepo } from "../store/signup-repo.js";
import type { TickJob } from "./tick-job.js";

/** The longest personal-reminder lead any notice may have; bounds the look-ahead. */
const MAX_LEAD_MS = 7 * 24 * 3_600_000;

/** The idempotency key of an occurrence's personal reminder. */
export function personalReminderKey(occurrenceId: string): string {
  return `${occurrenceId}:personal`;
}

/** The personal reminder text, HTML, in both languages: title, start time and place. */
export type PersonalReminderRender = (occurrence: SignupOccurrence) => Localized;

/** The default render from a translator per locale (keys `signup-personal-reminder*`). */
export function createPersonalReminderRender(translators: (locale: Locale) => Translate, timezone: string): PersonalReminderRender {
  return (occ) => {
    const one = (locale: Locale) => {
      const t = translators(locale);
      const place = occ.notice.place?.[locale];
      return [
        t("signup-personal-reminder", { title: escapeHtml(occ.notice.title[locale]), date: formatDate(occ.startsAt, timezone, locale) }),
        ...(place ? [t("signup-personal-reminder-place", { place: escapeHtml(place) })] : []),
        t("signup-personal-reminder-footer"),
      ].join("\n");
    };
    return { zh: one("zh"), en: one("en") };
  };
}

export interface PersonalReminderJobOptions {
  repo: SignupRepo;
  keys: ScheduleKeys;
  outbox: Outbox;
  render: PersonalReminderRender;
  log?: Logger;
}

/**
 * A TickJob: for every sign-up occurrence that starts within its `personalReminderMinutes` (default
 * 120) and has not started, enqueues once (key `${occurrenceId}:personal`) a `personal` broadcast to
 * the confirmed volunteers' private chats (the waitlist is not reminded). An occurrence with nobody
 * confirmed yet is looked at again next tick. Someone confirmed after the reminder went out (a late
 * promotion) gets no second one: the promotion message already said when and where.
 * A tick missed while the bot was down still sends it, as long as the event has not begun.
 */
export function createPersonalReminderJob(options: PersonalReminderJobOptions): TickJob {
  const { repo, keys, outbox, render, log } = options;
  return async (now) => {
    try {
      for (const occ of repo.between(now, new Date(now.getTime() + MAX_LEAD_MS))) {
        const ahead = occ.startsAt.getTime() - now.getTime();
        if (ahead <= 0 || ahead > occ.personalReminderMinutes * 60_000) continue;
        const key = personalReminderKey(occ.occurrenceId);
        if (await keys.isTaken(key)) continue;
        const recipients = (await repo.summary(occ.occurrenceId)).confirmed.map((e) => e.userId);
        if (recipients.length === 0) continue;
        await outbox.enqueue({ kind: "personal", key, text: render(occ), recipients });
      }
    } catch (err) {
      log?.error({ err }, "personal reminders could not be enqueued");
    }
  };
}
