import type { ChartRenderer } from "./bot/chart/progress-chart.js";
import { createReportBuilder, type ReportBuilder } from "./bot/features/report/build.js";
import type { Campaign, ProgressRecord } from "./domain/campaign/index.js";
import type { Localized, Locale, Translate } from "./domain/translate.js";
import type { CampaignRepo } from "./store/campaign-repo.js";
import type { CompoundsRepo } from "./store/compounds-repo.js";
import { loadCommunityName } from "./store/report-data.js";
import type { SignupRepo } from "./store/signup-repo.js";
import type { SurveyRepo } from "./store/survey-repo.js";

export interface ReportsParts {
  surveyRepo: SurveyRepo;
  /** compound names for survey results and reports: the data file's and those added before this start */
  compoundNames: Map<string, Localized>;
  /** the year summary's awareness rate (94%), what survey results compare with */
  seedRate: { seedRate?: number };
  buildReport: ReportBuilder;
}

/** Wires the survey's repository and the report builder (part of `createApp`, kept apart for size). */
export async function createReportsParts(o: {
  dataDir: string;
  surveyRepo: SurveyRepo;
  campaign: Campaign;
  seedRecords: readonly ProgressRecord[];
  campaignRepo: CampaignRepo;
  signupRepo: SignupRepo;
  compounds: CompoundsRepo;
  chart: ChartRenderer;
  translate: (locale: Locale) => Translate;
  timezone: string;
  now: () => Date;
}): Promise<ReportsParts> {
  const { surveyRepo } = o;
  const compoundNames = new Map((await o.compounds.list()).map((c) => [c.id, c.name]));
  const seedSurvey = o.seedRecords.find((r) => r.metricId === "awareness_rate");
  const seedRate = seedSurvey?.aware !== undefined ? { seedRate: (100 * seedSurvey.aware) / seedSurvey.amount } : {};
  const buildReport = createReportBuilder({
    sources: { campaign: o.campaignRepo, signups: o.signupRepo, surveys: surveyRepo, community: await loadCommunityName(o.dataDir), compounds: compoundNames, timezone: o.timezone, ...seedRate },
    chart: o.chart,
    translate: o.translate,
    now: o.now,
  });
  return { surveyRepo, compoundNames, seedRate, buildReport };
}
