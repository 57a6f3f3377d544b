import type { NoticeCatalog, NoticeDef } from "../domain/notice.js";
import { nextOccurrence, occurrenceOn, occurrencesBetween } from "../domain/recurrence.js";
import {
  applyEvent,
  createRosterBook,
  decideCancel,
  decideJoin,
  forgetUser,
  isSignupEvent,
  joinNeedsWrite,
  occurrenceId as makeOccurrenceId,
  occurrenceSummary,
  parseOccurrenceId,
  userRecord,
  type CancelDecision,
  type JoinDecision,
  type OccurrenceSummary,
  type Promotion,
  type RosterBook,
  type SignupEvent,
  type SignupVia,
  type UserRecord,
} from "../domain/signups/index.js";
import type { StoredSignupEvent } from "./schema.js";
import type { Store } from "./store.js";

/** Personal reminders go this long before the start unless a notice says otherwise. */
export const DEFAULT_PERSONAL_REMINDER_MINUTES = 120;
/** `/signups` without a date still shows an occurrence until a day after it started (attendance). */
const CURRENT_FOR_MS = 24 * 3_600_000;
/** Reminder messages kept per occurrence for live counts (bounds the list in a busy month). */
const MAX_LIVE_MESSAGES = 500;

/** One occurrence of a notice that takes sign-ups, with its sign-up settings resolved. */
export interface SignupOccurrence {
  occurrenceId: string;
  noticeId: string;
  date: string;
  startsAt: Date;
  notice: NoticeDef;
  capacity: number | undefined;
  cutoffMinutes: number;
  personalReminderMinutes: number;
}

export type JoinResult =
  | { outcome: "unknown" }
  | { outcome: "decided"; occurrence: SignupOccurrence; decision: JoinDecision; promoted: Promotion[]; written: boolean };
export type CancelResult =
  | { outcome: "unknown" }
  | { outcome: "decided"; occurrence: SignupOccurrence; decision: CancelDecision; promoted: Promotion[]; written: boolean };

export interface SignupCountsNow {
  heads: number;
  confirmed: number;
  waiting: number;
  capacity: number | undefined;
}

/** The sign-up log folded into memory, with writes that resolve once on disk. */
export interface SignupRepo {
  /** The folded rosters (read only). */
  readonly book: RosterBook;
  /** The store it writes to, and the community time zone occurrences are computed in. */
  readonly store: Store;
  readonly timezone: string;
  /** The notices that take sign-ups, in catalog order. */
  readonly notices: readonly NoticeDef[];
  /** A sign-up occurrence from its id; undefined for unknown notices, notices without sign-up, or dates that are not an occurrence. */
  occurrence(occurrenceId: string): SignupOccurrence | undefined;
  /** The next occurrence of a notice taking sign-ups, or the one that started in the last day. */
  current(noticeId: string, now: Date): SignupOccurrence | undefined;
  /** Sign-up occurrences starting in `[from, to)`, soonest first. */
  between(from: Date, to: Date): SignupOccurrence[];
  join(userId: number, occurrenceId: string, via: SignupVia, headcount?: number): Promise<JoinResult>;
  cancel(userId: number, occurrenceId: string, via: SignupVia): Promise<CancelResult>;
  /** Marks (or unmarks) attendance; resolves with the ids whose mark changed, once on disk. */
  markAttended(staffId: number, occurrenceId: string, userIds: number[], attended: boolean): Promise<{ changed: number[] }>;
  /** Drops a user from the book (their events are already deleted); promotions of occurrences not started. */
  forget(userId: number): Promotion[];
  userRecord(userId: number): UserRecord;
  summary(occurrenceId: string): OccurrenceSummary;
  counts(occurrenceId: string): SignupCountsNow;
  /** Streams the log, oldest first (for export): it is kept on disk, not in memory. */
  replayEvents(fn: (event: StoredSignupEvent) => void): Promise<void>;
  /** True when the scheduler already enqueued this idempotency key. */
  isEnqueued(key: string): boolean;
}

