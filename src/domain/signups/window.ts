/**
 * Which occurrences take sign-ups: those of the next `aheadDays` (a reminder goes out days before,
 * so nobody needs more), plus the recent past, which gets its "already started" answer. Anything
 * else (forged button data asking for a date centuries away) is refused before it is resolved, so
 * it writes nothing and caches nothing.
 */
export interface SignupWindow {
  aheadDays: number;
  backDays: number;
}

export const DEFAULT_SIGNUP_WINDOW: SignupWindow = { aheadDays: 90, backDays: 31 };

const DAY_MS = 86_400_000;

/**
 * Whether `date` (`YYYY-MM-DD`) lies within the window around `today` (the community's date, same
 * format), both ends included. A malformed date is outside.
 */
export function inSignupWindow(date: string, today: string, window: SignupWindow = DEFAULT_SIGNUP_WINDOW): boolean {
  const day = (d: string): number => Date.parse(`${d}T00:00:00.000Z`) / DAY_MS;
  const diff = day(date) - day(today);
  return Number.isFinite(diff) && diff >= -window.backDays && diff <= window.aheadDays;
}
