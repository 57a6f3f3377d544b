import { countRecipients, type DeliveryCounts } from "./broadcast-counts.js";
import { toView, type BroadcastView, type ProgressTarget } from "./broadcast-view.js";
import type { FinishResult } from "./deliveries-repo.js";
import type { Db } from "./schema.js";
import type { ReadonlyDb } from "./engine/store.js";

/** A broadcast being sent: what to send, the recipients still pending, and where it stands. */
export interface SendingBroadcast {
  readonly broadcast: BroadcastView;
  readonly pending: readonly string[];
  readonly counts: DeliveryCounts;
}

/** A finished broadcast whose summary a stop or crash kept from the staff member's screen. */
export interface PendingSummary {
  readonly broadcast: BroadcastView & { readonly progress: ProgressTarget };
  readonly counts: DeliveryCounts;
  /** from its creation until it was done */
  readonly durationMs: number;
}

export interface ResumeResult {
  readonly sending: readonly SendingBroadcast[];
  readonly summaries: readonly PendingSummary[];
}

/** See DeliveriesRepo.resume: one pass over the broadcasts. */
export function resumeBroadcasts(db: ReadonlyDb, skip: ReadonlySet<string>): ResumeResult {
  const sending: SendingBroadcast[] = [];
  const summaries: PendingSummary[] = [];
  for (const b of Object.values(db.broadcasts)) {
    if (skip.has(b.id)) continue;
    if (b.status === "sending") {
      const pending: string[] = [];
      for (const key in b.recipients) if (b.recipients[key]?.s === "p") pending.push(key);
      sending.push({ broadcast: toView(b), pending, counts: countRecipients(b) });
    } else if (b.progress?.summaryPending) {
      const durationMs = Math.max(0, Date.parse(b.finishedAt ?? b.createdAt) - Date.parse(b.createdAt));
      const broadcast = toView(b) as PendingSummary["broadcast"];
      summaries.push({ broadcast, counts: countRecipients(b), durationMs });
    }
  }
  sending.sort((x, y) => x.broadcast.createdAt.localeCompare(y.broadcast.createdAt));
  return { sending, summaries };
}

/** See DeliveriesRepo.finish; "done" is answered by `finishedView` (a copy is not taken inside a change). */
export function finishBroadcast(db: Db, id: string, at: Date, claimed: ReadonlySet<string>): FinishResult | "done" {
  const rec = db.broadcasts[id];
  if (!rec) return { status: "gone" };
  if (rec.status === "sending") {
    const pending: string[] = [];
    for (const key in rec.recipients) if (rec.recipients[key]?.s === "p" && !claimed.has(key)) pending.push(key);
    if (pending.length > 0) return { status: "more", pending };
    rec.status = "done";
    rec.finishedAt = at.toISOString();
    if (rec.progress) rec.progress.summaryPending = true;
    // keep the totals, the failures (with reasons) and the message ids edited later; drop the
    // rest: a year of broadcasts to every subscriber would otherwise dominate the store
    rec.counts = countRecipients(rec);
    for (const key in rec.recipients) {
      const r = rec.recipients[key];
      if (r?.s === "s" && r.mid === undefined) delete rec.recipients[key];
    }
  }
  return "done";
}

/** A finished broadcast as `finish` answers it, read outside the change. */
export function finishedView(db: ReadonlyDb, id: string): FinishResult {
  const rec = db.broadcasts[id];
  return rec ? { status: "done", broadcast: toView(rec), counts: countRecipients(rec) } : { status: "gone" };
}
