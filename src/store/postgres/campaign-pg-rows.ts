/** Campaign records as rows of `campaign_records`, and back. */
import type { Insertable, Selectable } from "kysely";
import type { ProgressRecord } from "../../domain/campaign/index.js";
import type { CampaignRecordsTable } from "./tables.js";

export type RecordRow = Selectable<CampaignRecordsTable>;

export function recordOfRow(r: RecordRow): ProgressRecord {
  return {
    id: r.id,
    metricId: r.metric_id,
    amount: r.amount,
    ...(r.aware !== null ? { aware: r.aware } : {}),
    at: new Date(r.at).toISOString(),
    by: r.by,
    ...(r.note !== null ? { note: r.note } : {}),
    source: r.source as ProgressRecord["source"],
    ...(r.walk_ins === true ? { walkIns: true } : {}),
  };
}

export function rowOfRecord(community: string, r: ProgressRecord): Insertable<CampaignRecordsTable> {
  return {
    community, id: r.id, metric_id: r.metricId, amount: r.amount, aware: r.aware ?? null, at: r.at, by: r.by,
    note: r.note ?? null, source: r.source, attendance_id: null, walk_ins: r.walkIns === true ? true : null,
  };
}
