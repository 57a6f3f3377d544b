import type { NoticeCatalog, NoticeDef } from "../domain/notice.js";
import { nextOccurrence, occurrenceOn, occurrencesBetween } from "../domain/recurrence.js";
import { inSignupWindow, occurrenceId as makeOccurrenceId, parseOccurrenceId, type RosterBook, type SignupWindow } from "../domain/signups/index.js";
import { localDateOf } from "../domain/zoned-time.js";
import type { Store } from "./store.js";

/** Personal reminders go this long before the start unless a notice says otherwise. */
export const DEFAULT_PERSONAL_REMINDER_MINUTES = 120;
/** `/signups` without a date still shows an occurrence until a day after it started (attendance). */
const CURRENT_FOR_MS = 24 * 3_600_000;

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

/** The occurrence lookups a sign-up repo offers its callers. */
export interface SignupOccurrences {
  /** The notices that take sign-ups, in catalog order. */
  readonly notices: readonly NoticeDef[];
  /** A sign-up occurrence from its id; undefined for unknown notices, notices without sign-up, or dates that are not an occurrence. */
  occurrence(occurrenceId: string): SignupOccurrence | undefined;
  /** The next occurrence of a notice taking sign-ups, or the one that started in the last day. */
  current(noticeId: string, now: Date): SignupOccurrence | undefined;
  /** Sign-up occurrences starting in `[from, to)`, soonest first. */
  between(from: Date, to: Date): SignupOccurrence[];
}

/** The lookups plus what the repo's folding and decisions need internally. */
export interface OccurrenceResolver extends SignupOccurrences {
  /** The capacity of an occurrence (undefined: unlimited, or not an occurrence). */
  capacityOf(occurrenceId: string): number | undefined;
  /**
   * The occurrence a join may be taken for at `now`: a real one (a rule date, not skipped) within
   * the sign-up window (the next 90 days, and the recent past for its "started" answer). A date
   * outside is not even resolved, so forged ids neither write nor fill the cache.
   */
  joinable(occurrenceId: string, now: Date): SignupOccurrence | undefined;
}

/** What the repo's reads and writes are built over: one book, one resolver, one clock. */
export interface SignupParts {
  store: Store;
  book: RosterBook;
  occurrences: OccurrenceResolver;
  now: () => Date;
}

/**
 * Resolves sign-up occurrences of the catalog's notices in the community time zone. Ids seen
 * through `occurrence` are cached per resolver, since every decision and fold asks again.
 */
export function createOccurrenceResolver(catalog: NoticeCatalog, timezone: string, window?: SignupWindow): OccurrenceResolver {
  const build = () => new Map(catalog.notices.filter((n) => n.signup?.enabled).map((n) => [n.id, n]));
  let seen = catalog.notices;
  let byId = build();
  const occurrences = new Map<string, SignupOccurrence | null>();
  // the notices repository puts a new array in the catalog on every change (/event, /events):
  // the map and the cache follow it
  const live = (): Map<string, NoticeDef> => {
    if (catalog.notices !== seen) {
      seen = catalog.notices;
      byId = build();
      occurrences.clear();
    }
    return byId;
  };

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
    const notices = live();
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

  return {
    get notices() {
      return [...live().values()];
    },
    occurrence,
    capacityOf: (id) => occurrence(id)?.capacity,
    joinable(id, now) {
      const date = parseOccurrenceId(id)?.date;
      return date !== undefined && inSignupWindow(date, localDateOf(now, timezone), window) ? occurrence(id) : undefined;
    },
    current(noticeId, at) {
      const notice = live().get(noticeId);
      const occ = notice && nextOccurrence(notice, timezone, new Date(at.getTime() - CURRENT_FOR_MS));
      return notice && occ ? resolve(notice, occ.date, occ.startsAt) : undefined;
    },
    between(from, to) {
      const list = [...live().values()].flatMap((n) => occurrencesBetween(n, timezone, from, to).map((o) => resolve(n, o.date, o.startsAt)));
      return list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.occurrenceId.localeCompare(b.occurrenceId));
    },
  };
}
