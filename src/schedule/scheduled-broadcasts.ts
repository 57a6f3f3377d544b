import type { Logger } from "pino";
import { escapeHtml } from "../domain/html.js";
import type { Locale, Translate } from "../domain/translate.js";
import type { Outbox } from "../delivery/outbox.js";
import type { CompoundsRepo } from "../store/compounds-repo.js";
import type { ScheduledRepo } from "../store/scheduled-repo.js";
import type { TickJob } from "./tick-job.js";

/** A broadcast more than this late (the bot was down at its time) is not sent; its author is told. */
export const LATE_LIMIT_MS = 6 * 3_600_000;

export interface ScheduledBroadcastJobOptions {
  scheduled: ScheduledRepo;
  compounds: CompoundsRepo;
  outbox: Outbox;
  render: (locale: Locale) => Translate;
  log: Logger;
}

/**
 * The tick job of `/broadcast at=…`: each one whose time has come goes into the outbox once (its
 * key `at:<id>` makes a second enqueue after a crash a no-op), to the audience as it is then; one
 * found more than LATE_LIMIT_MS late (the bot was down) is dropped, and its author is told.
 */
export function createScheduledBroadcastJob(options: ScheduledBroadcastJobOptions): TickJob {
  const { scheduled, compounds, outbox, render, log } = options;
  return async function scheduledBroadcasts(now: Date): Promise<void> {
    for (const item of await scheduled.due(now)) {
      const key = `at:${item.id}`;
      if (now.getTime() - Date.parse(item.at) > LATE_LIMIT_MS) {
        const t = render(item.progress.lang);
        const text = t("broadcast-late", { text: escapeHtml(item.text.slice(0, 200)) });
        await outbox.enqueue({ kind: "report", key: `${key}:late`, text: { zh: text, en: text }, recipients: [item.progress.chatId] });
        await scheduled.finish(item.id, "late");
        log.warn({ id: item.id, at: item.at }, "a scheduled broadcast is too late; not sent");
        continue;
      }
      const html = escapeHtml(item.text);
      // a one-off event's announcement was rendered when it was confirmed, with its sign-up buttons
      const recipients = await compounds.recipients(item.to);
      const { id } = await outbox.enqueue({
        kind: "adhoc",
        key,
        // copies: the item is the store's own object, and the sender later marks the broadcast's
        // progress (a shared object would change the kept item behind the store's back)
        text: item.html ? { ...item.html } : { zh: html, en: html },
        ...(item.occurrenceId ? { occurrenceId: item.occurrenceId } : {}),
        ...(item.media ? { media: { ...item.media } } : {}),
        recipients,
        createdBy: item.createdBy,
        progress: { ...item.progress },
      });
      await scheduled.finish(item.id, "sent", id || undefined);
      log.info({ id: item.id, recipients: recipients.length }, "scheduled broadcast enqueued");
    }
  };
}
