/**
 * Attendance records on PostgreSQL: stored once per id (`ON CONFLICT DO NOTHING` on the primary
 * key, so a mark sent twice, or by two instances at once, counts once), taken back by id.
 */
import { findMetric, type Campaign, type ProgressRecord } from "../../domain/campaign/index.js";
import type { CampaignRepo } from "../campaign-repo.js";
import type { CampaignWrite } from "./campaign-pg.js";
import { moveBuckets } from "./campaign-pg-figures.js";
import { recordOfRow, rowOfRecord } from "./campaign-pg-rows.js";
import type { PgDb } from "./database.js";

type Attendance = Pick<CampaignRepo, "addAttendance" | "removeAttendance" | "replaceAttendance">;

export function createPgAttendance(write: CampaignWrite, community: string, campaign: Campaign, tz: string): Attendance {
  const known = (r: ProgressRecord) => r.source === "attendance" && findMetric(campaign, r.metricId) !== undefined;
  const add = async (tx: PgDb, records: ProgressRecord[]): Promise<number> => {
    const fresh = [...new Map(records.filter(known).map((r) => [r.id, r])).values()];
    if (fresh.length === 0) return 0;
    const added = await tx.insertInto("campaign_records").values(fresh.map((r) => rowOfRecord(community, r))).onConflict((oc) => oc.doNothing()).returning("id").execute();
    await moveBuckets(tx, community, campaign, tz, added.map((r) => r.id), 1);
    return added.length;
  };
  const remove = async (tx: PgDb, ids: string[]): Promise<ProgressRecord[]> => {
    if (ids.length === 0) return [];
    const rows = await tx.selectFrom("campaign_records").selectAll().where("community", "=", community).where("id", "in", ids).where("source", "=", "attendance").orderBy("seq").execute();
    if (rows.length === 0) return [];
    const found = rows.map((r) => r.id);
    await moveBuckets(tx, community, campaign, tz, found, -1);
    await tx.deleteFrom("campaign_records").where("community", "=", community).where("id", "in", found).execute();
    return rows.map(recordOfRow);
  };
  return {
    addAttendance: (records) =>
      write(async (tx) => {
        const added = await add(tx, records);
        return { result: added, changed: added > 0 };
      }),
    removeAttendance: (ids) =>
      write(async (tx) => {
        const removed = await remove(tx, ids);
        return { result: removed.length, changed: removed.length > 0 };
      }),
    replaceAttendance: (ids, records) =>
      write(async (tx) => {
        const removed = await remove(tx, ids);
        const added = await add(tx, records);
        return { result: { removed }, changed: removed.length > 0 || added > 0 };
      }),
  };
}
