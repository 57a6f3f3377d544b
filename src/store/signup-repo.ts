import type { NoticeCatalog } from "../domain/notice.js";
import { applyEvent, createRosterBook, forgetUser, isSignupEvent, promote, rostersToSettle, type Promotion, type RosterBook } from "../domain/signups/index.js";
import { renameRoster } from "../domain/signups/rename.js";
import { occurrenceId as makeOccurrenceId } from "../domain/signups/events.js";
import { createOccurrenceResolver, type SignupOccurrences } from "./signup-occurrences.js";
import { createLiveMessages, type LiveMessages } from "./signup-live.js";
import { createSignupReads, type SignupReads } from "./signup-reads.js";
import { createReceivedReminders, type ReceivedReminders } from "./signup-received.js";
import { settleRosters } from "./signup-settle.js";
import { createSignupWrites, type SignupWrites } from "./signup-writes.js";
import type { Store } from "./engine/store.js";

// the repo's parts live beside it; callers keep importing everything from here
export { liveMessagesOf, recordLiveMessage } from "./signup-live.js";
export { DEFAULT_PERSONAL_REMINDER_MINUTES, type SignupOccurrence } from "./signup-occurrences.js";
export type { OccurrenceMark, SignupCountsNow } from "./signup-reads.js";
export type { LiveMessageRef } from "./signup-live.js";
export type { ReceivedReminder } from "./signup-received.js";
export type { CancelResult, JoinResult } from "./signup-writes.js";

/**
 * Sign-ups on any backend: writes that resolve once stored, reads that answer from what is stored
 * (the JSON store's {@link FoldedSignupRepo}, or PostgreSQL's, postgres/signups-pg.ts).
 */
export interface SignupRepo extends SignupOccurrences, SignupWrites, SignupReads, LiveMessages, ReceivedReminders {
  /** The community time zone occurrences are computed in. */
  readonly timezone: string;
  /**
   * Drops a user from the book (their events are already deleted); promotions of occurrences not
   * started. The JSON store logs the rosters their presses shaped as they now stand.
   */
  forget(userId: number): Promise<Promotion[]>;
  /**
   * A notice's capacity changed (the catalog already has it): whoever now fits moves up from the
   * waitlist of each date not started, in order; returns them. The JSON store logs each roster of the
   * notice as it then stands (a fold with the new capacity alone could place earlier joiners otherwise).
   */
  capacityChanged(noticeId: string): Promise<Promotion[]>;
  /**
   * A date was moved (`/move`, catalog already following it): its roster, positions and all, moves
   * along. Call it in the same tick as the catalog changes: the JSON store's book follows before the
   * promise is even returned (no press can fold in between); other backends resolve once stored.
   */
  occurrenceMoved(noticeId: string, from: string, to: string): Promise<void>;
}

/** The JSON store's sign-up repo: the sign-up log folded into memory, the book readable at once. */
export interface FoldedSignupRepo extends SignupRepo {
  /** The folded rosters (read only), for the JSON store's own tests; features read through the methods. */
  readonly book: RosterBook;
}

export interface SignupRepoOptions {
  store: Store;
  catalog: NoticeCatalog;
  timezone: string;
  now: () => Date;
}

/**
 * Builds the repo: folds the sign-up log once (O(events), streamed from disk), then every decision is O(roster).
 * Each write decides, appends and folds inside one synchronous `store.write` callback, so
 * concurrent presses never interleave, and the store's group commit saves a burst in a few writes.
 */
export async function createSignupRepo(options: SignupRepoOptions): Promise<FoldedSignupRepo> {
  const { store, catalog, timezone, now } = options;
  const book = createRosterBook();
  const occurrences = createOccurrenceResolver(catalog, timezone);
  const { occurrence, capacityOf } = occurrences;

  // the log is in seq order; the book ignores anything at or below the last seq it folded
  // sign-ups logged under a date that was moved since count for the new date (see occurrenceMoved)
  await store.signups.replay((e) => {
    if (!isSignupEvent(e)) return;
    const id = occurrences.canonicalId(e.occurrenceId);
    applyEvent(book, id === e.occurrenceId ? e : { ...e, occurrenceId: id }, capacityOf);
  });

  const parts = { store, book, occurrences, now };
  const writes = createSignupWrites(parts);
  const reads = createSignupReads(parts);
  return {
    book,
    timezone,
    get notices() {
      return occurrences.notices;
    },
    occurrence,
    current: occurrences.current,
    between: occurrences.between,
    ...writes,
    // async bodies run at once up to their first await: the book changes in the caller's tick
    // both settle what they changed in the log: a replay of the presses alone could place people otherwise
    async forget(userId) {
      const at = now();
      const promoted = await store.write(() => {
        // ids logged before a date moved count for the new date, as on start
        const touched = rostersToSettle(book, userId).map((id) => occurrences.canonicalId(id));
        const moved = forgetUser(book, userId, capacityOf);
        settleRosters(store, book, touched, at, capacityOf);
        return moved;
      }, "durable");
      return promoted.filter((p) => (occurrence(p.occurrenceId)?.startsAt.getTime() ?? 0) > at.getTime());
    },
    async capacityChanged(noticeId) {
      const at = now();
      return store.write(() => {
        const promoted: Promotion[] = [];
        const ids = [...book.rosters.keys()].filter((id) => id.startsWith(`${noticeId}:`));
        for (const id of ids) {
          const occ = occurrence(id);
          const roster = book.rosters.get(id);
          if (occ && roster && occ.startsAt.getTime() > at.getTime()) promoted.push(...promote(roster, capacityOf(id)));
        }
        // started dates too: the fold would place them with the new capacity
        settleRosters(store, book, ids, at, capacityOf);
        return promoted;
      }, "durable");
    },
    async occurrenceMoved(noticeId, from, to) {
      renameRoster(book, makeOccurrenceId(noticeId, from), makeOccurrenceId(noticeId, to));
    },
    ...reads,
    ...createLiveMessages(store),
    ...createReceivedReminders(store),
  };
}
