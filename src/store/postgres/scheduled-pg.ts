/**
 * Broadcasts waiting for their `at=` time, over PostgreSQL (one community). Ids are `s1`, `s2`, …
 * per community as in the JSON store: taken under a per-community advisory lock and kept UNIQUE
 * (community, n), so instances scheduling at once never share one. `finish` changes only a waiting
 * one (a conditional UPDATE), so two instances' ticks finish it once; its outbox key `at:<id>`
 * (schedule_keys) keeps the broadcast itself to one.
 */
import { sql, type Selectable } from "kysely";
import type { ScheduledBroadcast } from "../office-schema.js";
import type { ScheduledRepo } from "../scheduled-repo.js";
import type { PgDb } from "./database.js";
import type { ScheduledTable } from "./tables.js";

function rowToScheduled(r: Selectable<ScheduledTable>): ScheduledBroadcast {
  return {
    id: r.id,
    at: r.at.toISOString(),
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    text: r.text,
    ...(r.media !== null ? { media: r.media as NonNullable<ScheduledBroadcast["media"]> } : {}),
    ...(r.to !== null ? { to: r.to } : {}),
    progress: r.progress as ScheduledBroadcast["progress"],
    status: r.status as ScheduledBroadcast["status"],
    ...(r.broadcast_id !== null ? { broadcastId: r.broadcast_id } : {}),
    ...(r.html !== null ? { html: r.html as NonNullable<ScheduledBroadcast["html"]> } : {}),
    ...(r.occurrence_id !== null ? { occurrenceId: r.occurrence_id } : {}),
  };
}

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

export function createPgScheduledRepo(db: PgDb, community: string, now: () => Date): ScheduledRepo {
  const waiting = () =>
    db.selectFrom("scheduled").selectAll().where("community", "=", community).where("status", "=", "waiting").orderBy("at").orderBy("n");
  return {
    schedule: (input) =>
      db.transaction().execute(async (tx) => {
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`scheduled:${community}`}))`.execute(tx);
        const top = await tx.selectFrom("scheduled").select((eb) => eb.fn.max("n").as("n")).where("community", "=", community).executeTakeFirst();
        const n = (top?.n ?? 0) + 1;
        const row = await tx
          .insertInto("scheduled")
          .values({
            community, n, id: `s${n}`, at: input.at, created_by: input.createdBy, created_at: now(), text: input.text,
            media: json(input.media), to: json(input.to), progress: JSON.stringify(input.progress), status: "waiting",
            html: json(input.html), occurrence_id: input.occurrenceId ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return rowToScheduled(row);
      }),
    waiting: async () => (await waiting().execute()).map(rowToScheduled),
    due: async (at) => (await waiting().where("at", "<=", at).execute()).map(rowToScheduled),
    async finish(id, status, broadcastId) {
      const r = await db
        .updateTable("scheduled")
        .set({ status, ...(broadcastId ? { broadcast_id: broadcastId } : {}) })
        .where("community", "=", community).where("id", "=", id).where("status", "=", "waiting")
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
  };
}