export interface SignupRepoOptions {
  store: Store;
  catalog: NoticeCatalog;
  timezone: string;
  now: () => Date;
}

/**
 * Builds the repo: folds the sign-up log once (O(events), streamed from disk), then every decision is O(roster).
 * Each write decides, appends and folds inside one synchronous `store.update` callback, so
 * concurrent presses never interleave, and the store's group commit saves a burst in a few writes.
 */
export async function createSignupRepo(options: SignupRepoOptions): Promise<SignupRepo> {
  const { store, catalog, timezone, now } = options;
  const book = createRosterBook();
  const notices = new Map(catalog.notices.filter((n) => n.signup?.enabled).map((n) => [n.id, n]));
  const occurrences = new Map<string, SignupOccurrence | null>();

  const resolve = (notice: NoticeDef, date: string, startsAt: Date): SignupOccurrence => ({
    occurrenceId: makeOccurrenceId(notice.id, date),
    noticeId: notice.id,
    date,
    startsAt,
    notice,
    capacity: notice.signup?.capacityByDate?.[date] ?? notice.signup?.capacity,
    cutoffMinutes: notice.signup?.cutoffMinutes ?? 0,
    personalReminderMinutes: notice.signup?.personalReminderMinutes ?? DEFAULT_PERSONAL_REMINDER_MINUTES,
  });

  const occurrence = (id: string): SignupOccurrence | undefined => {
    const cached = occurrences.get(id);
    if (cached !== undefined) return cached ?? undefined;
    const parsed = parseOccurrenceId(id);
    const notice = parsed && notices.get(parsed.noticeId);
    const occ = parsed && notice ? occurrenceOn(notice, timezone, parsed.date) : undefined;
    const found = notice && occ ? resolve(notice, occ.date, occ.startsAt) : undefined;
    // only real ids are cached: forged ones must not grow the map
    if (found) occurrences.set(id, found);
    return found;
  };
  const capacityOf = (id: string) => occurrence(id)?.capacity;

  // the log is in seq order; the book ignores anything at or below the last seq it folded
  await store.signups.replay((e) => {
    if (isSignupEvent(e)) applyEvent(book, e, capacityOf);
  });

  /** Appends and folds one event; call only inside `store.update`. */
  const append = (e: Omit<SignupEvent, "seq" | "at">): Promotion[] => {
    const event = store.signups.append({ at: now().toISOString(), ...e });
    return applyEvent(book, event, capacityOf).promoted;
  };

  return {
    book,
    store,
    timezone,
    notices: [...notices.values()],
    occurrence,
    current(noticeId, at) {
      const notice = notices.get(noticeId);
      const occ = notice && nextOccurrence(notice, timezone, new Date(at.getTime() - CURRENT_FOR_MS));
      return notice && occ ? resolve(notice, occ.date, occ.startsAt) : undefined;
    },
    between(from, to) {
      const list = [...notices.values()].flatMap((n) => occurrencesBetween(n, timezone, from, to).map((o) => resolve(n, o.date, o.startsAt)));
      return list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.occurrenceId.localeCompare(b.occurrenceId));
    },
    async join(userId, occurrenceId, via, headcount) {
      const occ = occurrence(occurrenceId);
      if (!occ) return { outcome: "unknown" };
      const decide = () =>
        decideJoin(book, {
          userId, occurrenceId, now: now(), startsAt: occ.startsAt, cutoffMinutes: occ.cutoffMinutes, capacity: occ.capacity,
          ...(headcount === undefined ? {} : { headcount }),
        });
      const first = decide();
      if (!joinNeedsWrite(first)) {
        await settled(store);
        return { outcome: "decided", occurrence: occ, decision: first, promoted: [], written: false };
      }
      // update runs its callback at once, in this tick: nothing can change the book in between
      const decided = await store.update(() => {
        const decision = decide();
        if (!joinNeedsWrite(decision)) return { decision, promoted: [] as Promotion[], written: false };
        const heads = "headcount" in decision ? decision.headcount : 1;
        // a missing headcount means 1: most joins are single, and every byte is rewritten on each save
        const promoted = append({ userId, occurrenceId, type: "join", via, ...(heads === 1 ? {} : { headcount: heads }) });
        return { decision, promoted: promoted.filter((p) => p.userId !== userId), written: true };
      });
      return { outcome: "decided", occurrence: occ, ...decided };
    },
    async cancel(userId, occurrenceId, via) {
      const occ = occurrence(occurrenceId);
      if (!occ) return { outcome: "unknown" };
      const decide = () => decideCancel(book, { userId, occurrenceId, capacity: occ.capacity, now: now(), startsAt: occ.startsAt });
      const first = decide();
      if (first.outcome !== "cancelled") {
        await settled(store);
        return { outcome: "decided", occurrence: occ, decision: first, promoted: [], written: false };
      }
      const decided = await store.update(() => {
        const decision = decide();
        if (decision.outcome !== "cancelled") return { decision, promoted: [] as Promotion[], written: false };
        return { decision, promoted: append({ userId, occurrenceId, type: "cancel", via }), written: true };
      });
      return { outcome: "decided", occurrence: occ, ...decided };
    },
    async markAttended(staffId, occurrenceId, userIds, attended) {
      if (!occurrence(occurrenceId)) return { changed: [] };
      const marked = (userId: number) => book.rosters.get(occurrenceId)?.attended.has(userId) ?? false;
      const todo = [...new Set(userIds)].filter((id) => marked(id) !== attended);
      if (todo.length === 0) {
        await settled(store);
        return { changed: [] };
      }
      const changed = await store.update(() => {
        const done = todo.filter((id) => marked(id) !== attended);
        for (const userId of done) append({ userId, occurrenceId, type: attended ? "attended" : "unattended", via: "staff", by: staffId });
        return done;
      });
      return { changed };
    },
    forget(userId) {
      const at = now().getTime();
      return forgetUser(book, userId, capacityOf).filter((p) => (occurrence(p.occurrenceId)?.startsAt.getTime() ?? 0) > at);
    },
    userRecord(userId) {
      return userRecord(book, userId, now(), (id) => occurrence(id)?.startsAt);
    },
    summary: (occurrenceId) => occurrenceSummary(book, occurrenceId),
    counts(occurrenceId) {
      const r = book.rosters.get(occurrenceId);
      let waiting = 0;
      for (const e of r?.waitlist.values() ?? []) waiting += e.headcount;
      return { heads: r?.heads ?? 0, confirmed: r?.confirmed.size ?? 0, waiting, capacity: capacityOf(occurrenceId) };
    },
    replayEvents: (fn) => store.signups.replay(fn),
    isEnqueued: (key) => store.data.enqueued[key] !== undefined,
  };
}

/**
 * Waits for the write in flight, if any. A request that changes nothing ("already": a second press)
 * may be answered only once the write holding that user's first press is on disk.
 */
async function settled(store: Store): Promise<void> {
  await store.flush();
}

/**
 * Remembers a reminder message sent into a group, so its join button shows the live count. For
 * the sender's onSent hook; batched (no wait for the disk: losing one only loses a count update).
 */
export function recordLiveMessage(store: Store, occurrenceId: string, chatId: number, messageId: number): void {
  store.mutate((db) => {
    const list = (db.liveMessages[occurrenceId] ??= []);
    if (list.some((m) => m.chatId === chatId && m.messageId === messageId)) return;
    list.push({ chatId, messageId });
    if (list.length > MAX_LIVE_MESSAGES) list.splice(0, list.length - MAX_LIVE_MESSAGES);
  });
}

/** The reminder messages recorded for an occurrence. */
export function liveMessagesOf(store: Store, occurrenceId: string): ReadonlyArray<{ chatId: number; messageId: number }> {
  return store.data.liveMessages[occurrenceId] ?? [];
}
