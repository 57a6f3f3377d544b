/**
 * The PostgreSQL store: Kysely over a pg Pool. `createPgDatabase(url)` opens it (no query yet);
 * `destroy()` ends the pool. Tables' row types are in tables.ts.
 */
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Tables } from "./tables.js";

export type PgDb = Kysely<Tables>;

export interface PgDatabaseOptions {
  /** most connections this instance opens (default 10) */
  readonly max?: number;
  /**
   * Told when an idle connection fails (PostgreSQL restarted, the network dropped it). The pool
   * drops that connection and the next query opens another; without a listener, pg's pool would
   * throw the error out of the process.
   */
  readonly onIdleError?: (err: Error) => void;
}

// bigint columns (ids, epochs) come back as numbers: Telegram ids fit in 53 bits. Per pool, not
// pg's global type table.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Opens the database at `url` (postgres://…). */
export function createPgDatabase(url: string, options: PgDatabaseOptions = {}): PgDb {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types });
  pool.on("error", (err) => options.onIdleError?.(err));
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
}
