import type { DeepReadonly } from "../domain/deep-readonly.js";
import { countRecipients, type DeliveryCounts } from "./broadcast-counts.js";
import { broadcastOfSummary, deliveredCopies, saveCorrection } from "./corrections.js";
import { toView, type BroadcastView, type ProgressTarget } from "./broadcast-view.js";
import type { FinishResult } from "./deliveries-repo.js";
import type { BroadcastRecord, Db } from "./schema.js";
import type { ReadonlyDb, Store } from "./engine/store.js";

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

/** A broadcast as staff look back on it (/stats): plain data, its recipients counted. */
export interface BroadcastSummary {
  readonly id: string;
  readonly kind: BroadcastRecord["kind"];
  readonly key?: string;
  readonly createdAt: string;
  readonly createdBy?: number;
  readonly text: { readonly zh: string; readonly en: string };
  readonly occurrenceId?: string;
  readonly status: BroadcastRecord["status"];
  /** recipients by state; pending = total − the rest */
  readonly counts: DeliveryCounts & { readonly pending: number };
}

/** A finished broadcast that /correct may edit: its delivered copies. */
export interface CorrectableBroadcast {
  readonly id: string;
  readonly createdAt: string;
  readonly status: BroadcastRecord["status"];
  /** a poster: its copies are edited as captions */
  readonly media: boolean;
  readonly copies: ReadonlyArray<{ readonly chatId: number; readonly messageId: number }>;
}

/**
 * The deliveries as staff look back on them (/stats, /correct) and the one change /correct makes:
 * part of `DeliveriesRepo` (the sender's part is in deliveries-repo.ts); features that only look
 * back take this part.
 */
export interface BroadcastHistory {
  /** The newest `limit` broadcasts, newest first. */
  recent(limit: number): Promise<readonly BroadcastSummary[]>;
  /** The broadcast whose progress / summary message is `messageId` in `chatId`. */
  ofSummary(chatId: number, messageId: number): Promise<CorrectableBroadcast | undefined>;
  /** A broadcast by id, for a correction. */
  correctable(id: string): Promise<CorrectableBroadcast | undefined>;
  /** Keeps the corrected text on the broadcast (a later correction, or a resumed send, uses it); resolves once on disk. */
  saveCorrection(id: string, html: string): Promise<void>;
  /** True when something was already enqueued under this idempotency key. */
  keyTaken(key: string): Promise<boolean>;
}

const summaryOf = (b: DeepReadonly<BroadcastRecord>): BroadcastSummary => {
  const c = countRecipients(b);
  return {
    id: b.id,
    kind: b.kind,
    ...(b.key === undefined ? {} : { key: b.key }),
    createdAt: b.createdAt,
    ...(b.createdBy === undefined ? {} : { createdBy: b.createdBy }),
    text: { zh: b.text.zh, en: b.text.en },
    ...(b.occurrenceId === undefined ? {} : { occurrenceId: b.occurrenceId }),
    status: b.status,
    counts: { ...c, pending: c.total - c.sent - c.failed - c.blocked },
  };
};

const correctableOf = (b: DeepReadonly<BroadcastRecord>): CorrectableBroadcast => ({
  id: b.id,
  createdAt: b.createdAt,
  status: b.status,
  media: b.media !== undefined,
  copies: deliveredCopies(b),
});

/** The history part of the deliveries repository over the JSON store. */
export function createHistoryReads(store: Store): BroadcastHistory {
  return {
    async recent(limit) {
      return Object.values(store.data.broadcasts)
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
        .slice(0, limit)
        .map(summaryOf);
    },
    async ofSummary(chatId, messageId) {
      const b = broadcastOfSummary(store, chatId, messageId);
      return b && correctableOf(b);
    },
    async correctable(id) {
      const b = store.data.broadcasts[id];
      return b && correctableOf(b);
    },
    saveCorrection: (id, html) => saveCorrection(store, id, html),
    keyTaken: async (key) => store.data.enqueued[key] !== undefined,
  };
}
