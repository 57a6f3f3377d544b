/**
 * Calendar helpers for a time zone without dayjs plugins: a cached Intl formatter maps an instant to
 * its local date. Every zone offset in use is a multiple of 15 minutes, so caching per 15-minute UTC
 * slot is exact and makes a million records cheap.
 */
const SLOT_MS = 15 * 60 * 1000;

/** Maps epoch milliseconds to the local `YYYY-MM-DD` in `tz`. */
export type LocalDateFn = (ms: number) => string;

/** Creates a cached instant → local date function for one time zone. */
export function createLocalDate(tz: string): LocalDateFn {
  const fmt = new Intl.DateTimeFormat("en-US", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
  const cache = new Map<number, string>();
  return (ms) => {
    const slot = Math.floor(ms / SLOT_MS);
    let date = cache.get(slot);
    if (date === undefined) {
      const parts = fmt.formatToParts(new Date(slot * SLOT_MS));
      const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? "00";
      date = `${get("year")}-${get("month")}-${get("day")}`;
      if (cache.size > 100_000) cache.clear();
      cache.set(slot, date);
    }
    return date;
  };
}

/** `YYYY-MM` of a local date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The Monday (`YYYY-MM-DD`) of the week a local date falls in; weeks run Monday to Sunday. */
export function weekOf(date: string): string {
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  const dow = new Date(ms).getUTCDay();
  return new Date(ms - ((dow + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
}

/** The month before a `YYYY-MM` month (`delta` months away in general). */
export function addMonths(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  const y = Math.floor(index / 12);
  return `${String(y).padStart(4, "0")}-${String(index - y * 12 + 1).padStart(2, "0")}`;
}

/** The week `delta` weeks away from a week key (a Monday). */
export function addWeeks(week: string, delta: number): string {
  const ms = Date.parse(`${week}T00:00:00Z`) + delta * 7 * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}
