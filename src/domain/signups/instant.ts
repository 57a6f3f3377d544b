const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
}

/** The number written with `len` decimal digits at `from`, or -1 if any of them is not a digit. */
function digits(s: string, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Epoch milliseconds of an instant written exactly as `Date#toISOString` writes it
 * (`YYYY-MM-DDTHH:mm:ss.sssZ`, year 0100..9999), so that {@link isoFromMs} gives back the very same
 * string; NaN for anything else (the caller then keeps the string itself). Hand-parsed because the
 * fold calls it once per event: Date.parse plus a round-trip check would cost several times more.
 */
export function canonicalIsoMs(s: string): number {
  if (s.length !== 24) return NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58) return NaN;
  if (s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46 || s.charCodeAt(23) !== 90) return NaN;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  const ms = digits(s, 20, 3);
  // years below 100 would be read by Date.UTC as 19xx
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return NaN;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || ms < 0) return NaN;
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms);
}

/** The ISO string of epoch milliseconds (the inverse of {@link canonicalIsoMs}). */
export function isoFromMs(ms: number): string {
  return new Date(ms).toISOString();
}
