import type { DeepReadonly } from "../domain/deep-readonly.js";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Locale } from "../domain/translate.js";
import type { BroadcastRecord, Db } from "../store/schema.js";
import { countRecipients, type DeliveryCounts } from "../store/broadcast-counts.js";
import { mediaFor, messageParts, type MessagePart } from "./message-parts.js";
import type { ProgressReport } from "./progress-report.js";

/** The sender's working copy of one broadcast that is being sent. */
export interface ActiveBroadcast {
  id: string;
  /** recipient keys (chat ids) still to look at, and where we are in them */
  queue: string[];
  cursor: number;
  /** keys taken up in this run (sent, in flight, waiting or decided): never taken twice */
  handled: Set<string>;
  /** jobs taken up and not yet decided */
  open: number;
  counts: DeliveryCounts;
  /** decided in this run, and since when (clock ms), for the time left */
  doneThisRun: number;
  startedAt: number;
  parts: Partial<Record<Locale, MessagePart[]>>;
  keyboards: Partial<Record<Locale, InlineKeyboardMarkup | null>>;
  report?: ProgressReport;
}

/** One recipient being delivered (one message, or the parts of a long one in turn). */
export interface Job {
  a: ActiveBroadcast;
  key: string;
  chatId: number;
  locale?: Locale;
  part: number;
  attempts: number;
  notBefore: number;
}

/** Keys still pending in the store and not taken up in this run. */
export function pendingKeys(b: DeepReadonly<BroadcastRecord>, skip: ReadonlySet<string>): string[] {
  const keys: string[] = [];
  for (const key in b.recipients) if (b.recipients[key]?.s === "p" && !skip.has(key)) keys.push(key);
  return keys;
}

/** Takes up a broadcast found in the store (new, or left unfinished by a previous run). */
export function activate(b: DeepReadonly<BroadcastRecord>, startedAt: number): ActiveBroadcast {
  return {
    id: b.id,
    queue: pendingKeys(b, new Set()),
    cursor: 0,
    handled: new Set(),
    open: 0,
    counts: countRecipients(b),
    doneThisRun: 0,
    startedAt,
    parts: {},
    keyboards: {},
  };
}

/** The messages a recipient gets, per locale (computed once per broadcast): see `messageParts`; none for a poll without text. */
export function partsFor(a: ActiveBroadcast, b: DeepReadonly<BroadcastRecord>, locale: Locale): MessagePart[] {
  return (a.parts[locale] ??= b.poll && b.text[locale].trim() === "" ? [] : messageParts(b.text[locale], mediaFor(b, locale)));
}

/** Moves a pending recipient from a group's old id to its supergroup's, in every broadcast. */
export function moveRecipient(db: Db, fromId: number, toId: number): void {
  for (const b of Object.values(db.broadcasts)) {
    const state = b.recipients[String(fromId)];
    if (state?.s !== "p") continue;
    delete b.recipients[String(fromId)];
    if (!b.recipients[String(toId)]) b.recipients[String(toId)] = state;
  }
}

/** Time left from the pace of this run, once a few recipients are done. */
export function timeLeftMs(a: ActiveBroadcast, now: number): number | undefined {
  if (a.doneThisRun < 3) return undefined;
  const c = a.counts;
  const remaining = Math.max(0, c.total - c.sent - c.failed - c.blocked);
  return (remaining * (now - a.startedAt)) / a.doneThisRun;
}
