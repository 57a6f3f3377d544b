/**
 * The outbox over PostgreSQL: a broadcast and its pending deliveries inserted in one transaction;
 * a key taken once (schedule_keys, shared with the scheduler's keys) is never taken again,
 * by `INSERT … ON CONFLICT DO NOTHING`, so racing enqueues and instances create exactly one.
 */
import type { EnqueueInput, OutboxRepo } from "../outbox-repo.js";
import type { PgDb } from "./database.js";

/** The stored body of a broadcast (what is sent), as the broadcasts.body jsonb column keeps it. */
export function broadcastBody(input: EnqueueInput): Record<string, unknown> {
  return {
    text: { zh: input.text.zh, en: input.text.en },
    ...(input.media ? { media: input.media } : {}),
    ...(input.occurrenceId ? { occurrenceId: input.occurrenceId } : {}),
    ...(input.poll ? { poll: input.poll } : {}),
  };
}

export function createPgOutboxRepo(db: PgDb, community: string, now: () => Date): OutboxRepo {
  return {
    enqueue: (input) =>
      db.transaction().execute(async (tx) => {
        const at = now();
        if (input.key !== undefined) {
          const taken = await tx
            .insertInto("schedule_keys")
            .values({ community, key: input.key, at })
            .onConflict((oc) => oc.doNothing())
            .returning("key")
            .executeTakeFirst();
          if (!taken) return { id: "", created: false };
        }
        const id = `b${at.getTime().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
        await tx
          .insertInto("broadcasts")
          .values({
            community, id, key: input.key ?? null, kind: input.kind, created_at: at,
            created_by: input.createdBy ?? null, body: JSON.stringify(broadcastBody(input)), status: "sending",
            progress: input.progress ? JSON.stringify({ chatId: input.progress.chatId, lang: input.progress.lang }) : null,
          })
          .execute();
        const keys = [...new Set(input.recipients.map(String))];
        for (let i = 0; i < keys.length; i += 5000) {
          const rows = keys.slice(i, i + 5000).map((chat_key) => ({ community, broadcast_id: id, chat_key, s: "p" }));
          await tx.insertInto("deliveries").values(rows).execute();
        }
        return { id, created: true };
      }),
  };
}
