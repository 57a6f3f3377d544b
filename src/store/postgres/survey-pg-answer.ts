/**
 * One poll answer over PostgreSQL: the respondent's row changed under a row lock (answers from one
 * person at once are applied one after the other), its form number taken from the round when it first
 * becomes complete. A form that counts, or stops counting, is left `figures_synced = false` in that
 * transaction; `syncFigures` then replaces its campaign records through the CampaignRepo and marks it
 * synced, so a crash between the two is repaired at the next open (`syncPending`).
 */
import { sql } from "kysely";
import { formOutcome, validOptions, type Questionnaire } from "../../domain/survey/index.js";
import type { CampaignRepo } from "../campaign-repo.js";
import { formPrefix, formRecords } from "../survey-forms.js";
import type { AnswerResult } from "../survey-repo.js";
import type { PgDb } from "./database.js";
import { askedIn } from "./survey-pg-rows.js";

type Recorded = Extract<AnswerResult, { kind: "recorded" }>;
export type AnswerStep = { result: AnswerResult; sync?: { roundId: string; userId: number } };

export async function answerInTx(db: PgDb, community: string, q: Questionnaire, pollId: string, userId: number, optionIds: readonly number[], at: Date): Promise<AnswerStep> {
  return db.transaction().execute(async (tx): Promise<AnswerStep> => {
    const target = await tx.selectFrom("survey_polls").selectAll().where("community", "=", community).where("poll_id", "=", pollId).executeTakeFirst();
    if (!target || target.user_id !== userId) return { result: { kind: "unknown" } };
    const round = await tx.selectFrom("survey_rounds").select(["id", "closed_at", "questions"]).where("community", "=", community)
      .where("id", "=", target.round_id).executeTakeFirst();
    const before = await tx.selectFrom("survey_respondents").selectAll().where("community", "=", community)
      .where("round_id", "=", target.round_id).where("user_id", "=", userId).forUpdate().executeTakeFirst();
    if (!round || !before) return { result: { kind: "unknown" } };
    if (round.closed_at !== null) return { result: { kind: "closed" } };
    const asked = askedIn(q, round.questions);
    const question = asked.questions.find((x) => x.id === target.question_id);
    if (!question) return { result: { kind: "unknown" } };
    const answers = { ...before.answers, [question.id]: validOptions(question, optionIds) };
    const outcome = formOutcome(asked, answers);
    const wasComplete = before.completed_at !== null;
    let form = before.form;
    if (outcome && form === null) {
      const taken = await tx.updateTable("survey_rounds").set((eb) => ({ next_form: eb("next_form", "+", 1) }))
        .where("community", "=", community).where("id", "=", round.id).returning("next_form").executeTakeFirstOrThrow();
      form = taken.next_form - 1;
    }
    const user = await tx.selectFrom("users").select("compound").where("community", "=", community).where("id", "=", userId).executeTakeFirst();
    const counts = !!outcome || wasComplete;
    await tx.updateTable("survey_respondents").set({
      answers: JSON.stringify(answers),
      form,
      aware: outcome ? outcome.aware : null,
      completed_at: outcome ? (before.completed_at ?? at) : null,
      ...(user?.compound != null ? { compound: user.compound } : {}),
      ...(counts ? { figures_synced: false } : {}),
    }).where("community", "=", community).where("round_id", "=", round.id).where("user_id", "=", userId).execute();
    const polls = new Set((await tx.selectFrom("survey_polls").select("question_id").where("community", "=", community)
      .where("round_id", "=", round.id).where("user_id", "=", userId).execute()).map((p) => p.question_id));
    const answered = (answers[question.id] ?? []).length > 0;
    const next = answered ? asked.questions.find((x) => !polls.has(x.id)) : undefined;
    const result: Recorded = { kind: "recorded", roundId: round.id, ...(next ? { next } : {}), completed: !!outcome && !wasComplete, uncounted: !outcome && wasComplete };
    return { result, ...(counts ? { sync: { roundId: round.id, userId } } : {}) };
  });
}

/**
 * Brings one form's campaign records in line with the respondent's row as it is now (complete: its
 * records; no longer complete: none), then marks it synced unless its answers changed meanwhile (an
 * answer handled at the same time, maybe by another instance, whose records may have been written
 * before ours): then it goes again with the newer answers, so the last write is the latest state.
 */
export async function syncFigures(db: PgDb, community: string, q: Questionnaire, campaign: CampaignRepo, roundId: string, userId: number): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await db.selectFrom("survey_respondents").innerJoin("survey_rounds", (j) =>
      j.onRef("survey_rounds.community", "=", "survey_respondents.community").onRef("survey_rounds.id", "=", "survey_respondents.round_id"))
      .select(["answers", "form", "completed_at", "questions"]).where("survey_respondents.community", "=", community)
      .where("round_id", "=", roundId).where("user_id", "=", userId).executeTakeFirst();
    if (!row || row.form === null) return;
    const prefix = formPrefix(roundId, row.form);
    const outcome = row.completed_at !== null ? formOutcome(askedIn(q, row.questions), row.answers) : undefined;
    const records = outcome && row.completed_at ? formRecords(prefix, outcome, row.completed_at.toISOString()) : [];
    await campaign.replaceSurveyForm(prefix, records);
    const marked = await db.updateTable("survey_respondents").set({ figures_synced: true }).where("community", "=", community)
      .where("round_id", "=", roundId).where("user_id", "=", userId)
      .where(sql<boolean>`answers = ${JSON.stringify(row.answers)}::jsonb`).executeTakeFirst();
    if (marked.numUpdatedRows > 0n) return;
  }
  // still moving after five rounds: left unsynced, the next open writes it
}

/** Syncs every form left unsynced (a crash between an answer and its figures). */
export async function syncPending(db: PgDb, community: string, q: Questionnaire, campaign: CampaignRepo): Promise<void> {
  const rows = await db.selectFrom("survey_respondents").select(["round_id", "user_id"]).where("community", "=", community)
    .where("figures_synced", "=", false).execute();
  for (const r of rows) await syncFigures(db, community, q, campaign, r.round_id, r.user_id);
}
