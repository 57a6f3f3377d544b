/**
 * The per-user flood limit's counters (the bot's rate-limit.ts puts @grammyjs/ratelimiter in front
 * of them): a key's window opens at its first hit and lasts `windowMs`; `hit` counts one and says
 * how many the current window holds. The embedded store's are in memory (one instance); on
 * PostgreSQL (postgres/rate-windows-pg.ts) every instance counts in the same rows, so a resident
 * whose updates a load balancer spreads over several instances meets one limit, not one each.
 */
export interface RateWindows {
  hit(key: string, windowMs: number): Promise<number>;
}

/**
 * In memory, on `now` (milliseconds; monotonic in the bot: a wall clock set back would stretch
 * every open window by the jump). Bounded: windows that have passed are forgotten once a minute.
 */
export function createMemoryRateWindows(now: () => number): RateWindows {
  const windows = new Map<string, { hits: number; until: number }>();
  let sweepAt = 0;
  return {
    hit(key, windowMs) {
      const t = now();
      if (t >= sweepAt) {
        for (const [k, w] of windows) if (w.until <= t) windows.delete(k);
        sweepAt = t + 60_000;
      }
      const w = windows.get(key);
      if (w === undefined || w.until <= t) {
        windows.set(key, { hits: 1, until: t + windowMs });
        return Promise.resolve(1);
      }
      return Promise.resolve(++w.hits);
    },
  };
}
