import { apply, findMetric, unapply, type Aggregates, type Campaign, type ProgressRecord } from "../domain/campaign/index.js";
import type { Db } from "./schema.js";
import type { Store } from "./engine/store.js";

/** The attendance part of the campaign repository (see CampaignRepo's methods of the same names). */
export interface AttendanceRecords {
  add(records: ProgressRecord[]): Promise<number>;
  remove(ids: string[]): Promise<number>;
  replace(ids: string[], records: ProgressRecord[]): Promise<{ removed: ProgressRecord[] }>;
}

/**
 * Attendance records are the only ones offered twice (their ids are deterministic; staff ids come
 * from a counter), so this part keeps the stored attendance ids and stores an id once. Every change
 * is applied to the aggregates and reported through `changed` (the repository's version).
 */
export function createAttendanceRecords(store: Store, campaign: Campaign, aggregates: Aggregates, changed: () => void): AttendanceRecords {
  const ids = new Set<string>();
  for (const r of store.data.campaign.records) if (r.source === "attendance") ids.add(r.id);
  const known = (r: ProgressRecord) => r.source === "attendance" && findMetric(campaign, r.metricId) !== undefined;

  /** Stores records whose ids are new (inside a store write); returns how many. */
  const storeNew = (db: Db, records: ProgressRecord[]): number => {
    let added = 0;
    for (const r of records) {
      if (ids.has(r.id)) continue; // the same id twice in one call
      ids.add(r.id);
      const stored = { ...r };
      db.campaign.records.push(stored);
      apply(aggregates, stored);
      added++;
    }
    changed();
    return added;
  };
  /** Removes the records with these ids (inside a store write); returns them. */
  const drop = (db: Db, wanted: Set<string>): ProgressRecord[] => {
    const kept: ProgressRecord[] = [];
    const removed: ProgressRecord[] = [];
    for (const r of db.campaign.records) {
      if (r.source === "attendance" && wanted.has(r.id)) {
        unapply(aggregates, r);
        ids.delete(r.id);
        removed.push(r);
      } else kept.push(r);
    }
    db.campaign.records = kept;
    changed();
    return removed;
  };
  const storedOf = (wanted: string[]) => new Set(wanted.filter((id) => ids.has(id)));

  return {
    async add(records) {
      const fresh = records.filter((r) => known(r) && !ids.has(r.id));
      if (fresh.length === 0) return 0;
      return store.write((db) => storeNew(db, fresh), "durable");
    },
    async remove(wantedIds) {
      const wanted = storedOf(wantedIds);
      if (wanted.size === 0) return 0;
      return store.write((db) => drop(db, wanted).length, "durable");
    },
    async replace(wantedIds, records) {
      const wanted = storedOf(wantedIds);
      const fresh = records.filter(known);
      return store.write((db) => {
        const removed = wanted.size > 0 ? drop(db, wanted) : [];
        storeNew(db, fresh);
        return { removed };
      }, "durable");
    },
  };
}
