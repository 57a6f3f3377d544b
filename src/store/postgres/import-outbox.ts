/**
 * `db:import`, the outbox: broadcasts (body as outbox-pg.ts keeps it, progress, counts), their
 * recipients' states (deliveries; a finished broadcast keeps only what the JSON store kept), and the
 * scheduler's idempotency keys, so nothing is sent twice after the move.
 */
import { insertAll, jsonOrNull, type ImportCounts, type ImportTx, type StoreDoc } from "./import-rows.js";

export async function importOutbox(tx: ImportTx, community: string, doc: StoreDoc, counts: ImportCounts): Promise<void> {
  const broadcasts = Object.values(doc.broadcasts);
  counts.broadcasts = await insertAll(tx, "broadcasts", broadcasts.map((b) => ({
    community, id: b.id, key: b.key ?? null, kind: b.kind, created_at: b.createdAt, created_by: b.createdBy ?? null,
    body: JSON.stringify({
      text: { zh: b.text.zh, en: b.text.en },
      ...(b.media ? { media: b.media } : {}),
      ...(b.occurrenceId ? { occurrenceId: b.occurrenceId } : {}),
      ...(b.poll ? { poll: b.poll } : {}),
    }),
    status: b.status, progress: jsonOrNull(b.progress), finished_at: b.finishedAt ?? null, counts: jsonOrNull(b.counts),
  })));
  counts.deliveries = await insertAll(tx, "deliveries", broadcasts.flatMap((b) => Object.entries(b.recipients).map(([chatKey, r]) => ({
    community, broadcast_id: b.id, chat_key: chatKey, s: r.s, err: r.err ?? null, mid: r.mid ?? null,
  }))));
  counts.scheduleKeys = await insertAll(tx, "schedule_keys", Object.entries(doc.enqueued).map(([key, at]) => ({ community, key, at })));
}
