/**
 * `db:import`, the campaign: every progress record (seed, staff, attendance, survey; ids kept, so
 * a later attendance or survey sync finds its own), targets set from the chat, and the state
 * (seeded, next id). The figures are computed from the records afterwards (rebuildPgCampaignFigures).
 */
import { insertAll, type ImportCounts, type ImportTx, type StoreDoc } from "./import-rows.js";

export async function importCampaign(tx: ImportTx, community: string, doc: StoreDoc, counts: ImportCounts): Promise<void> {
  const { records, targets, seeded, nextId } = doc.campaign;
  await tx.insertInto("campaign_state").values({ community, seeded, next_id: nextId }).execute();
  counts.campaignRecords = await insertAll(tx, "campaign_records", records.map((r) => ({
    community, id: r.id, metric_id: r.metricId, amount: r.amount, aware: r.aware ?? null, at: r.at, by: r.by,
    note: r.note ?? null, source: r.source, attendance_id: null, walk_ins: r.walkIns === true ? true : null,
  })));
  counts.campaignTargets = await insertAll(tx, "campaign_targets", Object.entries(targets).map(([metricId, target]) => ({ community, metric_id: metricId, target })));
}
