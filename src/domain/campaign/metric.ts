import type { Localized } from "../translate.js";

/** How a metric's records combine: a running sum, a rate (aware / surveyed), or a value per week/month. */
export type MetricKind = "sum" | "rate" | "per-period";

/** The heading a metric is shown under in /progress. */
export type MetricGroup = "environment" | "volunteers" | "enforcement" | "awareness";

/** The groups in display order. */
export const METRIC_GROUPS: readonly MetricGroup[] = ["environment", "volunteers", "enforcement", "awareness"];

/** A word that names a unit; `factor` converts it to the metric's unit (斤 → 0.5 kg). */
export interface UnitAlias {
  text: string;
  factor: number;
}

/** How attendance at a scheduled notice feeds this metric: +1 per attendee, or +1 per held occurrence. */
export interface AttendanceFeed {
  notice: string;
  per: "attendee" | "occurrence";
}

/** One campaign metric, as data (data/campaign.json). */
export interface MetricDef {
  id: string;
  name: Localized;
  /** Words people use for it, matched case-insensitively. */
  aliases: { zh: string[]; en: string[] };
  unit: Localized;
  /** The English unit for a count of one ("truckload"); `unit.en` is the plural. */
  unitOne?: { en: string };
  /** Unit words accepted after an amount in /record (factor 1 unless given). */
  unitAliases: UnitAlias[];
  /**
   * Counted in whole things (people, truckloads, rooms): /record and /target refuse 3.5. Absent or
   * false for measured quantities (m², kg, 元), which may be fractional.
   */
  whole?: boolean;
  kind: MetricKind;
  /** Only for per-period metrics. */
  period?: "week" | "month";
  group: MetricGroup;
  /** Default target (a percentage for rate metrics, a per-period value for per-period metrics). */
  target: number;
  targetSource: string;
  /**
   * Other metrics whose records' amounts also count here: awareness_surveys includes awareness_rate,
   * so a survey batch (surveyed + aware) is one record that moves both figures.
   */
  includes?: string[];
  attendance?: AttendanceFeed[];
}

/** One piece of progress. Rate metrics: `amount` = people surveyed, `aware` = how many knew. */
export interface ProgressRecord {
  id: string;
  metricId: string;
  amount: number;
  aware?: number;
  /** ISO instant (UTC). */
  at: string;
  /** Telegram user id of the staff member; null for seed records and attendance. */
  by: number | null;
  note?: string;
  source: "seed" | "staff" | "attendance" | "survey";
  /**
   * Attendance only: people who came without being marked one by one (`/attended <id> <date> +N`).
   * Such a record completes the head count of its occurrence, so its period's figure is known.
   */
  walkIns?: boolean;
}

/** How attendance at any one-off event (`e1`, `e2`, …) feeds a metric (data/campaign.json's `events`). */
export interface EventFeed {
  metric: string;
  per: "attendee" | "occurrence";
}

/** The campaign: its metrics, the year it runs in, and what one-off events' attendance feeds. */
export interface Campaign {
  metrics: MetricDef[];
  year: number;
  events?: EventFeed[];
}

/** Finds a metric by exact id. */
export function findMetric(campaign: Campaign, id: string): MetricDef | undefined {
  return campaign.metrics.find((m) => m.id === id);
}
