import { movedDateOf } from "../domain/date-overrides.js";
import type { NoticeCatalog, NoticeDef } from "../domain/notice.js";
import { nextOccurrence, occurrenceOn, occurrencesBetween } from "../domain/recurrence.js";
import { inSignupWindow, occurrenceId as makeOccurrenceId, parseOccurrenceId, type RosterBook, type SignupWindow } from "../domain/signups/index.js";
import { localDateOf } from "../domain/zoned-time.js";
import type { Store } from "./engine/store.js";

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
  /**
   * A sign-up occurrence from its id; undefined for unknown notices, notices without sign-up, or dates
   * that are not an occurrence. The id of a date that was moved (`/move`) gives the moved occurrence,
   * whose `occurrenceId` is that of its new date: buttons sent before the move keep working.
   */
  occurrence(occurrenceId: string): SignupOccurrence | undefined;
  /** The next occurrence of a notice taking sign-ups, or the one that started in the last day. */
  current(noticeId: string, now: Date): SignupOccurrence | undefined;
  /** Sign-up occurrences starting in `[from, to)`, soonest first. */
  between(from: Date, to: Date): SignupOccurrence[];
}

/** The lookups plus what the repo's folding and decisions need internally. */
export interface OccurrenceResolver extends SignupOccurrences {
  /** The id sign-ups logged under `occurrenceId` count for now: the new date's when it was moved. */
  canonicalId(occurrenceId: string): string;
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
  let seen: readonly NoticeDef[] | undefined;
  let notices = new Map<string, NoticeDef>();
  const occurrences = new Map<string, SignupOccurrence | null>();
  // the catalog's notices are replaced (never edited in place) when a notice or a date changes
  const live = (): Map<string, NoticeDef> => {
    if (catalog.notices !== seen) {
      seen = catalog.notices;
      notices = new Map(catalog.notices.filter((n) => n.signup?.enabled).map((n) => [n.id, n]));
      occurrences.clear();
    }
    return notices;
  };

  const resolve = (notice: NoticeDef, date: string, startsAt: Date, from = date): SignupOccurrence => ({
    occurrenceId: makeOccurrenceId(notice.id, date),
    noticeId: notice.id,
    date,
    startsAt,
    notice,
    capacity: notice.signup?.capacityByDate?.[date] ?? notice.signup?.capacityByDate?.[from] ?? notice.signup?.capacity,
    cutoffMinutes: notice.signup?.cutoffMinutes ?? 0,
    personalReminderMinutes: notice.signup?.personalReminderMinutes ?? DEFAULT_PERSONAL_REMINDER_MINUTES,
  });
  const resolveOn = (notice: NoticeDef, date: string): SignupOccurrence | undefined => {
    const occ = occurrenceOn(notice, timezone, date);
    const from = notice.moves?.find((m) => m.to === date)?.from;
    return occ ? resolve(notice, occ.date, occ.startsAt, from) : undefined;
  };

  const occurrence = (id: string): SignupOccurrence | undefined => {
    const byId = live();
    const cached = occurrences.get(id);
    if (cached !== undefined) return cached ?? undefined;
    const parsed = parseOccurrenceId(id);
    const notice = parsed && byId.get(parsed.noticeId);
    const moved = notice && movedDateOf(notice, parsed.date);
    const found = notice ? resolveOn(notice, moved ?? parsed.date) : undefined;
    // only real ids are cached: forged ones must not grow the map
    if (found) occurrences.set(id, found);
    return found;
  };
  const canonicalId = (id: string): string => {
    const parsed = parseOccurrenceId(id);
    const notice = parsed && live().get(parsed.noticeId);
    const moved = notice && movedDateOf(notice, parsed.date);
    return notice && moved ? makeOccurrenceId(notice.id, moved) : id;
  };

  return {
    get notices() {
      return [...live().values()];
    },
    occurrence,
    canonicalId,
    capacityOf: (id) => occurrence(id)?.capacity,
    joinable(id, now) {
      // the window is checked on the id first: forged far dates are not even resolved
      const canonical = canonicalId(id);
      const date = parseOccurrenceId(canonical)?.date;
      return date !== undefined && inSignupWindow(date, localDateOf(now, timezone), window) ? occurrence(canonical) : undefined;
    },
    current(noticeId, at) {
      const notice = live().get(noticeId);
      const occ = notice && nextOccurrence(notice, timezone, new Date(at.getTime() - CURRENT_FOR_MS));
      return notice && occ ? resolveOn(notice, occ.date) : undefined;
    },
    between(from, to) {
      const list = [...live().values()].flatMap((n) => occurrencesBetween(n, timezone, from, to).flatMap((o) => resolveOn(n, o.date) ?? []));
      return list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.occurrenceId.localeCompare(b.occurrenceId));
    },
  };
}
