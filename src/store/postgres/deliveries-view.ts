/** Broadcast rows as the deliveries repository answers them (views and counts). */
import type { DeliveryCounts } from "../broadcast-counts.js";
import type { BroadcastView } from "../broadcast-view.js";
import type { BroadcastsTable } from "./tables.js";
import type { Selectable } from "kysely";
import { sql } from "kysely";
import type { PgDb } from "./database.js";

type Row = Selectable<BroadcastsTable>;
type Progress = { chatId: number; lang: "zh" | "en"; messageId?: number; summaryPending?: boolean };

export function rowToView(r: Row): BroadcastView {
  const body = r.body as Pick<BroadcastView, "text" | "media" | "occurrenceId" | "poll">;
  const progress = r.progress as Progress | null;
  return {
    id: r.id,
    kind: r.kind as BroadcastView["kind"],
    ...(r.key !== null ? { key: r.key } : {}),
    createdAt: r.created_at.toISOString(),
    ...(r.created_by !== null ? { createdBy: r.created_by } : {}),
    ...body,
    ...(progress ? { progress: { chatId: progress.chatId, lang: progress.lang, ...(progress.messageId !== undefined ? { messageId: progress.messageId } : {}) } } : {}),
    status: r.status as BroadcastView["status"],
    ...(r.finished_at ? { finishedAt: r.finished_at.toISOString() } : {}),
  };
}

export const summaryPending = (r: Row): boolean => (r.progress as Progress | null)?.summaryPending === true;

/** Counts of the broadcasts' deliveries by state (a finished one keeps its totals in `counts`). */
export async function countsOf(db: PgDb, community: string, ids: readonly string[]): Promise<Map<string, DeliveryCounts>> {
  const out = new Map<string, DeliveryCounts>();
  for (const id of ids) out.set(id, { total: 0, sent: 0, failed: 0, blocked: 0 });
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("deliveries")
    .select(["broadcast_id", "s", sql<number>`count(*)::int`.as("n")])
    .where("community", "=", community)
    .where("broadcast_id", "in", ids)
    .groupBy(["broadcast_id", "s"])
    .execute();
  for (const { broadcast_id, s, n } of rows) {
    const c = out.get(broadcast_id);
    if (!c) continue;
    c.total += n;
    if (s === "s") c.sent += n;
    else if (s === "f") c.failed += n;
    else if (s === "b") c.blocked += n;
  }
  return out;
}
