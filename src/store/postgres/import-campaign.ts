/**
 * `db:import`, the campaign: every progress record (seed, staff, attendance, survey; ids kept, so
 * a later attendance or survey sync finds its own), targets set from the chat, and the state
 * (seeded, next id), then the figures computed from those records, in the same transaction. The
 * version moves past the one a replaced community had, so no instance keeps figures cached under it.
 */
import type { Campaign } from "../../domain/campaign/index.js";
import { rebuildBuckets } from "./campaign-pg-figures.js";
import { insertAll, type ImportCounts, type ImportTx, type StoreDoc } from "./import-rows.js";

export interface CampaignImport {
  campaign: Campaign;
  timezone: string;
  /** the replaced community's figures version, if any */
  previousVersion: number | undefined;
}

export async function importCampaign(tx: ImportTx, community: string, doc: StoreDoc, options: CampaignImport, counts: ImportCounts): Promise<void> {
  const { records, targets, seeded, nextId } = doc.campaign;
  const version = options.previousVersion === undefined ? 0 : options.previousVersion + 1;
  await tx.insertInto("campaign_state").values({ community, seeded, next_id: nextId, version }).execute();
  counts.campaignRecords = await insertAll(tx, "campaign_records", records.map((r) => ({
    community, id: r.id, metric_id: r.metricId, amount: r.amount, aware: r.aware ?? null, at: r.at, by: r.by,
    note: r.note ?? null, source: r.source, attendance_id: null, walk_ins: r.walkIns === true ? true : null,
  })));
  counts.campaignTargets = await insertAll(tx, "campaign_targets", Object.entries(targets).map(([metricId, target]) => ({ community, metric_id: metricId, target })));
  await rebuildBuckets(tx, community, options.campaign, options.timezone);
}
