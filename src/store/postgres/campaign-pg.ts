/**
 * The campaign repository over PostgreSQL (one community): the same contract as campaign-repo.ts.
 * Every write is one transaction that first locks the community's `campaign_state` row (campaign
 * writes are few: staff records, attendance, surveys), changes the records and their buckets
 * together and moves `version`. `figures()` asks the version (one row) and reads the buckets again
 * only when it moved, on this instance or another.
 */
import type { Transaction } from "kysely";
import { findMetric, type ProgressRecord } from "../../domain/campaign/index.js";
import type { CampaignFigures, CampaignRepo, CampaignRepoOptions } from "../campaign-repo.js";
import type { PgDb } from "./database.js";
import { createPgAttendance } from "./campaign-pg-attendance.js";
import { moveBuckets, readAggregates, rebuildBuckets } from "./campaign-pg-figures.js";
import { recordOfRow, rowOfRecord } from "./campaign-pg-rows.js";
import { createPgSurveyForms } from "./campaign-pg-survey.js";
import type { Tables } from "./tables.js";

export type PgCampaignOptions = Omit<CampaignRepoOptions, "store" | "now">;

/** A campaign write: runs `fn` under the community's lock; `changed` moves the version. */
export type CampaignWrite = <R>(fn: (tx: Transaction<Tables>) => Promise<{ result: R; changed: boolean }>) => Promise<R>;

export function campaignWriter(db: PgDb, community: string): CampaignWrite {
  return (fn) =>
    db.transaction().execute(async (tx) => {
      await tx.selectFrom("campaign_state").select("community").where("community", "=", community).forUpdate().executeTakeFirstOrThrow();
      const { result, changed } = await fn(tx);
      if (changed) await tx.updateTable("campaign_state").set((eb) => ({ version: eb("version", "+", 1) })).where("community", "=", community).execute();
      return result;
    });
}

/**
 * Computes the community's figures again from its records (after an import or a COPY wrote records
 * directly); instances see the new figures at their next read.
 */
export async function rebuildPgCampaignFigures(db: PgDb, community: string, options: Pick<PgCampaignOptions, "campaign" | "timezone">): Promise<void> {
  await db.insertInto("campaign_state").values({ community }).onConflict((oc) => oc.doNothing()).execute();
  await campaignWriter(db, community)(async (tx) => {
    await rebuildBuckets(tx, community, options.campaign, options.timezone);
    return { result: undefined, changed: true };
  });
}

/** Opens the campaign of `community`: the data's figures are seeded on the very first start only. */
export async function createPgCampaignRepo(db: PgDb, community: string, now: () => Date, options: PgCampaignOptions): Promise<CampaignRepo> {
  const { campaign, seedRecords, defaultTargets, timezone: tz } = options;
  await db.insertInto("campaign_state").values({ community }).onConflict((oc) => oc.doNothing()).execute();
  const write = campaignWriter(db, community);
  await write(async (tx) => {
    const state = await tx.selectFrom("campaign_state").select("seeded").where("community", "=", community).executeTakeFirstOrThrow();
    if (state.seeded || seedRecords.length === 0) return { result: undefined, changed: false };
    const added = await tx.insertInto("campaign_records").values(seedRecords.map((r) => rowOfRecord(community, r))).onConflict((oc) => oc.doNothing()).returning("id").execute();
    await moveBuckets(tx, community, campaign, tz, added.map((r) => r.id), 1);
    await tx.updateTable("campaign_state").set({ seeded: true }).where("community", "=", community).execute();
    return { result: undefined, changed: true };
  });
  const checkMetric = (id: string): void => {
    if (findMetric(campaign, id) === undefined) throw new Error(`unknown metric ${id}`);
  };
  let cached: CampaignFigures | undefined;

  return {
    campaign,
    async figures() {
      const { version } = await db.selectFrom("campaign_state").select("version").where("community", "=", community).executeTakeFirstOrThrow();
      if (cached?.version === version) return cached;
      cached = await db.transaction().setIsolationLevel("repeatable read").execute(async (tx) => {
        const state = await tx.selectFrom("campaign_state").select("version").where("community", "=", community).executeTakeFirstOrThrow();
        const set = await tx.selectFrom("campaign_targets").select(["metric_id", "target"]).where("community", "=", community).execute();
        const targets: Record<string, number> = { ...defaultTargets };
        for (const t of set) targets[t.metric_id] = t.target;
        return { aggregates: await readAggregates(tx, community, campaign, tz), targets, version: state.version };
      });
      return cached;
    },
    async record(staffId, input) {
      checkMetric(input.metricId);
      if (!(Number.isFinite(input.amount) && input.amount > 0)) throw new Error(`bad amount ${input.amount}`);
      if (input.aware !== undefined && !(input.aware >= 0 && input.aware <= input.amount)) throw new Error(`bad aware count ${input.aware}`);
      return write(async (tx) => {
        const { id } = await tx.updateTable("campaign_state").set((eb) => ({ next_id: eb("next_id", "+", 1) })).where("community", "=", community).returning((eb) => eb("next_id", "-", 1).as("id")).executeTakeFirstOrThrow();
        const record: ProgressRecord = {
          id: `r${id}`, metricId: input.metricId, amount: input.amount, ...(input.aware !== undefined ? { aware: input.aware } : {}),
          at: now().toISOString(), by: staffId, ...(input.note !== undefined && input.note !== "" ? { note: input.note } : {}), source: "staff",
        };
        await tx.insertInto("campaign_records").values(rowOfRecord(community, record)).execute();
        await moveBuckets(tx, community, campaign, tz, [record.id], 1);
        return { result: record, changed: true };
      });
    },
    async undo(staffId) {
      return write(async (tx) => {
        const last = await tx.selectFrom("campaign_records").selectAll().where("community", "=", community).where("by", "=", staffId).where("source", "=", "staff").orderBy("seq", "desc").limit(1).executeTakeFirst();
        if (last === undefined) return { result: undefined, changed: false };
        await moveBuckets(tx, community, campaign, tz, [last.id], -1);
        await tx.deleteFrom("campaign_records").where("community", "=", community).where("id", "=", last.id).execute();
        return { result: recordOfRow(last), changed: true };
      });
    },
    async setTarget(metricId, value) {
      checkMetric(metricId);
      if (!(Number.isFinite(value) && value > 0)) throw new Error(`bad target ${value}`);
      await write(async (tx) => {
        await tx.insertInto("campaign_targets").values({ community, metric_id: metricId, target: value }).onConflict((oc) => oc.columns(["community", "metric_id"]).doUpdateSet({ target: value })).execute();
        return { result: undefined, changed: true };
      });
    },
    async records() {
      const rows = await db.selectFrom("campaign_records").selectAll().where("community", "=", community).orderBy("seq").execute();
      return rows.map(recordOfRow);
    },
    ...createPgAttendance(write, community, campaign, tz),
    ...createPgSurveyForms(write, community, campaign, tz),
  };
}
