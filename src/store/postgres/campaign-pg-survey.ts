/**
 * A survey form's campaign records on PostgreSQL: replaced in one campaign write, found by their
 * exact ids (`<prefix><metric id>`, through the primary key, never a scan of the records). A record
 * still wanted is updated in place (its time and order kept), one no longer wanted goes, a new one
 * is stored; the buckets move with them. The respondent's form itself is the survey's to keep.
 */
import type { Campaign, ProgressRecord } from "../../domain/campaign/index.js";
import type { CampaignRepo } from "../campaign-repo.js";
import type { CampaignWrite } from "./campaign-pg.js";
import { moveBuckets } from "./campaign-pg-figures.js";
import { rowOfRecord } from "./campaign-pg-rows.js";

export function createPgSurveyForms(write: CampaignWrite, community: string, campaign: Campaign, tz: string): Pick<CampaignRepo, "replaceSurveyForm"> {
  return {
    replaceSurveyForm(prefix, records, form) {
      if (form !== undefined) return Promise.reject(new Error("on PostgreSQL the survey keeps its forms in its own tables: pass the records only"));
      return write(async (tx) => {
        const want = new Map(records.map((r) => [r.id, r]));
        const candidates = [...new Set([...campaign.metrics.map((m) => `${prefix}${m.id}`), ...want.keys()])];
        const old = await tx.selectFrom("campaign_records").select("id").where("community", "=", community).where("id", "in", candidates).where("source", "=", "survey").execute();
        await moveBuckets(tx, community, campaign, tz, old.map((r) => r.id), -1);
        const moved: string[] = [];
        for (const { id } of old) {
          const next = want.get(id);
          want.delete(id);
          const q = tx.updateTable("campaign_records").where("community", "=", community).where("id", "=", id);
          if (next === undefined) await tx.deleteFrom("campaign_records").where("community", "=", community).where("id", "=", id).execute();
          else {
            await q.set({ metric_id: next.metricId, amount: next.amount, aware: next.aware ?? null, note: next.note ?? null, by: null }).execute();
            moved.push(id);
          }
        }
        const fresh: ProgressRecord[] = [...want.values()].map((r) => ({ ...r, source: "survey", by: null }));
        if (fresh.length > 0) await tx.insertInto("campaign_records").values(fresh.map((r) => rowOfRecord(community, r))).execute();
        await moveBuckets(tx, community, campaign, tz, [...moved, ...fresh.map((r) => r.id)], 1);
        return { result: undefined, changed: old.length > 0 || fresh.length > 0 };
      });
    },
  };
}
