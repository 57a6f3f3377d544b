import type { Locale, Translate } from "../translate.js";
import { isEmptyReport, type ReportData, type ReportMetric, type ReportSurvey } from "./model.js";
import { officialNumber, officialQuantity, sectionNumber } from "./official-number.js";

/** A numbered section: its heading, paragraphs, and an optional table (first row is the header). */
export interface ReportSection {
  heading: string;
  paragraphs: string[];
  table?: string[][];
  /** the progress chart goes here */
  chart?: boolean;
}

/** The report as text in one language, ready to be laid out (plain text, no HTML). */
export interface ReportDocument {
  title: string;
  /** the period in words ("2026 年 11 月") */
  periodText: string;
  intro: string;
  empty: boolean;
  sections: ReportSection[];
}

/** "2026 年" / "2026 年 11 月"; "2026" / "November 2026". */
export function periodText(data: ReportData, t: Translate): string {
  const p = data.period;
  return p.kind === "year" ? t("report-period-year", { year: String(p.year) }) : t("report-period-month", { year: String(p.year), month: Number(p.key.slice(5, 7)) });
}

const rateText = (part: number, whole: number, locale: Locale): string => (whole > 0 ? officialQuantity((100 * part) / whole, "%", locale) : "—");

function metricValue(m: ReportMetric, value: number | null, approx: boolean, locale: Locale): string {
  if (value === null) return "—";
  return officialQuantity(value, m.unit[locale], locale, approx);
}

/** The table of every campaign figure: name, the period's change, total, target, percent. */
function metricsTable(data: ReportData, locale: Locale, t: Translate): string[][] {
  const rows = [[t("report-col-metric"), t("report-col-change"), t("report-col-total"), t("report-col-target"), t("report-col-percent")]];
  for (const m of data.metrics) {
    const change = m.kind === "rate" ? metricValue(m, m.change, false, locale) : m.changeCount === 0 ? "—" : `+${metricValue(m, m.change, m.approxChange, locale)}`;
    rows.push([m.name[locale], change, metricValue(m, m.total, m.approxTotal, locale), metricValue(m, m.target, false, locale), `${m.percent}%`]);
  }
  return rows;
}

function surveyParagraphs(s: ReportSurvey | undefined, locale: Locale, t: Translate): string[] {
  if (s === undefined || s.rounds === 0) return [t("report-survey-none")];
  const out = [
    t("report-survey-summary", {
      rounds: s.rounds, recipients: officialNumber(s.recipients, locale), respondents: officialNumber(s.respondents, locale),
      completed: officialNumber(s.completed, locale), completion: rateText(s.completed, s.respondents, locale), rate: rateText(s.aware, s.completed, locale),
    }),
  ];
  for (const c of s.byCompound) out.push(t("report-survey-compound", { name: c.name?.[locale] ?? t("report-compound-none"), completed: c.completed, rate: rateText(c.aware, c.completed, locale) }));
  if (s.seedRate !== undefined && s.completed > 0) {
    const diff = Math.round(((100 * s.aware) / s.completed - s.seedRate) * 10) / 10;
    out.push(t("report-survey-seed", { seed: officialQuantity(s.seedRate, "%", locale), diff: diff > 0 ? "higher" : diff < 0 ? "lower" : "same", points: Math.abs(diff) }));
  }
  return out;
}

/**
 * The report shaped like the seed's year summary: a title naming the community and the period,
 * then numbered sections (events and attendance, volunteers and party members, every campaign
 * figure, the survey, what is behind target, the chart). With no data it says so.
 */
export function reportDocument(data: ReportData, locale: Locale, t: Translate): ReportDocument {
  const period = periodText(data, t);
  const empty = isEmptyReport(data);
  const n = (i: number) => sectionNumber(i, locale);
  const signedUp = data.events.reduce((s, e) => s + e.signedUp, 0);
  const attended = data.events.reduce((s, e) => s + e.attended, 0);
  const party = data.metrics.find((m) => m.id === "party_member_participation");
  const behind = data.metrics.filter((m) => m.total === null || m.total < m.target);

  const events: ReportSection = {
    heading: `${n(1)}${t("report-section-events")}`,
    paragraphs: data.events.length === 0
      ? [t("report-events-none")]
      : [
          t("report-events-summary", { count: data.events.length, signedUp: officialNumber(signedUp, locale), attended: officialNumber(attended, locale) }),
          ...data.events.map((e) => t("report-event-line", { date: `${Number(e.date.slice(5, 7))}/${Number(e.date.slice(8, 10))}`, month: Number(e.date.slice(5, 7)), day: Number(e.date.slice(8, 10)), title: e.title[locale], signedUp: e.signedUp, attended: e.attended })),
        ],
  };
  const volunteers: ReportSection = {
    heading: `${n(2)}${t("report-section-volunteers")}`,
    paragraphs: [
      t("report-volunteers", { personTimes: officialNumber(attended, locale), people: officialNumber(data.volunteers, locale) }),
      ...(party ? [t("report-party", { change: metricValue(party, party.change ?? 0, party.approxChange, locale), total: metricValue(party, party.total, party.approxTotal, locale), target: metricValue(party, party.target, false, locale), percent: party.percent })] : []),
    ],
  };
  const figures: ReportSection = { heading: `${n(3)}${t("report-section-figures")}`, paragraphs: [t("report-figures-intro", { period })], table: metricsTable(data, locale, t) };
  const survey: ReportSection = { heading: `${n(4)}${t("report-section-survey")}`, paragraphs: surveyParagraphs(data.survey, locale, t) };
  const gaps: ReportSection = {
    heading: `${n(5)}${t("report-section-behind")}`,
    paragraphs: behind.length === 0
      ? [t("report-behind-none")]
      : behind.map((m) => t("report-behind-line", { name: m.name[locale], total: metricValue(m, m.total, m.approxTotal, locale), target: metricValue(m, m.target, false, locale), percent: m.percent })),
  };
  const chart: ReportSection = { heading: `${n(6)}${t("report-section-chart")}`, paragraphs: [], chart: true };
  return {
    title: t("report-title", { community: data.community[locale], period }),
    periodText: period,
    intro: empty ? t("report-empty", { period }) : t("report-intro", { community: data.community[locale], period }),
    empty,
    sections: [events, volunteers, figures, survey, gaps, chart],
  };
}
