/** `db:import`, the awareness survey: rounds (with forgotten totals), respondents, their polls. */
import { insertAll, type ImportCounts, type ImportTx, type StoreDoc } from "./import-rows.js";

export async function importSurvey(tx: ImportTx, community: string, doc: StoreDoc, counts: ImportCounts): Promise<void> {
  const { rounds, nextRound } = doc.surveys;
  await tx.insertInto("survey_state").values({ community, next_round: nextRound }).execute();
  counts.surveyRounds = await insertAll(tx, "survey_rounds", rounds.map((r, i) => ({
    community, id: r.id, seq: Number(/^r(\d+)$/.exec(r.id)?.[1] ?? i + 1), started_at: r.startedAt, started_by: r.startedBy ?? null,
    closed_at: r.closedAt ?? null, questions: JSON.stringify(r.questions), recipients: r.recipients, next_form: r.nextForm,
    forgotten: JSON.stringify(r.forgotten),
  })));
  const people = rounds.flatMap((r) => Object.entries(r.respondents).map(([uid, p]) => ({ round: r.id, userId: Number(uid), p })));
  counts.surveyRespondents = await insertAll(tx, "survey_respondents", people.map(({ round, userId, p }) => ({
    community, round_id: round, user_id: userId, answers: JSON.stringify(p.answers), form: p.form ?? null,
    aware: p.aware ?? null, compound: p.compound ?? null, completed_at: p.completedAt ?? null,
  })));
  counts.surveyPolls = await insertAll(tx, "survey_polls", people.flatMap(({ round, userId, p }) =>
    Object.entries(p.polls).map(([questionId, pollId]) => ({ community, poll_id: pollId, round_id: round, user_id: userId, question_id: questionId }))));
}
