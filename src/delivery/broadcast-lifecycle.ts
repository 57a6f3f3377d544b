import type { DeepReadonly } from "../domain/deep-readonly.js";
import type { BroadcastRecord } from "../store/schema.js";
import { countRecipients } from "../store/broadcast-counts.js";
import { activate, pendingKeys, timeLeftMs } from "./active-broadcast.js";
import type { CallQueue } from "./call-queue.js";
import { createProgressReport, type DeliveryCounts, type ProgressReport } from "./progress-report.js";
import type { SenderContext } from "./sender-context.js";

/** Taking broadcasts up from the store and marking them done once every recipient is decided. */
export interface BroadcastLifecycle {
  /** Takes up the broadcasts in the store that are sending and not active yet, oldest first. */
  loadNew(): void;
  /**
   * Finishes the active broadcasts with nothing left to take up or in flight. Returns true when one
   * got more pending recipients meanwhile (added, or moved by a migration) and the loop must go again.
   */
  finishDone(): boolean;
}

type Progress = NonNullable<BroadcastRecord["progress"]>;
type Snapshot = { counts: DeliveryCounts; etaMs: number | undefined };

/** Creates the lifecycle; progress messages go through `calls`, under the sender's rate limit. */
export function createBroadcastLifecycle(ctx: SenderContext, calls: CallQueue): BroadcastLifecycle {
  const { o, store, log, clock, active, buffer, api } = ctx;
  // done broadcasts whose summary is being shown
  const summarizing = new Set<string>();

  function reportFor(id: string, p: Progress, snapshot: () => Snapshot): ProgressReport {
    return createProgressReport({
      chatId: p.chatId,
      ...(p.messageId !== undefined ? { messageId: p.messageId } : {}),
      t: o.translate(p.lang),
      log,
      ...(o.progressEveryMs !== undefined ? { everyMs: o.progressEveryMs } : {}),
      calls: {
        send: (chatId, text) => calls.add(chatId, (s) => api.sendMessage(chatId, text, { parse_mode: "HTML" }, s)),
        edit: (chatId, id, text) => calls.add(chatId, (s) => api.editMessageText(chatId, id, text, { parse_mode: "HTML" }, s)),
      },
      onMessageId: (messageId) =>
        store.mutate((db) => {
          const progress = db.broadcasts[id]?.progress;
          if (progress) progress.messageId = messageId;
        }),
      snapshot,
    });
  }

  /**
   * Shows the summary; the broadcast's `summaryPending` (saved with its "done") is cleared once it is
   * on screen, or refused for good. A summary not sent (the sender stopping, the network) stays
   * pending and is shown at the next start.
   */
  function summarize(id: string, report: ProgressReport, counts: DeliveryCounts, durationMs: number): void {
    summarizing.add(id);
    void report
      .finish(counts, durationMs)
      .then((outcome) => {
        if (outcome === "unsent") return;
        store.mutate((db) => {
          const progress = db.broadcasts[id]?.progress;
          if (progress) delete progress.summaryPending;
        });
      })
      .finally(() => summarizing.delete(id));
  }

  return {
    loadNew() {
      // one pass over the store's broadcasts (this runs on every kick)
      const fresh: DeepReadonly<BroadcastRecord>[] = [];
      for (const b of Object.values(store.data.broadcasts)) {
        if (b.status === "sending") {
          if (!active.has(b.id)) fresh.push(b);
        } else if (b.progress?.summaryPending && !summarizing.has(b.id)) {
          // finished before a stop or a crash let its summary be shown: show it now
          const counts = b.counts ?? countRecipients(b);
          const durationMs = Math.max(0, Date.parse(b.finishedAt ?? b.createdAt) - Date.parse(b.createdAt));
          summarize(b.id, reportFor(b.id, b.progress, () => ({ counts, etaMs: undefined })), counts, durationMs);
        }
      }
      fresh.sort((x, y) => x.createdAt.localeCompare(y.createdAt));
      for (const b of fresh) {
        const a = activate(b, clock());
        active.set(b.id, a);
        log.info({ broadcast: b.id, pending: a.queue.length, total: a.counts.total }, "sending broadcast");
        if (b.progress) {
          a.report = reportFor(b.id, b.progress, () => ({ counts: a.counts, etaMs: timeLeftMs(a, clock()) }));
          a.report.update();
        }
      }
    },

    finishDone() {
      let again = false;
      for (const a of [...active.values()]) {
        if (a.cursor < a.queue.length || a.open > 0) continue;
        const b = store.data.broadcasts[a.id];
        const more = b ? pendingKeys(b, a.handled) : [];
        if (more.length > 0) {
          a.queue = more; // recipients added or moved (migrations) while it ran
          a.cursor = 0;
          again = true;
          continue;
        }
        active.delete(a.id);
        buffer.commit((db) => {
          const rec = db.broadcasts[a.id];
          if (!rec) return;
          rec.status = "done";
          rec.finishedAt = o.now().toISOString();
          if (rec.progress) rec.progress.summaryPending = true;
          // keep the totals, the failures (with reasons) and the message ids edited later; drop the
          // rest: a year of broadcasts to every subscriber would otherwise dominate the store
          rec.counts = countRecipients(rec);
          for (const key in rec.recipients) {
            const r = rec.recipients[key];
            if (r?.s === "s" && r.mid === undefined) delete rec.recipients[key];
          }
        });
        if (!b) continue;
        const counts = countRecipients(b);
        const durationMs = Math.max(clock() - a.startedAt, o.now().getTime() - Date.parse(b.createdAt));
        log.info({ broadcast: a.id, ...counts, durationMs: Math.round(durationMs) }, "broadcast finished");
        if (a.report) summarize(a.id, a.report, counts, durationMs);
        try {
          o.onFinished?.(b);
        } catch (err) {
          log.error({ err, broadcast: a.id }, "onFinished failed");
        }
      }
      return again;
    },
  };
}
