import { apply, createAggregates, findMetric, unapply, type Aggregates, type Campaign, type ProgressRecord } from "../domain/campaign/index.js";
import { createAttendanceRecords } from "./campaign-attendance.js";
import type { Store } from "./engine/store.js";
import { applySurveyFormWrite, type SurveyFormWrite } from "./survey-form-write.js";

/** What a staff member records (the parsed `/record` arguments). */
export interface RecordInput {
  metricId: string;
  amount: number;
  /** Survey batches only: how many of `amount` surveyed knew the campaign. */
  aware?: number;
  note?: string;
}

/** The campaign's figures as one read sees them (what /progress, questions, exports and reports show). */
export interface CampaignFigures {
  /** Running figures of all records; read them, never change them. */
  readonly aggregates: Aggregates;
  /** Every metric's target: the staff-set value, else the data's default. */
  readonly targets: Readonly<Record<string, number>>;
  /**
   * Grows with every change of figures or targets: answers computed at one version stay true until it
   * moves (a cache key; on a shared database it moves with every instance's writes).
   */
  readonly version: number;
}

/** Campaign progress over the store, with running aggregates kept in step with every write. */
export interface CampaignRepo {
  readonly campaign: Campaign;
  /**
   * The figures, targets and their version, read together. On the JSON store `aggregates` is the
   * live object (use it before the next write); a database backend hands a snapshot.
   */
  figures(): Promise<CampaignFigures>;
  /** Appends a staff record (who, when, note); resolves once it is on disk. */
  record(staffId: number, input: RecordInput): Promise<ProgressRecord>;
  /** Removes the staff member's own last staff record (never seed or attendance); undefined when none. */
  undo(staffId: number): Promise<ProgressRecord | undefined>;
  /** Sets a metric's target (overrides the data default); resolves once on disk. */
  setTarget(metricId: string, value: number): Promise<void>;
  /** Every progress record, oldest first (copies: export, reports). */
  records(): Promise<readonly ProgressRecord[]>;
  /** Stores attendance records whose ids are new; resolves with how many were added. */
  addAttendance(records: ProgressRecord[]): Promise<number>;
  /** Takes attendance records back out by id (attendance marked by mistake); resolves with how many. */
  removeAttendance(ids: string[]): Promise<number>;
  /**
   * Replaces attendance records in one write: those with `ids` go, then `records` are stored (a new
   * walk-in count replaces the old one). Resolves with the amount the removed records carried.
   */
  replaceAttendance(ids: string[], records: ProgressRecord[]): Promise<{ removed: ProgressRecord[] }>;
  /**
   * Replaces the survey records whose ids start with `prefix` (one survey form's) with `records`
   * (none: the form no longer counts), and writes the respondent's form (`form`) in the same write,
   * so the survey's own bookkeeping and the figures never disagree on disk. Without `form` the
   * caller keeps its form itself (a database survey writes it in its own tables and repairs a crash
   * in between). A changed record keeps its time and place. Resolves once on disk.
   */
  replaceSurveyForm(prefix: string, records: ProgressRecord[], form?: SurveyFormWrite): Promise<void>;
}

export interface CampaignRepoOptions {
  store: Store;
  campaign: Campaign;
  seedRecords: ProgressRecord[];
  defaultTargets: Record<string, number>;
  timezone: string;
  now: () => Date;
}

/**
 * Opens the campaign's progress: seeds the store with the data's figures on the very first start
 * (`db.campaign.seeded`, never twice, even after every record was undone), then folds all records
 * into aggregates once, so each reply reads O(metrics) numbers instead of scanning the log.
 */
