/**
 * Shared pieces of `db:import` (import.ts): the transaction type every area writes through, the
 * counts it reports, and batched inserts (PostgreSQL takes at most 65,535 parameters a statement).
 */
import type { Insertable, Transaction } from "kysely";
import type { Db } from "../schema.js";
import type { DeepReadonly } from "../../domain/deep-readonly.js";
import type { Tables } from "./tables.js";

export type ImportTx = Transaction<Tables>;
export type StoreDoc = DeepReadonly<Db>;
/** How many rows of each kind were written, by kind (printed by the script). */
export type ImportCounts = Record<string, number>;

/** Inserts `rows` into `table` in batches; resolves with how many. */
export async function insertAll<T extends keyof Tables & string>(tx: ImportTx, table: T, rows: readonly Insertable<Tables[T]>[]): Promise<number> {
  for (let i = 0; i < rows.length; i += 1000) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely cannot narrow a generic table's insert type
    await tx.insertInto(table).values(rows.slice(i, i + 1000) as any).execute();
  }
  return rows.length;
}

/** JSON for a jsonb column, null for absent. */
export const jsonOrNull = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));
