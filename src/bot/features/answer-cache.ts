import { createLocalDate, type LocalDateFn } from "../../domain/campaign/local-time.js";

/**
 * Remembers rendered answers (/progress, figure questions). Residents ask the same few things and
 * the figures change only when staff record something, so an answer is computed once per
 * (question, language, figures version, local day) and reused: the day is in the key because
 * per-week and per-month figures roll over at midnight. Bounded: the oldest entries go first.
 */
export interface AnswerCache<T> {
  /** The answer for these parts, computed by `compute` the first time; `undefined` is not kept. */
  get(parts: { version: number; now: Date; timezone: string; key: string }, compute: () => T | undefined): T | undefined;
}

/** Creates a cache holding at most `max` answers. */
export function createAnswerCache<T>(max = 1000): AnswerCache<T> {
  const entries = new Map<string, T>();
  // the local day is looked up on every question: a formatter per zone, cached per 15-minute slot
  const localDates = new Map<string, LocalDateFn>();
  const localDate = (now: Date, timezone: string): string => {
    let fn = localDates.get(timezone);
    if (fn === undefined) localDates.set(timezone, (fn = createLocalDate(timezone)));
    return fn(now.getTime());
  };
  return {
    get({ version, now, timezone, key }, compute) {
      const full = `${version}|${localDate(now, timezone)}|${key}`;
      const hit = entries.get(full);
      if (hit !== undefined) return hit;
      const value = compute();
      if (value === undefined) return undefined;
      if (entries.size >= max) entries.delete(entries.keys().next().value as string);
      entries.set(full, value);
      return value;
    },
  };
}