export async function createCampaignRepo(options: CampaignRepoOptions): Promise<CampaignRepo> {
  const { store, campaign, seedRecords, defaultTargets, timezone, now } = options;
  if (!store.data.campaign.seeded) {
    await store.write((db) => {
      const have = new Set(db.campaign.records.map((r) => r.id));
      for (const r of seedRecords) if (!have.has(r.id)) db.campaign.records.push({ ...r });
      db.campaign.seeded = true;
    }, "durable");
  }
  const aggregates = createAggregates(campaign, timezone);
  for (const r of store.data.campaign.records) apply(aggregates, r);
  let version = 0;
  let current: CampaignFigures | undefined;
  const attendance = createAttendanceRecords(store, campaign, aggregates, () => void version++);
  const checkMetric = (id: string): void => {
    if (findMetric(campaign, id) === undefined) throw new Error(`unknown metric ${id}`);
  };

  return {
    campaign,
    figures() {
      // one object per version: every reply between two writes shares it (targets change only by a write)
      if (current?.version !== version) current = { aggregates, targets: Object.freeze({ ...defaultTargets, ...store.data.campaign.targets }), version };
      return Promise.resolve(current);
    },
    async record(staffId, input) {
      checkMetric(input.metricId);
      if (!(Number.isFinite(input.amount) && input.amount > 0)) throw new Error(`bad amount ${input.amount}`);
      if (input.aware !== undefined && !(input.aware >= 0 && input.aware <= input.amount)) throw new Error(`bad aware count ${input.aware}`);
      return store.write((db) => {
        const record: ProgressRecord = {
          id: `r${db.campaign.nextId++}`,
          metricId: input.metricId,
          amount: input.amount,
          ...(input.aware !== undefined ? { aware: input.aware } : {}),
          at: now().toISOString(),
          by: staffId,
          ...(input.note !== undefined && input.note !== "" ? { note: input.note } : {}),
          source: "staff",
        };
        db.campaign.records.push(record);
        apply(aggregates, record);
        version++;
        return record;
      }, "durable");
    },
    async undo(staffId) {
      return store.write((db) => {
        const records = db.campaign.records;
        // the newest records are at the end, so this usually stops after a few steps
        for (let i = records.length - 1; i >= 0; i--) {
          const r = records[i];
          if (r === undefined || r.by !== staffId || r.source !== "staff") continue;
          records.splice(i, 1);
          unapply(aggregates, r);
          version++;
          return r;
        }
        return undefined;
      }, "durable");
    },
    async setTarget(metricId, value) {
      checkMetric(metricId);
      if (!(Number.isFinite(value) && value > 0)) throw new Error(`bad target ${value}`);
      await store.write((db) => {
        db.campaign.targets[metricId] = value;
        version++;
      }, "durable");
    },
    async records() {
      return store.data.campaign.records.map((r) => ({ ...r }));
    },
    addAttendance: (records) => attendance.add(records),
    removeAttendance: (ids) => attendance.remove(ids),
    replaceAttendance: (ids, records) => attendance.replace(ids, records),
    async replaceSurveyForm(prefix, records, form) {
      await store.write((db) => {
        const want = new Map(records.map((r) => [r.id, r]));
        const raw = store.data.campaign.records; // located on the plain array, changed through `db`
        for (let i = raw.length - 1; i >= 0; i--) {
          const old = raw[i];
          if (old === undefined || old.source !== "survey" || !old.id.startsWith(prefix)) continue;
          unapply(aggregates, old);
          const next = want.get(old.id);
          want.delete(old.id);
          if (next === undefined) {
            db.campaign.records.splice(i, 1); // a retracted answer: rare, so the whole array may be noted
            continue;
          }
          // a changed answer: in place, so only this element goes to the journal
          const stored: ProgressRecord = { ...next, at: old.at, source: "survey", by: null };
          db.campaign.records[i] = stored;
          apply(aggregates, stored);
        }
        for (const r of want.values()) {
          const stored: ProgressRecord = { ...r, source: "survey", by: null };
          db.campaign.records.push(stored);
          apply(aggregates, stored);
        }
        version++;
        if (form !== undefined) applySurveyFormWrite(db, form);
      }, "durable");
    },
  };
}
