import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Campaign, MetricDef, ProgressRecord } from "../domain/campaign/metric.js";

const localized = z.object({ zh: z.string().min(1), en: z.string().min(1) });
const unitAlias = z.union([z.string().min(1).transform((text) => ({ text, factor: 1 })), z.object({ text: z.string().min(1), factor: z.number().positive() })]);

const metricSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    name: localized,
    aliases: z.object({ zh: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
    unit: localized,
    // the English unit for one (a truckload, a person): Fluent's plural rules pick it
    unitOne: z.object({ en: z.string().min(1) }).optional(),
    unitAliases: z.array(unitAlias),
    // absent in older data files: a metric is then measured, and fractions are accepted
    whole: z.boolean().default(false),
    kind: z.enum(["sum", "rate", "per-period"]),
    period: z.enum(["week", "month"]).optional(),
    group: z.enum(["environment", "volunteers", "enforcement", "awareness"]),
    target: z.number().positive(),
    targetSource: z.string().min(1),
    includes: z.array(z.string()).optional(),
    attendance: z.array(z.object({ notice: z.string().min(1), per: z.enum(["attendee", "occurrence"]) })).optional(),
    seed: z
      .object({
        amount: z.number().positive(),
        aware: z.number().nonnegative().optional(),
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        source: z.literal("year-summary"),
        figure: z.string().optional(),
      })
      .optional(),
  })
  .superRefine((m, ctx) => {
    if ((m.kind === "per-period") !== (m.period !== undefined)) ctx.addIssue({ code: "custom", message: "period is required for, and only for, per-period metrics" });
    if (m.kind === "rate" && m.seed !== undefined && m.seed.aware === undefined) ctx.addIssue({ code: "custom", message: "a rate metric's seed needs aware" });
    if (m.seed?.aware !== undefined && m.seed.aware > m.seed.amount) ctx.addIssue({ code: "custom", message: "seed.aware exceeds seed.amount" });
    if (m.kind === "rate" && m.target > 100) ctx.addIssue({ code: "custom", message: "a rate's target is a percentage (at most 100)" });
    if (m.whole && m.kind === "rate") ctx.addIssue({ code: "custom", message: "a rate is a percentage, it cannot be whole" });
    if (m.whole && !Number.isInteger(m.target)) ctx.addIssue({ code: "custom", message: "a whole metric's target must be a whole number" });
    if (m.whole && m.seed !== undefined && !Number.isInteger(m.seed.amount)) ctx.addIssue({ code: "custom", message: "a whole metric's seed amount must be a whole number" });
  });

// what attendance at any one-off event (e1, e2, …) counts toward; absent: only party-member participation
const eventFeedSchema = z.object({ metric: z.string().min(1), per: z.enum(["attendee", "occurrence"]) });
const fileSchema = z.object({ year: z.number().int().min(2000).max(2100), metrics: z.array(metricSchema).min(1), events: z.array(eventFeedSchema).optional() });

/** What the campaign file yields: the metrics, the seed figures as records, and the default targets. */
export interface LoadedCampaign {
  campaign: Campaign;
  seedRecords: ProgressRecord[];
  defaultTargets: Record<string, number>;
}

/** Seed figures are dated at noon in the community zone (UTC+8) of their date, so they fall in that day. */
const seedInstant = (date: string): string => new Date(`${date}T12:00:00+08:00`).toISOString();

/**
 * Reads and validates `<dataDir>/campaign.json`. Throws an Error naming the file and the problem
 * (unreadable, bad JSON, schema, duplicate id, dangling `includes`). Seed records get ids
 * `seed:<metricId>`, `by: null`, `source: "seed"`.
 */
export async function loadCampaign(dataDir: string): Promise<LoadedCampaign> {
  const file = join(dataDir, "campaign.json");
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: cannot read campaign data: ${(error as Error).message}`, { cause: error });
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: invalid campaign data:\n${z.prettifyError(parsed.error)}`);
  const ids = new Set<string>();
  for (const m of parsed.data.metrics) {
    if (ids.has(m.id)) throw new Error(`${file}: duplicate metric id "${m.id}"`);
    ids.add(m.id);
  }
  for (const m of parsed.data.metrics) {
    for (const inc of m.includes ?? []) if (!ids.has(inc)) throw new Error(`${file}: metric "${m.id}" includes unknown metric "${inc}"`);
  }
  for (const feed of parsed.data.events ?? []) if (!ids.has(feed.metric)) throw new Error(`${file}: events feed unknown metric "${feed.metric}"`);
  const metrics: MetricDef[] = parsed.data.metrics.map(({ seed: _seed, ...def }) => def);
  const seedRecords: ProgressRecord[] = [];
  const defaultTargets: Record<string, number> = {};
  for (const m of parsed.data.metrics) {
    defaultTargets[m.id] = m.target;
    if (m.seed === undefined) continue;
    const record: ProgressRecord = { id: `seed:${m.id}`, metricId: m.id, amount: m.seed.amount, at: seedInstant(m.seed.date), by: null, source: "seed" };
    if (m.seed.aware !== undefined) record.aware = m.seed.aware;
    if (m.seed.figure !== undefined) record.note = m.seed.figure;
    seedRecords.push(record);
  }
  const campaign: Campaign = { metrics, year: parsed.data.year };
  if (parsed.data.events !== undefined) campaign.events = parsed.data.events;
  return { campaign, seedRecords, defaultTargets };
}
