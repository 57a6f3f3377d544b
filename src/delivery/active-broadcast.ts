import type { InlineKeyboardMarkup } from "grammy/types";
import type { Locale } from "../domain/translate.js";
import type { BroadcastView, DeliveryCounts } from "../store/broadcast-view.js";
import type { SendingBroadcast } from "../store/deliveries-repo.js";
import { mediaFor, messageParts, type MessagePart } from "./message-parts.js";
import type { ProgressReport } from "./progress-report.js";

/** The sender's working copy of one broadcast that is being sent. */
export interface ActiveBroadcast {
  readonly id: string;
  /** what is sent (a copy taken when it was taken up) */
  readonly broadcast: BroadcastView;
  /** recipient keys (chat ids) still to claim, and where we are in them */
  queue: string[];
  cursor: number;
  /** a claim of the next keys is on its way */
  claiming: boolean;
  /** claimed and waiting for a slot, in order */
  ready: Job[];
  /** keys taken up in this run (sent, in flight, waiting or decided): never taken twice */
  readonly handled: Set<string>;
  /** jobs taken up and not yet decided */
  open: number;
  /** being finished (the store asked whether anything is left, then marked done) */
  finishing: boolean;
  counts: DeliveryCounts;
  /** decided in this run, and since when (clock ms), for the time left */
  doneThisRun: number;
  readonly startedAt: number;
  readonly parts: Partial<Record<Locale, MessagePart[]>>;
  readonly keyboards: Partial<Record<Locale, InlineKeyboardMarkup | null>>;
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

/** Takes up a broadcast found in the outbox (new, or left unfinished by a previous run). */
export function activate(s: SendingBroadcast, startedAt: number): ActiveBroadcast {
  return {
    id: s.broadcast.id,
    broadcast: s.broadcast,
    queue: [...s.pending],
    cursor: 0,
    claiming: false,
    ready: [],
    handled: new Set(),
    open: 0,
    finishing: false,
    counts: { ...s.counts },
    doneThisRun: 0,
    startedAt,
    parts: {},
    keyboards: {},
  };
}

/** Nothing of it is left to claim, waiting, or in flight. */
export function isSettled(a: ActiveBroadcast): boolean {
  return a.cursor >= a.queue.length && !a.claiming && a.ready.length === 0 && a.open === 0;
}

/** The messages a recipient gets, per locale (computed once per broadcast): see `messageParts`; none for a poll without text. */
export function partsFor(a: ActiveBroadcast, locale: Locale): MessagePart[] {
  const b = a.broadcast;
  return (a.parts[locale] ??= b.poll && b.text[locale].trim() === "" ? [] : messageParts(b.text[locale], mediaFor(b, locale)));
}

/** Time left from the pace of this run, once a few recipients are done. */
export function timeLeftMs(a: ActiveBroadcast, now: number): number | undefined {
  if (a.doneThisRun < 3) return undefined;
  const c = a.counts;
  const remaining = Math.max(0, c.total - c.sent - c.failed - c.blocked);
  return (remaining * (now - a.startedAt)) / a.doneThisRun;
}
