import type { Locale } from "../domain/translate.js";
import type { DeliveryCounts } from "./broadcast-counts.js";
import type { BroadcastMedia as StoredMedia, BroadcastRecord, PollPayload as StoredPoll } from "./schema.js";

export type { DeliveryCounts };

type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** What kind of broadcast: a scheduled notice, staff's own, a personal reminder, a staff report, a survey. */
export type BroadcastKind = BroadcastRecord["kind"];
/** A photo or document sent by its Telegram file_id. */
export type BroadcastMedia = DeepReadonly<StoredMedia>;
/** A poll a broadcast sends after its text; `ref` is handed back with the sent poll. */
export type PollPayload = DeepReadonly<StoredPoll>;
/** Where a staff member sees a broadcast's progress, then its summary. */
export interface ProgressTarget {
  readonly chatId: number;
  readonly messageId?: number;
  readonly lang: Locale;
}

/**
 * A broadcast as the outbox holds it, without its recipients: what to send (text per language, a
 * file, the sign-up buttons' occurrence, a poll) and who watches it. Plain data, a copy.
 */
export interface BroadcastView {
  readonly id: string;
  readonly kind: BroadcastKind;
  readonly key?: string;
  readonly createdAt: string;
  readonly createdBy?: number;
  readonly text: { readonly zh: string; readonly en: string };
  readonly media?: BroadcastMedia | { readonly zh?: BroadcastMedia; readonly en?: BroadcastMedia };
  readonly occurrenceId?: string;
  readonly poll?: PollPayload;
  readonly progress?: ProgressTarget;
  readonly status: "sending" | "done";
  readonly finishedAt?: string;
}

/** A copy of a stored broadcast without its recipients (see BroadcastView). */
export function toView(b: DeepReadonly<BroadcastRecord>): BroadcastView {
  const { recipients: _recipients, counts: _counts, ...rest } = b;
  const view = structuredClone(rest) as Omit<BroadcastRecord, "recipients" | "counts">;
  if (view.progress) delete view.progress.summaryPending;
  return view;
}
