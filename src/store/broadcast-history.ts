import type { DeepReadonly } from "../domain/deep-readonly.js";
import { countRecipients, type DeliveryCounts } from "./broadcast-counts.js";
import { broadcastOfSummary, deliveredCopies, saveCorrection } from "./corrections.js";

export { EDIT_WINDOW_MS } from "./corrections.js";
export type { BroadcastMedia } from "./schema.js";
import type { BroadcastRecord } from "./schema.js";
import type { Store } from "./engine/store.js";

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
 * What staff features read of past broadcasts (/stats, /correct) and the one change /correct
 * makes. The outbox and the sender own the rest of a broadcast's life (seam-delivery); fold this
 * into their broadcasts repository.
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

/** Builds the history over the JSON store. */
export function createBroadcastHistory(store: Store): BroadcastHistory {
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
