/**
 * The flood limit's windows on PostgreSQL (see rate-windows.ts), shared by every instance of a
 * community: one upsert per hit opens, counts or restarts the key's window and returns its count.
 * An UNLOGGED table (migration 010): counters are not worth a write-ahead log, and a database crash
 * that empties them only forgives whoever was flooding. Times are the instances' wall clocks in
 * milliseconds (`now`), the one clock they share; windows that have passed are deleted once a
 * minute per instance.
 */
import { sql } from "kysely";
import type { RateWindows } from "../rate-windows.js";
import type { PgDb } from "./database.js";

export function createPgRateWindows(db: PgDb, community: string, now: () => number = Date.now): RateWindows {
  let sweepAt = 0;
  return {
    async hit(key, windowMs) {
      const t = now();
      const until = t + windowMs;
      const { rows } = await sql<{ hits: number }>`
        INSERT INTO rate_windows AS w (community, key, hits, until_ms) VALUES (${community}, ${key}, 1, ${until})
        ON CONFLICT (community, key) DO UPDATE SET
          hits = CASE WHEN w.until_ms <= ${t} THEN 1 ELSE w.hits + 1 END,
          until_ms = CASE WHEN w.until_ms <= ${t} THEN ${until} ELSE w.until_ms END
        RETURNING hits`.execute(db);
      if (t >= sweepAt) {
        sweepAt = t + 60_000;
        await db.deleteFrom("rate_windows").where("community", "=", community).where("until_ms", "<=", t).execute();
      }
      return rows[0]?.hits ?? 1;
    },
  };
}
