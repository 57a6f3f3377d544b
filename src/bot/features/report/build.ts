import { reportDocument, type ReportData, type ReportDocument, type ReportPeriod } from "../../../domain/report/index.js";
import { rateOf } from "../../../domain/survey/index.js";
import type { Locale, Translate } from "../../../domain/translate.js";
import { escapeHtml } from "../../../domain/html.js";
import { gatherReport, type ReportSources } from "../../../store/report-data.js";
import type { ChartRenderer } from "../../chart/progress-chart.js";
import { percentText } from "../survey/results-text.js";
import { pngSize, renderReportDocx } from "./docx.js";

/** A finished report: the .docx and what the chat says with it. */
export interface BuiltReport {
  filename: string;
  docx: Buffer;
  title: string;
  /** HTML summary for the chat */
  summary: string;
  empty: boolean;
}

export interface ReportBuilderOptions {
  sources: ReportSources;
  chart?: ChartRenderer;
  translate: (locale: Locale) => Translate;
  now: () => Date;
}

/** Builds a period's report in one language. */
export type ReportBuilder = (period: ReportPeriod, locale: Locale) => Promise<BuiltReport>;

function summaryOf(data: ReportData, doc: ReportDocument, t: Translate): string {
  const title = escapeHtml(doc.title);
  if (doc.empty) return t("report-summary-empty", { title, period: doc.periodText });
  const s = data.survey;
  const survey = s && s.completed > 0 ? t("report-summary-survey", { completed: s.completed, rate: percentText(rateOf(s.aware, s.completed), t) }) : "";
  return t("report-summary", {
    title,
    events: data.events.length,
    attended: data.events.reduce((n, e) => n + e.attended, 0),
    moved: data.metrics.filter((m) => m.changeCount > 0).length,
    behind: data.metrics.filter((m) => m.total === null || m.total < m.target).length,
    survey,
  }).trimEnd();
}

/** The report builder: gathers the figures, writes the document, renders the chart into it. */
export function createReportBuilder(options: ReportBuilderOptions): ReportBuilder {
  return async (period, locale) => {
    const t = options.translate(locale);
    const data = await gatherReport(options.sources, period, options.now());
    const doc = reportDocument(data, locale, t);
    let chart;
    if (options.chart) {
      const bars = data.metrics.map((m) => ({ label: m.name[locale], percent: m.percent, met: m.total !== null && m.total >= m.target }));
      const png = options.chart({ title: `${doc.periodText} ${t("report-section-chart")}`, targetLabel: t("campaign-target"), bars });
      chart = { png, ...pngSize(png), alt: t("report-chart-alt") };
    }
    const docx = await renderReportDocx(doc, chart);
    return { filename: t("report-file", { key: period.key }), docx, title: doc.title, summary: summaryOf(data, doc, t), empty: doc.empty };
  };
}
