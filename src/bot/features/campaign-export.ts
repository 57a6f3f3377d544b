import { currentValue, percentOf, unitText, type Campaign, type MetricDef, type ProgressRecord } from "../../domain/campaign/index.js";
import type { CampaignRepo } from "../../store/campaign-repo.js";
import type { UsersRepo } from "../../store/users-repo.js";
import { csvFile, csvTime, headers, type Cell, type CsvFile } from "./signups/csv.js";
import type { ExportReader } from "./signups/export.js";

/**
 * The unit of a record's amount: a rate's record counts the forms surveyed (its `aware` column the
 * forms that knew), so its unit is forms, never "%"; other records carry the metric's own unit.
 */
function recordUnit(m: MetricDef | undefined, r: ProgressRecord, reader: ExportReader): string | undefined {
  if (m === undefined) return undefined;
  if (m.kind === "rate" || r.aware !== undefined) return reader.t("export-unit-forms");
  return m.unit[reader.locale];
}

/**
 * The campaign's part of `/export` (the contract: "CSV files of sign-ups and progress"): every
 * progress record with who recorded it, and each metric's current value against its target.
 * Headers and names in the reader's language (ids in their own column), times local with the offset.
 */
export async function campaignExportFiles(
  users: Pick<UsersRepo, "names">,
  repo: CampaignRepo,
  campaign: Campaign,
  now: Date,
  reader: ExportReader,
): Promise<CsvFile[]> {
  const { t, locale, timezone } = reader;
  const metrics = new Map(campaign.metrics.map((m) => [m.id, m]));
  const stored = await repo.records();
  const names = await users.names(stored.flatMap((r) => (r.by === null ? [] : [r.by])));
  const displayName = (userId: number) => names.get(userId) ?? `#${userId}`;
  const records: Cell[][] = stored.map((r) => {
    const m = metrics.get(r.metricId);
    const by = r.by === null ? undefined : r.by;
    const source = t(`campaign-source-${r.source}`);
    return [r.id, csvTime(r.at, timezone), r.metricId, m?.name[locale], r.amount, r.aware, recordUnit(m, r, reader), source, by, by === undefined ? undefined : displayName(by), r.note];
  });
  const { aggregates, targets } = await repo.figures();
  const standing: Cell[][] = campaign.metrics.map((m) => {
    const current = currentValue(aggregates, m, now, timezone);
    const value = current.value;
    const target = targets[m.id] ?? m.target;
    const unit = m.kind === "rate" ? "%" : unitText(m, locale, t);
    const period = current.kind === "per-period" ? (current.periodKey ?? undefined) : undefined;
    return [m.id, m.name[locale], t(`export-kind-${m.kind}`), unit, value ?? undefined, period, target, value === null ? undefined : percentOf(value, target)];
  });
  return [
    csvFile("progress.csv", headers(t, ["record_id", "at", "metric_id", "metric", "amount", "aware", "unit", "source", "by", "by_name", "note"]), records),
    csvFile("targets.csv", headers(t, ["metric_id", "metric", "kind", "unit", "current", "period", "target", "percent"]), standing),
  ];
}
