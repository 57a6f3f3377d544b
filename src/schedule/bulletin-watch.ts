import type { Logger } from "pino";
import { escapeHtml } from "../domain/html.js";
import { formatDate } from "../domain/notice-text.js";
import { nextOccurrence } from "../domain/recurrence.js";
import type { Locale, Translate } from "../domain/translate.js";
import type { Outbox } from "../delivery/outbox.js";
import type { AudienceRepo } from "../store/audience-repo.js";
import type { CatalogReader } from "../store/catalog-reader.js";
import type { ScheduleKeys } from "../store/schedule-keys.js";
import { reminderBulletin } from "../delivery/render-reminder.js";
import type { TickJob } from "./tick-job.js";

/** How long before a bulletin is due staff are told it has no new issue. */
const LEAD_MS = 7 * 86_400_000;

export interface BulletinWatchOptions {
  keys: ScheduleKeys;
  audience: AudienceRepo;
  outbox: Outbox;
  /** the notices and bulletin issues, read at every tick */
  catalog: CatalogReader;
  /** the community zone (default: the catalog's) */
  timezone?: string;
  render: (locale: Locale) => Translate;
  log?: Logger;
}

/**
 * Staff hear in time when the next health bulletin has nothing new to publish. A bulletin notice
 * with no new issue is not sent at all (the same issue twice would be noise), and until now only
 * the log said so. From 7 days before a bulletin notice's next occurrence (at once, if it is
 * closer), while `data/bulletins/` holds no new issue for it, one `report` broadcast goes to every
 * staff member and admin, once per occurrence (key `bulletin-missing:<notice-id>:<date>`). It says how
 * to publish the issue from the chat (`/bulletin <YYYY-MM> <title>` with the text, or a photo / PDF).
 */
export function createBulletinWatchJob(options: BulletinWatchOptions): TickJob {
  const { keys, audience, outbox, catalog, render, log } = options;
  const tz = options.timezone ?? catalog.timezone;
  return async (now) => {
    const current = await catalog.read();
    for (const notice of current.notices) {
      if (!notice.bulletin) continue;
      try {
        const occurrence = nextOccurrence(notice, tz, now);
        if (!occurrence || occurrence.startsAt.getTime() - now.getTime() > LEAD_MS) continue;
        if (reminderBulletin(current, { noticeId: notice.id, date: occurrence.date }, tz).fresh) continue;
        const key = `bulletin-missing:${notice.id}:${occurrence.date}`;
        if (await keys.isTaken(key)) continue;
        const recipients = await audience.staff();
        if (recipients.length === 0) continue;
        const text = (locale: Locale) =>
          render(locale)("notices-bulletin-missing", {
            title: escapeHtml(notice.title[locale]),
            date: formatDate(occurrence.startsAt, tz, locale),
            month: occurrence.date.slice(0, 7),
          });
        const { created } = await outbox.enqueue({ kind: "report", key, text: { zh: text("zh"), en: text("en") }, recipients });
        if (created) log?.warn({ key }, "the next bulletin has no new issue; staff told");
      } catch (err) {
        log?.error({ err, notice: notice.id }, "bulletin watch failed");
      }
    }
  };
}
