/**
 * `db:import`, what staff changed from the chat: the notices (with the next one-off event's
 * number), published bulletins, moved and skipped dates, compounds, broadcasts waiting for their
 * time, previews waiting for Confirm, conversations in progress.
 */
import { insertAll, jsonOrNull, type ImportCounts, type ImportTx, type StoreDoc } from "./import-rows.js";

/** A preview lives a day after it was made, as drafts-pg.ts gives it. */
const DAY_MS = 86_400_000;

export async function importOffice(tx: ImportTx, community: string, doc: StoreDoc, counts: ImportCounts): Promise<void> {
  const o = doc.office;
  const notices = o.notices;
  // a store that never seeded its notices leaves the book absent too: the first start seeds both
  if (notices) {
    await tx.insertInto("notice_books").values({ community, next_event: o.nextEvent }).execute();
    counts.notices = await insertAll(tx, "notices", notices.map((n, pos) => ({ community, id: n.id, pos, def: JSON.stringify(n) })));
  }
  counts.bulletins = await insertAll(tx, "bulletins", Object.values(doc.bulletins).map((b) => ({
    community, id: b.id, publish_on: b.publishOn, zh: jsonOrNull(b.zh), en: jsonOrNull(b.en),
  })));
  const overrides = Object.entries(o.dateOverrides);
  counts.dateMoves = await insertAll(tx, "date_moves", overrides.flatMap(([noticeId, d]) => d.moves.map((m, pos) => ({
    community, notice_id: noticeId, from_date: m.from, to_date: m.to, time: m.time, via: jsonOrNull(m.via), pos, by: m.by, at: m.at,
  }))));
  counts.dateSkips = await insertAll(tx, "date_skips", overrides.flatMap(([noticeId, d]) => d.skips.map((s) => ({
    community, notice_id: noticeId, date: s.date, reason: s.reason ?? null, by: s.by, at: s.at,
  }))));
  counts.compounds = await insertAll(tx, "compounds", o.compounds.map((c) => ({
    community, id: c.id, name_zh: c.name.zh, name_en: c.name.en, added_by: c.addedBy ?? null, at: c.at ?? new Date(0).toISOString(),
  })));
  counts.scheduled = await insertAll(tx, "scheduled", Object.values(o.scheduled).map((s) => ({
    community, n: Number(/(\d+)$/.exec(s.id)?.[1] ?? 0), id: s.id, at: s.at, created_by: s.createdBy, created_at: s.createdAt,
    text: s.text, media: jsonOrNull(s.media), to: jsonOrNull(s.to), progress: JSON.stringify(s.progress), status: s.status,
    broadcast_id: s.broadcastId ?? null, html: jsonOrNull(s.html), occurrence_id: s.occurrenceId ?? null,
  })));
  counts.drafts = await insertAll(tx, "drafts", Object.entries(o.drafts).map(([id, d]) => ({
    community, id, owner: d.owner, body: JSON.stringify(d.value ?? null), created_at: d.createdAt,
    expires_at: new Date(Date.parse(d.createdAt) + DAY_MS), kind: d.kind, state: d.state,
  })));
  counts.conversations = await insertAll(tx, "conversations", Object.entries(o.conversations).map(([key, value]) => ({ community, key, value: JSON.stringify(value) })));
}
