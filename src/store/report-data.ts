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
  try {
    const raw = JSON.parse(await readFile(join(dataDir, "community.json"), "utf8")) as { name?: Partial<Localized> };
    if (typeof raw.name?.zh === "string" && typeof raw.name.en === "string") return { zh: raw.name.zh, en: raw.name.en };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`${join(dataDir, "community.json")}: ${(error as Error).message}`, { cause: error });
  }
  return { zh: "本社区", en: "The community" };
}

/**
 * The occurrences held in the period (on or before today) that took sign-ups or attendance, with
 * their rosters' figures: taken generically from the sign-up book, so any occurrence with a roster
 * (a scheduled notice's or a one-off event's) counts. Returns the distinct attendees too.
 */
function heldEvents(s: ReportSources, period: ReportPeriod, now: Date): { events: ReportEvent[]; volunteers: number } {
  const today = localDateOf(now, s.timezone);
  const ids: string[] = [];
  for (const [id, roster] of s.signups.book.rosters) {
    const date = parseOccurrenceId(id)?.date;
    const any = roster.heads > 0 || roster.attended.size > 0;
    if (any && date !== undefined && date >= period.from && date < period.until && date <= today) ids.push(id);
  }
  const people = new Set<number>();
  const events: ReportEvent[] = [];
  for (const id of ids) {
    const parsed = parseOccurrenceId(id);
    if (!parsed) continue;
    const roster = s.signups.book.rosters.get(id);
    let attended = 0;
    for (const [userId, mark] of roster?.attended ?? []) {
      attended += mark.heads;
      people.add(userId);
    }
    const title = s.signups.occurrence(id)?.notice.title ?? { zh: parsed.noticeId, en: parsed.noticeId };
    events.push({ date: parsed.date, title, signedUp: roster?.heads ?? 0, attended });
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
  const { events, volunteers } = heldEvents(s, period, now);
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
