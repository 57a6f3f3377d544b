import type { Logger } from "pino";
import type { DueReminder, NoticeCatalog } from "../domain/notice.js";
import { dueReminders } from "../domain/recurrence.js";
import type { Localized } from "../domain/translate.js";
import type { Outbox } from "../delivery/outbox.js";
import type { AudienceRepo } from "../store/audience-repo.js";
import type { CatalogReader } from "../store/catalog-reader.js";
import type { ScheduleKeys } from "../store/schedule-keys.js";
import { reminderBulletin, reminderMedia } from "../delivery/render-reminder.js";
import type { TickJob } from "./tick-job.js";

/**
 * How far back a tick looks for reminders; the domain drops those no longer useful. A reminder may
 * come up to 31 days before its event (the catalog's limit), and one missed while the bot was down
 * is still sent as long as its event has not begun.
 */
const LOOKBACK_MS = 33 * 86_400_000;

export interface NoticeReminderJobOptions {
  keys: ScheduleKeys;
  audience: AudienceRepo;
  outbox: Outbox;
  /** the notices and bulletin issues, read at every tick */
  catalog: CatalogReader;
  /** the community zone (default: the catalog's) */
  timezone?: string;
  /** the reminder text in both languages, HTML (see `renderReminderBoth`) */
  render: (due: DueReminder) => Localized | Promise<Localized>;
  log: Logger;
}

/**
 * The tick job of scheduled notices: every reminder that fell due (in the last month) and is still
 * useful (the domain decides) is enqueued once, ever, under its key `noticeId:date:reminderId`.
 * A reminder missed while the bot was down is therefore sent at the first tick after start; one
 * whose key is taken (sent by an earlier tick, before a restart, or by /sendnow) is skipped.
 * A bulletin notice with no new bulletin issue is not sent (nothing new to publish). When several
 * reminders of one occurrence are due at once (after a downtime), only the latest is sent.
 */
export function createNoticeReminderJob(options: NoticeReminderJobOptions): TickJob {
  const { keys, audience, outbox, catalog, render, log } = options;
  const tz = options.timezone ?? catalog.timezone;
  const warned = new Set<string>();

  const warnOnce = (key: string, message: string): void => {
    if (warned.has(key)) return;
    warned.add(key);
    log.warn({ key }, message);
  };

  return async function noticeReminders(now: Date): Promise<void> {
    let due: DueReminder[];
    let current: NoticeCatalog;
    try {
      current = await catalog.read();
      const all = dueReminders(current, new Date(now.getTime() - LOOKBACK_MS), now);
      const taken = await Promise.all(all.map((r) => keys.isTaken(r.key)));
      due = all.filter((_, i) => !taken[i]);
    } catch (err) {
      log.error({ err }, "could not work out the due reminders");
      return;
    }
    // After a downtime several reminders of one occurrence can be due at once (the eve and the
    // morning one): only the latest goes out; the earlier ones are marked as sent with it, so
    // subscribers do not get the same notice twice in a row.
    const latest = new Map<string, DueReminder>();
    for (const r of due) latest.set(`${r.noticeId}:${r.date}`, r); // sorted by dueAt: the last wins
    for (const reminder of due) {
      if (await keys.isTaken(reminder.key)) continue;
      if (latest.get(`${reminder.noticeId}:${reminder.date}`) !== reminder) continue;
      const superseded = due.filter((r) => r !== reminder && r.noticeId === reminder.noticeId && r.date === reminder.date);
      try {
        const notice = current.notices.find((n) => n.id === reminder.noticeId);
        if (!notice) continue;
        let publisher: number | undefined;
        if (notice.bulletin) {
          const { bulletin, fresh } = reminderBulletin(current, reminder, tz);
          if (!bulletin || !fresh) {
            warnOnce(reminder.key, bulletin ? "no new bulletin issue; not publishing the same one again" : "no bulletin published yet; nothing to send");
            continue;
          }
          publisher = bulletin.publishedBy;
        }
        const text = await render(reminder);
        const media = reminderMedia(current, reminder);
        // a one-off event with to= reminds only its compounds; other notices go to everyone
        const recipients = await audience.subscribers(notice.to);
        const { created } = await outbox.enqueue({
          kind: "notice",
          key: reminder.key,
          text,
          ...(media ? { media } : {}),
          // the staff member who published the issue in the chat sees it go out, and gets the
          // summary a correction (/correct) replies to
          ...(publisher !== undefined ? { progress: { chatId: publisher, lang: await audience.languageOf(publisher) } } : {}),
          ...(notice.signup?.enabled ? { occurrenceId: `${notice.id}:${reminder.date}` } : {}),
          recipients,
        });
        if (created) log.info({ key: reminder.key, recipients: recipients.length }, "reminder enqueued");
        if (superseded.length > 0) {
          await keys.take(superseded.map((r) => r.key), now);
          log.info({ key: reminder.key, superseded: superseded.map((r) => r.key) }, "earlier reminders of the same occurrence not sent separately");
        }
      } catch (err) {
        // one bad reminder must not hold back the others; it is tried again next tick
        log.error({ err, key: reminder.key }, "could not enqueue reminder");
      }
    }
  };
}
