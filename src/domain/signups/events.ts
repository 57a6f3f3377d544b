/** The most people one sign-up may bring, the volunteer included. */
export const MAX_HEADCOUNT = 10;

/**
 * `settled` is no press: the store writes it (user id 0) when the live roster can no longer be told
 * from the presses logged before it (a person forgotten, a capacity changed), see {@link SettledRoster}.
 */
export const SIGNUP_EVENT_TYPES = ["join", "cancel", "attended", "unattended", "settled"] as const;
export type SignupEventType = (typeof SIGNUP_EVENT_TYPES)[number];

export const SIGNUP_VIAS = ["button", "text", "command", "staff"] as const;
export type SignupVia = (typeof SIGNUP_VIAS)[number];

/**
 * The confirmed and waiting lists of one roster as they stood live, in order: [user id, headcount,
 * joined at]. Folding it puts the roster exactly so (a restart cannot place anyone differently from
 * what happened live, whatever capacity or forgotten presses the events before it were folded with).
 */
export interface SettledRoster {
  confirmed: Array<[number, number, string]>;
  waitlist: Array<[number, number, string]>;
}

/**
 * One line of the append-only sign-up log, the source of truth for every roster.
 * `seq` is strictly increasing over the whole log; `at` is an ISO instant (UTC).
 */
export interface SignupEvent {
  seq: number;
  at: string;
  userId: number;
  /** `${noticeId}:${YYYY-MM-DD}`, see {@link occurrenceId}. */
  occurrenceId: string;
  type: SignupEventType;
  /** join only: the volunteer plus friends, 1..10 (missing means 1). */
  headcount?: number;
  via: SignupVia;
  /** The staff member who marked attendance. */
  by?: number;
  /** settled only: the roster from now on. */
  roster?: SettledRoster;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/**
 * The id of one occurrence of a notice: `${noticeId}:${date}`, the date being the calendar date
 * in the community time zone. Throws a RangeError on a malformed notice id or date (a bug, not input).
 */
export function occurrenceId(noticeId: string, date: string): string {
  if (noticeId === "" || noticeId.includes(":")) throw new RangeError(`bad notice id: ${noticeId}`);
  if (!isCalendarDate(date)) throw new RangeError(`bad occurrence date: ${date}`);
  return `${noticeId}:${date}`;
}

/**
 * Splits an occurrence id back into notice id and date. Returns undefined for anything malformed,
 * because ids come back from button data that anyone can forge.
 */
export function parseOccurrenceId(id: string): { noticeId: string; date: string } | undefined {
  const colon = id.indexOf(":");
  if (colon <= 0) return undefined;
  const noticeId = id.slice(0, colon);
  const date = id.slice(colon + 1);
  return isCalendarDate(date) ? { noticeId, date } : undefined;
}

/** A headcount as the fold uses it: an integer clamped to 1..{@link MAX_HEADCOUNT}; junk becomes 1. */
export function normalizeHeadcount(value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return 1;
  return Math.min(MAX_HEADCOUNT, Math.max(1, Math.trunc(value)));
}

/** Type guard for events read back from the store (the file may have been edited by hand). */
export function isSignupEvent(value: unknown): value is SignupEvent {
  if (typeof value !== "object" || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.seq === "number" &&
    Number.isFinite(e.seq) &&
    typeof e.at === "string" &&
    typeof e.userId === "number" &&
    typeof e.occurrenceId === "string" &&
    parseOccurrenceId(e.occurrenceId) !== undefined &&
    (SIGNUP_EVENT_TYPES as readonly unknown[]).includes(e.type) &&
    (SIGNUP_VIAS as readonly unknown[]).includes(e.via) &&
    (e.headcount === undefined || typeof e.headcount === "number") &&
    (e.by === undefined || typeof e.by === "number") &&
    (e.type === "settled" ? isSettledRoster(e.roster) : e.roster === undefined)
  );
}

function isEntries(value: unknown): value is Array<[number, number, string]> {
  return (
    Array.isArray(value) &&
    value.every((x) => Array.isArray(x) && x.length === 3 && typeof x[0] === "number" && typeof x[1] === "number" && typeof x[2] === "string")
  );
}

function isSettledRoster(value: unknown): value is SettledRoster {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return isEntries(r.confirmed) && isEntries(r.waitlist);
}
