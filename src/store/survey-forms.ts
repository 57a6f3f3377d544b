import type { ProgressRecord } from "../domain/campaign/index.js";
import { roundResults, type FormOutcome, type Questionnaire, type RespondentView, type RoundResults } from "../domain/survey/index.js";
import type { DeepReadonly } from "../domain/deep-readonly.js";
import type { Db, SurveyRound } from "./schema.js";

/** The rate metric every completed form counts in (awareness_surveys includes it: +1 form). */
export const AWARENESS_METRIC = "awareness_rate";

/** How a poll sent for a round's question is named to the sender (`BroadcastRecord.poll.ref`). */
export const pollRef = (roundId: string, questionId: string): string => `survey:${roundId}:${questionId}`;

/** The round and question of a poll ref, or undefined for anything else. */
export function parsePollRef(ref: string): { roundId: string; questionId: string } | undefined {
  const m = /^survey:([\w-]+):([\w-]+)$/.exec(ref);
  return m ? { roundId: m[1] as string, questionId: m[2] as string } : undefined;
}

/** The campaign record ids of one form start with this (the trailing colon keeps form 1 apart from 10). */
export const formPrefix = (roundId: string, form: number): string => `survey:${roundId}:${form}:`;

/**
 * The progress records a complete form counts: one awareness_rate record (1 surveyed, aware 0 or 1)
 * and one per metric question (support_rate, satisfaction_rate: 1 asked, yes 0 or 1). No user id.
 */
export function formRecords(prefix: string, outcome: FormOutcome, at: string): ProgressRecord[] {
  const one = (metricId: string, yes: boolean): ProgressRecord => ({ id: `${prefix}${metricId}`, metricId, amount: 1, aware: yes ? 1 : 0, at, by: null, source: "survey" });
  return [one(AWARENESS_METRIC, outcome.aware), ...Object.entries(outcome.metrics).map(([id, yes]) => one(id, yes))];
}

/** The questionnaire as a round asks it: its questions, in the round's order, that still exist. */
export function roundQuestionnaire(q: Questionnaire, round: DeepReadonly<SurveyRound>): Questionnaire {
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  return { ...q, questions: round.questions.flatMap((id) => byId.get(id) ?? []) };
}

/** A round's anonymous results. */
export function resultsOf(round: DeepReadonly<SurveyRound>): RoundResults {
  const views: RespondentView[] = Object.values(round.respondents).map((r) => ({
    started: Object.values(r.answers).some((a) => a.length > 0),
    completed: r.completedAt !== undefined,
    aware: r.aware === true,
    ...(r.compound !== undefined ? { compound: r.compound } : {}),
  }));
  return roundResults(round.recipients, views, { started: round.forgotten.started, tally: round.forgotten.tally, byCompound: round.forgotten.byCompound });
}

/**
 * /forgetme: deletes a person's questionnaires (answers, poll ids, compound) in every round. What
 * they counted stays as anonymous totals (the round's `forgotten`), and their campaign records carry
 * no user id, so the figures do not move. Call inside a store write.
 */
export function forgetSurveyAnswers(db: Db, userId: number): void {
  const key = String(userId);
  for (const round of db.surveys.rounds) {
    if (round.startedBy === userId) delete round.startedBy;
    const r = round.respondents[key];
    if (r === undefined) continue;
    countForgotten(round.forgotten, { answers: r.answers, completed: r.completedAt !== undefined, aware: r.aware, compound: r.compound });
    delete round.respondents[key];
  }
}

/**
 * What a forgotten person counted, kept in a round's anonymous totals (`forgotten`): started once
 * they answered anything, completed (and aware) per compound once they finished. Both backends.
 */
export function countForgotten(
  f: SurveyRound["forgotten"],
  r: { answers: Readonly<Record<string, readonly number[]>>; completed: boolean; aware?: boolean | null | undefined; compound?: string | null | undefined },
): void {
  if (Object.values(r.answers).some((a) => a.length > 0)) f.started++;
  if (!r.completed) return;
  const aware = r.aware === true ? 1 : 0;
  f.tally.completed++;
  f.tally.aware += aware;
  const c = r.compound ?? "";
  const t = f.byCompound[c] ?? { completed: 0, aware: 0 };
  f.byCompound[c] = { completed: t.completed + 1, aware: t.aware + aware };
}
