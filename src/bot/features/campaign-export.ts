import { currentValue, percentOf, type Campaign } from "../../domain/campaign/index.js";
import type { CampaignRepo } from "../../store/campaign-repo.js";
import type { Db } from "../../store/schema.js";
import { csvFile, type Cell, type CsvFile } from "./signups/csv.js";
import { displayName } from "./signups/staff.js";

/**
 * The campaign's part of `/export` (the contract: "CSV files of sign-ups and progress"): every
 * progress record with who recorded it, and each metric's current value against its target.
 */
export function campaignExportFiles(db: Db, repo: CampaignRepo, campaign: Campaign, now: Date, timezone: string): CsvFile[] {
  const metrics = new Map(campaign.metrics.map((m) => [m.id, m]));
  const records: Cell[][] = db.campaign.records.map((r) => {
    const m = metrics.get(r.metricId);
    const by = r.by === null ? undefined : r.by;
    return [r.id, r.at, r.metricId, m?.name.zh, m?.name.en, r.amount, r.aware, m?.unit.zh, r.source, by, by === undefined ? undefined : displayName(db, by), r.note];
  });
  const targets = repo.targets();
  const standing: Cell[][] = campaign.metrics.map((m) => {
    const value = currentValue(repo.aggregates, m, now, timezone).value;
    const target = targets[m.id] ?? m.target;
    return [m.id, m.name.zh, m.name.en, m.kind, m.unit.zh, value ?? undefined, target, value === null ? undefined : percentOf(value, target)];
  });
  return [
    csvFile("progress.csv", ["record_id", "at", "metric_id", "metric_zh", "metric_en", "amount", "aware", "unit", "source", "by", "by_name", "note"], records),
    csvFile("targets.csv", ["metric_id", "metric_zh", "metric_en", "kind", "unit", "current", "target", "percent"], standing),
  ];
}
