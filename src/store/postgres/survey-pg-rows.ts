/** Survey rows as the survey repository hands them out: rounds with their respondents and polls. */
import type { Questionnaire } from "../../domain/survey/index.js";
import type { SurveyRespondent, SurveyRound } from "../schema.js";
import type { RoundView } from "../survey-repo.js";
import type { PgDb } from "./database.js";

type Forgotten = SurveyRound["forgotten"];

/** The rounds (or the one `only`), oldest first, each with its respondents and their polls. */
async function roundsWhere(db: PgDb, community: string, only?: string): Promise<RoundView[]> {
  let q = db.selectFrom("survey_rounds").selectAll().where("community", "=", community);
  if (only !== undefined) q = q.where("id", "=", only);
  const rows = await q.orderBy("seq").execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const people = await db.selectFrom("survey_respondents").selectAll().where("community", "=", community)
    .where("round_id", "in", ids).orderBy("user_id").execute();
  const polls = await db.selectFrom("survey_polls").selectAll().where("community", "=", community)
    .where("round_id", "in", ids).execute();
  const byRound = new Map<string, Record<string, SurveyRespondent>>(ids.map((id) => [id, {}]));
  for (const p of people) {
    const r: SurveyRespondent = {
      polls: {},
      answers: p.answers,
      ...(p.form !== null ? { form: p.form } : {}),
      ...(p.aware !== null ? { aware: p.aware } : {}),
      ...(p.compound !== null ? { compound: p.compound } : {}),
      ...(p.completed_at !== null ? { completedAt: p.completed_at.toISOString() } : {}),
    };
    const round = byRound.get(p.round_id);
    if (round) round[String(p.user_id)] = r;
  }
  for (const p of polls) {
    const r = byRound.get(p.round_id)?.[String(p.user_id)];
    if (r) r.polls[p.question_id] = p.poll_id;
  }
  return rows.map((r) => ({
    id: r.id,
    startedAt: r.started_at.toISOString(),
    ...(r.started_by !== null ? { startedBy: r.started_by } : {}),
    ...(r.closed_at !== null ? { closedAt: r.closed_at.toISOString() } : {}),
    questions: r.questions,
    recipients: r.recipients,
    respondents: byRound.get(r.id) ?? {},
    nextForm: r.next_form,
    forgotten: r.forgotten as Forgotten,
  }));
}

export const loadRounds = (db: PgDb, community: string): Promise<RoundView[]> => roundsWhere(db, community);

export async function loadRound(db: PgDb, community: string, id: string): Promise<RoundView | undefined> {
  return (await roundsWhere(db, community, id))[0];
}

/** The questionnaire as a round asks it (roundQuestionnaire, from the round's question ids alone). */
export function askedIn(q: Questionnaire, questionIds: readonly string[]): Questionnaire {
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  return { ...q, questions: questionIds.flatMap((id) => byId.get(id) ?? []) };
}

export const emptyForgotten = (): Forgotten => ({ started: 0, tally: { completed: 0, aware: 0 }, byCompound: {} });
