import type { Logger } from "pino";
import type { DueReminder, NoticeCatalog } from "../domain/notice.js";
import { dueReminders } from "../domain/recurrence.js";
import type { Localized } from "../domain/translate.js";
import type { Outbox } from "../delivery/outbox.js";
import { activeSubscribers } from "../store/chats.js";
import type { Store } from "../store/store.js";
import { reminderBulletin } from "./render-reminder.js";
import type { TickJob } from "./tick-job.js";

/** How far back a tick looks for reminders; the domain drops those no longer useful. */
const LOOKBACK_MS = 7 * 86_400_000;

export interface NoticeReminderJobOptions {
  store: Store;
  outbox: Outbox;
  catalog: NoticeCatalog;
  /** the community zone (default: the catalog's) */
  timezone?: string;
  /** the reminder text in both languages, HTML (see `renderReminderBoth`) */
  render: (due: DueReminder) => Localized;
  log: Logger;
}

/**
 * The tick job of scheduled notices: every reminder that fell due in the last week and is still
 * useful (the domain decides) is enqueued once, ever, under its key `noticeId:date:reminderId`.
 * A reminder missed while the bot was down is therefore sent at the first tick after start; one
 * already in `db.enqueued` (sent by an earlier tick, before a restart, or by /sendnow) is skipped.
 * A bulletin notice with no new bulletin issue is not sent (nothing new to publish).
 */
export function createNoticeReminderJob(options: NoticeReminderJobOptions): TickJob {
  const { store, outbox, catalog, render, log } = options;
  const tz = options.timezone ?? catalog.timezone;
  const warned = new Set<string>();

  const warnOnce = (key: string, message: string): void => {
    if (warned.has(key)) return;
    warned.add(key);
    log.warn({ key }, message);
  };

  return async function noticeReminders(now: Date): Promise<void> {
    const due = dueReminders(catalog, new Date(now.getTime() - LOOKBACK_MS), now);
    for (const reminder of due) {
      if (store.data.enqueued[reminder.key]) continue;
      try {
        const notice = catalog.notices.find((n) => n.id === reminder.noticeId);
        if (!notice) continue;
        if (notice.bulletin) {
          const { bulletin, fresh } = reminderBulletin(catalog, reminder, tz);
          if (!bulletin || !fresh) {
            warnOnce(reminder.key, bulletin ? "no new bulletin issue; not publishing the same one again" : "no bulletin published yet; nothing to send");
            continue;
          }
        }
        const text = render(reminder);
        const recipients = activeSubscribers(store.data).map((c) => c.id);
        const { created } = await outbox.enqueue({
          kind: "notice",
          key: reminder.key,
          text,
          ...(notice.signup?.enabled ? { occurrenceId: `${notice.id}:${reminder.date}` } : {}),
          recipients,
        });
        if (created) log.info({ key: reminder.key, recipients: recipients.length }, "reminder enqueued");
      } catch (err) {
        // one bad reminder must not hold back the others; it is tried again next tick
        log.error({ err, key: reminder.key }, "could not enqueue reminder");
      }
    }
  };
}
