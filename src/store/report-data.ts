import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ReportData, ReportEvent, ReportPeriod, ReportSurvey } from "../domain/report/index.js";
import { parseOccurrenceId } from "../domain/signups/index.js";
import { sumResults } from "../domain/survey/index.js";
import type { Localized } from "../domain/translate.js";
import { localDateOf } from "../domain/zoned-time.js";
import type { CampaignRepo } from "./campaign-repo.js";
import { reportMetrics } from "./report-metrics.js";
import type { SignupRepo } from "./signup-repo.js";
import type { SurveyRepo } from "./survey-repo.js";

/** What a report is gathered from (all read only). */
export interface ReportSources {
  campaign: CampaignRepo;
  signups: SignupRepo;
  surveys: SurveyRepo;
  community: Localized;
  compounds: ReadonlyMap<string, Localized>;
  seedRate?: number;
  timezone: string;
}

/** The community's name from `<dataDir>/community.json` (a neutral name when it is missing). */
export async function loadCommunityName(dataDir: string): Promise<Localized> {
  return (await findCommunityName(dataDir)) ?? { zh: "本社区", en: "The community" };
}

/** The community's name from `<dataDir>/community.json`; undefined when the file or the name is missing. */
export async function findCommunityName(dataDir: string): Promise<Localized | undefined> {
  try {
    const raw = JSON.parse(await readFile(join(dataDir, "community.json"), "utf8")) as { name?: Partial<Localized> };
    if (typeof raw.name?.zh === "string" && typeof raw.name.en === "string") return { zh: raw.name.zh, en: raw.name.en };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`${join(dataDir, "community.json")}: ${(error as Error).message}`, { cause: error });
  }
  return undefined;
}

/**
 * The occurrences held in the period (on or before today) that took sign-ups or attendance, with
 * their rosters' figures: taken generically from the sign-up rosters, so any occurrence with a roster
 * (a scheduled notice's or a one-off event's) counts. Returns the distinct attendees too.
 */
async function heldEvents(s: ReportSources, period: ReportPeriod, now: Date): Promise<{ events: ReportEvent[]; volunteers: number }> {
  const today = localDateOf(now, s.timezone);
  const people = new Set<number>();
  const events: ReportEvent[] = [];
  for (const id of await s.signups.occurrenceIds()) {
    const parsed = parseOccurrenceId(id);
    if (!parsed || parsed.date < period.from || parsed.date >= period.until || parsed.date > today) continue;
    const roster = await s.signups.summary(id);
    if (roster.heads === 0 && roster.attended.length === 0) continue;
    for (const mark of roster.attended) people.add(mark.userId);
    const title = s.signups.occurrence(id)?.notice.title ?? { zh: parsed.noticeId, en: parsed.noticeId };
    events.push({ date: parsed.date, title, signedUp: roster.heads, attended: roster.attendedHeads });
  }
  events.sort((a, b) => a.date.localeCompare(b.date) || a.title.zh.localeCompare(b.title.zh));
  return { events, volunteers: people.size };
}

/** The survey rounds started in the period, summed (anonymous totals, per compound). */
async function periodSurvey(s: ReportSources, period: ReportPeriod): Promise<ReportSurvey | undefined> {
  const rounds = (await s.surveys.results()).filter(({ round }) => {
    const date = localDateOf(new Date(round.startedAt), s.timezone);
    return date >= period.from && date < period.until;
  });
  if (rounds.length === 0) return undefined;
  const all = sumResults(rounds.map((r) => r.results));
  const byCompound = [...all.byCompound]
    .sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)))
    .map(([id, t]) => ({ ...(id !== "" ? { name: s.compounds.get(id) ?? { zh: id, en: id } } : {}), completed: t.completed, aware: t.aware }));
  return {
    rounds: rounds.length, recipients: all.recipients, respondents: all.respondents, completed: all.completed, aware: all.aware, byCompound,
    ...(s.seedRate !== undefined ? { seedRate: s.seedRate } : {}),
  };
}

/** Gathers everything a report of `period` says, as of `now`. */
export async function gatherReport(s: ReportSources, period: ReportPeriod, now: Date): Promise<ReportData> {
  const { events, volunteers } = await heldEvents(s, period, now);
  const c = s.campaign;
  const figures = await c.figures();
  return {
    community: s.community,
    period,
    events,
    volunteers,
    metrics: reportMetrics(c.campaign, figures.aggregates, await c.records(), figures.targets, period),
    survey: await periodSurvey(s, period),
  };
}
