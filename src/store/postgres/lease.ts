/**
 * The leader lease in PostgreSQL: one row per lease name (holder, epoch, expires_at), times taken
 * from the database's clock `now()` so instances' clocks do not matter. Taking it is one statement
 * (INSERT … ON CONFLICT DO UPDATE … WHERE free or expired), so instances racing get one winner; each
 * take bumps the epoch. A leader-only write runs `fenced(trx)` inside its transaction: it locks the
 * lease row FOR SHARE (a takeover waits for the write to commit) and refuses with StaleLeaderError
 * unless this holder still holds this epoch, unexpired. An advisory lock alone would never fail over
 * from a stalled (not dead) leader; the epoch does.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { PgDb } from "./database.js";
import type { Tables } from "./tables.js";

/** A ttl of 10 s renewed every 3 s: a dead leader is taken over within 15 s. */
export const DEFAULT_LEASE_TTL_MS = 10_000;
export const DEFAULT_LEASE_RENEW_MS = 3_000;

/** A write refused because this instance no longer leads (another took the lease over). */
export class StaleLeaderError extends Error {
  constructor(name: string, holder: string, epoch: number | undefined) {
    super(
      `refused a leader-only write: ${holder} no longer holds the "${name}" lease` +
        (epoch === undefined ? " (not holding it)" : ` at epoch ${epoch}`) + "; another instance leads now",
    );
    this.name = "StaleLeaderError";
  }
}

export interface LeaseState {
  readonly holder: string;
  readonly epoch: number;
  /** unexpired by the database's clock */
  readonly live: boolean;
}

export interface PgLease {
  readonly name: string;
  readonly holder: string;
  readonly ttlMs: number;
  /** the epoch we hold (from the last successful tryAcquire), if any */
  readonly epoch: number | undefined;
  /** Takes the lease when free, expired or already ours: answers the new epoch, or undefined. */
  tryAcquire(): Promise<number | undefined>;
  /** Extends the lease if we still hold it with our epoch, unexpired; false: leadership is lost. */
  renew(): Promise<boolean>;
  /** Gives the lease up at once (on shutdown), so another instance may take it without waiting. */
  release(): Promise<void>;
  /** Inside a leader-only write's transaction: throws StaleLeaderError unless we still lead. */
  fenced(trx: Transaction<Tables> | Kysely<Tables>): Promise<void>;
  /** Who holds it now (for messages), undefined when never taken. */
  current(): Promise<LeaseState | undefined>;
}

export interface PgLeaseOptions {
  /** unique per process, e.g. `${hostname}:${pid}:${random}` */
  readonly holder: string;
  /** default "leader" */
  readonly name?: string;
  readonly community?: string | null;
  readonly ttlMs?: number;
}

/** A lease on `db` for `holder`; nothing is queried until a method is called. */
export function createPgLease(db: PgDb, options: PgLeaseOptions): PgLease {
  const name = options.name ?? "leader";
  const { holder } = options;
  const ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  if (!(ttlMs > 0)) throw new Error(`lease ttl must be positive, got ${ttlMs}`);
  const expiry = sql<Date>`now() + ${ttlMs} * interval '1 millisecond'`;
  let epoch: number | undefined;

  return {
    name,
    holder,
    ttlMs,
    get epoch() {
      return epoch;
    },

    async tryAcquire() {
      const row = await db
        .insertInto("leases")
        .values({ name, community: options.community ?? null, holder, epoch: 1, expires_at: expiry })
        .onConflict((oc) =>
          oc
            .column("name")
            .doUpdateSet({ holder, epoch: sql<number>`leases.epoch + 1`, expires_at: expiry })
            .where((eb) => eb.or([eb("leases.expires_at", "<=", sql<Date>`now()`), eb("leases.holder", "=", holder)])),
        )
        .returning("epoch")
        .executeTakeFirst();
      epoch = row?.epoch;
      return epoch;
    },

    async renew() {
      if (epoch === undefined) return false;
      const res = await db
        .updateTable("leases")
        .set({ expires_at: expiry })
        .where("name", "=", name)
        .where("holder", "=", holder)
        .where("epoch", "=", epoch)
        .where("expires_at", ">", sql<Date>`now()`)
        .executeTakeFirst();
      if (res.numUpdatedRows === 0n) epoch = undefined;
      return epoch !== undefined;
    },

    async release() {
      if (epoch === undefined) return;
      const held = epoch;
      epoch = undefined;
      await db
        .updateTable("leases")
        .set({ expires_at: sql<Date>`'-infinity'::timestamptz` })
        .where("name", "=", name)
        .where("holder", "=", holder)
        .where("epoch", "=", held)
        .execute();
    },

    async fenced(trx) {
      const row = await trx
        .selectFrom("leases")
        .select(["holder", "epoch", sql<boolean>`expires_at > now()`.as("live")])
        .where("name", "=", name)
        .forShare()
        .executeTakeFirst();
      if (epoch === undefined || !row || row.holder !== holder || row.epoch !== epoch || !row.live) {
        throw new StaleLeaderError(name, holder, epoch);
      }
    },

    async current() {
      const row = await db
        .selectFrom("leases")
        .select(["holder", "epoch", sql<boolean>`expires_at > now()`.as("live")])
        .where("name", "=", name)
        .executeTakeFirst();
      return row && { holder: row.holder, epoch: row.epoch, live: row.live };
    },
  };
}
