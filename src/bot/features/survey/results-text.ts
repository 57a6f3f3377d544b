import { escapeHtml } from "../../../domain/html.js";
import { formatDate } from "../../../domain/notice-text.js";
import { rateOf, sumResults, type RoundResults } from "../../../domain/survey/index.js";
import type { Locale, Localized, Translate } from "../../../domain/translate.js";
import type { RoundView } from "../../../store/survey-repo.js";

/** A percentage as shown: at most one decimal ("66.7%"), a dash when nobody answered. */
export function percentText(value: number | null, t: Translate): string {
  if (value === null) return t("survey-rate-none");
  return `${Math.round(value * 10) / 10}%`;
}

/** One round's figures as a line. */
export function resultsLine(r: RoundResults, t: Translate): string {
  return t("survey-results-line", {
    recipients: r.recipients,
    respondents: r.respondents,
    completed: r.completed,
    completion: percentText(rateOf(r.completed, r.respondents), t),
    aware: r.aware,
    rate: percentText(rateOf(r.aware, r.completed), t),
  });
}

export interface ResultsTextInput {
  rounds: { round: RoundView; results: RoundResults }[];
  compounds: ReadonlyMap<string, Localized>;
  /** the year summary's rate (94), when known */
  seedRate: number | undefined;
  locale: Locale;
  t: Translate;
  tz: string;
}

/**
 * /survey results: each round, all rounds together, the rate per compound and the comparison with
 * the seed's paper survey. Only totals; no one's answers. HTML.
 */
export function surveyResultsText(input: ResultsTextInput): string {
  const { rounds, compounds, seedRate, locale, t, tz } = input;
  if (rounds.length === 0) return t("survey-results-none");
  const lines = [t("survey-results-title"), ""];
  for (const { round, results } of rounds) {
    const date = formatDate(new Date(round.startedAt), tz, locale);
    lines.push(t("survey-results-round", { round: round.id.slice(1), date, open: round.closedAt === undefined ? "yes" : "no" }), resultsLine(results, t));
  }
  const all = sumResults(rounds.map((r) => r.results));
  if (rounds.length > 1) lines.push("", t("survey-results-all"), resultsLine(all, t));
  if (all.byCompound.size > 0) {
    lines.push("", t("survey-results-by-compound"));
    const ordered = [...all.byCompound].sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
    for (const [id, tally] of ordered) {
      const name = id === "" ? t("survey-compound-none") : escapeHtml(compounds.get(id)?.[locale] ?? id);
      lines.push(t("survey-results-compound-line", { name, completed: tally.completed, rate: percentText(rateOf(tally.aware, tally.completed), t) }));
    }
  }
  const rate = rateOf(all.aware, all.completed);
  if (seedRate !== undefined && rate !== null) {
    const points = Math.round(Math.abs(rate - seedRate) * 10) / 10;
    const diff = points === 0 ? "same" : rate > seedRate ? "higher" : "lower";
    lines.push("", t("survey-results-seed", { diff, points, seed: percentText(seedRate, t) }));
  }
  lines.push("", t("survey-results-privacy"));
  return lines.join("\n");
}
