/**
 * The deliveries as staff look back on them (/stats, /correct) over PostgreSQL, for one community:
 * the `BroadcastHistory` part of the deliveries repository, the same contract as deliveries-reads.ts.
 * A finished broadcast keeps its totals in `counts`; one still sending is counted from its rows.
 */
import { sql, type Selectable } from "kysely";
import type { DeliveryCounts } from "../broadcast-counts.js";
import type { BroadcastHistory, BroadcastSummary, CorrectableBroadcast } from "../deliveries-reads.js";
import type { PgDb } from "./database.js";
import { countsOf } from "./deliveries-view.js";
import type { BroadcastsTable } from "./tables.js";

type Row = Selectable<BroadcastsTable>;
interface Body { text: { zh: string; en: string }; media?: unknown; occurrenceId?: string }

function summaryOf(r: Row, counted: DeliveryCounts | undefined): BroadcastSummary {
  const body = r.body as Body;
  const c = (r.counts as DeliveryCounts | null) ?? counted ?? { total: 0, sent: 0, failed: 0, blocked: 0 };
  return {
    id: r.id,
    kind: r.kind as BroadcastSummary["kind"],
    ...(r.key !== null ? { key: r.key } : {}),
    createdAt: r.created_at.toISOString(),
    ...(r.created_by !== null ? { createdBy: r.created_by } : {}),
    text: { zh: body.text.zh, en: body.text.en },
    ...(body.occurrenceId !== undefined ? { occurrenceId: body.occurrenceId } : {}),
    status: r.status as BroadcastSummary["status"],
    counts: { total: c.total, sent: c.sent, failed: c.failed, blocked: c.blocked, pending: c.total - c.sent - c.failed - c.blocked },
  };
}

async function correctableOf(db: PgDb, community: string, r: Row | undefined): Promise<CorrectableBroadcast | undefined> {
  if (!r) return undefined;
  const copies = await db.selectFrom("deliveries").select(["chat_key", "mid"]).where("community", "=", community)
    .where("broadcast_id", "=", r.id).where("s", "=", "s").where("mid", "is not", null).orderBy("chat_key").execute();
  return {
    id: r.id,
    createdAt: r.created_at.toISOString(),
    status: r.status as CorrectableBroadcast["status"],
    media: (r.body as Body).media !== undefined,
    copies: copies.map((c) => ({ chatId: Number(c.chat_key), messageId: c.mid as number })),
  };
}

export function createPgHistoryReads(db: PgDb, community: string): BroadcastHistory {
  const broadcasts = () => db.selectFrom("broadcasts").selectAll().where("community", "=", community);
  return {
    async recent(limit) {
      if (!(limit > 0)) return [];
      const rows = await broadcasts().orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
      const counted = await countsOf(db, community, rows.filter((r) => r.counts === null).map((r) => r.id));
      return rows.map((r) => summaryOf(r, counted.get(r.id)));
    },
    async ofSummary(chatId, messageId) {
      const where = JSON.stringify({ chatId, messageId });
      const r = await broadcasts().where(sql<boolean>`progress @> ${where}::jsonb`).orderBy("created_at").limit(1).executeTakeFirst();
      return correctableOf(db, community, r);
    },
    correctable: async (id) => correctableOf(db, community, await broadcasts().where("id", "=", id).executeTakeFirst()),
    async saveCorrection(id, html) {
      const text = JSON.stringify({ zh: html, en: html });
      await db.updateTable("broadcasts").set({ body: sql`jsonb_set(body, '{text}', ${text}::jsonb)` })
        .where("community", "=", community).where("id", "=", id).execute();
    },
    async keyTaken(key) {
      const r = await db.selectFrom("schedule_keys").select("key").where("community", "=", community).where("key", "=", key).executeTakeFirst();
      return r !== undefined;
    },
  };
}
