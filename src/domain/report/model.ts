import type { Localized } from "../translate.js";
import type { ReportPeriod } from "./period.js";

/** One occurrence held in the period, with its roster's figures. */
export interface ReportEvent {
  /** `YYYY-MM-DD` (local) */
  date: string;
  title: Localized;
  /** heads confirmed on the roster */
  signedUp: number;
  /** heads marked as attending (/attended) */
  attended: number;
}

/** One campaign figure: the period's change, the total at the period's end, its target. */
export interface ReportMetric {
  id: string;
  name: Localized;
  unit: Localized;
  kind: "sum" | "rate" | "per-period";
  /** sums: amount recorded in the period; rates: the rate of the period's forms (null: none) */
  change: number | null;
  /** records in the period */
  changeCount: number;
  /** sums: total to the period's end; rates: the rate to then; per-period: the latest value */
  total: number | null;
  target: number;
  /** percent of target reached (rounded) */
  percent: number;
  /** the change or total includes a figure the data gives as approximate ("300多车") */
  approxChange: boolean;
  approxTotal: boolean;
}

/** The survey's figures for the report (anonymous totals). */
export interface ReportSurvey {
  rounds: number;
  recipients: number;
  respondents: number;
  completed: number;
  aware: number;
  /** per compound; no name: residents who chose none */
  byCompound: { name?: Localized; completed: number; aware: number }[];
  /** the year summary's paper-survey rate (94) */
  seedRate?: number;
}

/** Everything a report says, gathered from the store; rendering only lays it out. */
export interface ReportData {
  community: Localized;
  period: ReportPeriod;
  events: ReportEvent[];
  /** distinct people marked as attending */
  volunteers: number;
  metrics: ReportMetric[];
  survey: ReportSurvey | undefined;
}

/** True when nothing happened in the period: no event held, no record, no survey answer. */
export function isEmptyReport(data: ReportData): boolean {
  return data.events.length === 0 && data.metrics.every((m) => m.changeCount === 0) && (data.survey === undefined || data.survey.respondents === 0);
}
