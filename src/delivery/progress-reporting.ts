import type { Api } from "grammy";
import type { Logger } from "pino";
import type { Locale, Translate } from "../domain/translate.js";
import type { DeliveryCounts, ProgressTarget } from "../store/broadcast-view.js";
import type { DeliveriesRepo, PendingSummary } from "../store/deliveries-repo.js";
import type { CallQueue } from "./call-queue.js";
import { createProgressReport, type ProgressReport } from "./progress-report.js";

type Snapshot = () => { counts: DeliveryCounts; etaMs: number | undefined };

/**
 * The staff member's side of a broadcast: the progress message edited while it sends, and the
 * summary it becomes. A summary is pending in the store from the broadcast's "done" until it is on
 * screen (or refused for good); one a stop or a crash kept back is shown at the next start.
 */
export interface ProgressReporting {
  /** The progress message of a broadcast being sent (its calls wait for slots like everything else). */
  open(broadcastId: string, target: ProgressTarget, snapshot: Snapshot): ProgressReport;
  /** Turns the report into the summary; the pending flag is cleared once it is shown. */
  summarize(broadcastId: string, report: ProgressReport, counts: DeliveryCounts, durationMs: number): void;
  /** Shows a summary left pending by an earlier run. */
  showPending(s: PendingSummary): void;
  /** Broadcasts whose summary is being shown now. */
  readonly summarizing: ReadonlySet<string>;
}

export interface ProgressReportingDeps {
  deliveries: Pick<DeliveriesRepo, "progressShown" | "summaryShown">;
  calls: CallQueue;
  api: Api;
  translate: (locale: Locale) => Translate;
  log: Logger;
  everyMs?: number;
}

export function createProgressReporting(deps: ProgressReportingDeps): ProgressReporting {
  const { deliveries, calls, api, log } = deps;
  const summarizing = new Set<string>();

  function open(id: string, p: ProgressTarget, snapshot: Snapshot): ProgressReport {
    return createProgressReport({
      chatId: p.chatId,
      ...(p.messageId !== undefined ? { messageId: p.messageId } : {}),
      t: deps.translate(p.lang),
      log,
      ...(deps.everyMs !== undefined ? { everyMs: deps.everyMs } : {}),
      calls: {
        send: (chatId, text) => calls.add(chatId, (s) => api.sendMessage(chatId, text, { parse_mode: "HTML" }, s)),
        edit: (chatId, messageId, text) => calls.add(chatId, (s) => api.editMessageText(chatId, messageId, text, { parse_mode: "HTML" }, s)),
      },
      onMessageId: (messageId) => void deliveries.progressShown(id, messageId).catch((err: unknown) => log.warn({ err }, "could not keep the progress message id")),
      snapshot,
    });
  }

  /** A summary not sent (the sender stopping, the network) stays pending and is shown at the next start. */
  function summarize(id: string, report: ProgressReport, counts: DeliveryCounts, durationMs: number): void {
    summarizing.add(id);
    void report
      .finish(counts, durationMs)
      .then((outcome) => (outcome === "unsent" ? undefined : deliveries.summaryShown(id)))
      .catch((err: unknown) => log.warn({ err, broadcast: id }, "could not record the summary as shown"))
      .finally(() => summarizing.delete(id));
  }

  return {
    open,
    summarize,
    showPending(s) {
      const { broadcast: b, counts, durationMs } = s;
      summarize(b.id, open(b.id, b.progress, () => ({ counts, etaMs: undefined })), counts, durationMs);
    },
    summarizing,
  };
}
