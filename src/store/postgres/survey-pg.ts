/**
 * The awareness survey over PostgreSQL (one community): the same contract as survey-repo.ts. Rounds,
 * respondents and the poll index are rows (survey-pg-rows.ts); an answer is applied under a row
 * lock and its form's figures go to the campaign through the CampaignRepo (survey-pg-answer.ts).
 */
import { sql } from "kysely";
import type { Questionnaire } from "../../domain/survey/index.js";
import type { CampaignRepo } from "../campaign-repo.js";
import type { SurveyRound } from "../schema.js";
import { parsePollRef, resultsOf } from "../survey-forms.js";
import { SurveyRoundOpenError, type SurveyRepo } from "../survey-repo.js";
import type { PgDb } from "./database.js";
import { answerInTx, syncFigures, syncPending } from "./survey-pg-answer.js";
import { emptyForgotten, loadRound, loadRounds } from "./survey-pg-rows.js";

export interface PgSurveyOptions {
  readonly campaign: CampaignRepo;
  readonly questionnaire: Questionnaire | undefined;
}

/** Opens the survey; forms whose figures a crash left unwritten are written first. */
export async function createPgSurveyRepo(db: PgDb, community: string, now: () => Date, options: PgSurveyOptions): Promise<SurveyRepo> {
  const { campaign, questionnaire } = options;
  if (questionnaire) await syncPending(db, community, questionnaire, campaign);
  // one answer's figures after another in this instance: a later sync reads the later answers
  let syncing: Promise<void> = Promise.resolve();
  const rounds = () => db.selectFrom("survey_rounds").select("id").where("community", "=", community);
  const openId = async () => (await rounds().where("closed_at", "is", null).orderBy("seq").limit(1).executeTakeFirst())?.id;

  return {
    questionnaire,
    async openRound() {
      const id = await openId();
      return id === undefined ? undefined : loadRound(db, community, id);
    },
    rounds: () => loadRounds(db, community),
    async nextRoundNumber() {
      const r = await db.selectFrom("survey_state").select("next_round").where("community", "=", community).executeTakeFirst();
      return r?.next_round ?? 1;
    },
    async start(by, recipients) {
      if (!questionnaire) throw new Error("no questionnaire (data/survey.json)");
      const round: SurveyRound = {
        id: "", startedAt: now().toISOString(), startedBy: by, questions: questionnaire.questions.map((x) => x.id),
        recipients, respondents: {}, nextForm: 1, forgotten: emptyForgotten(),
      };
      return db.transaction().execute(async (tx) => {
        // one round at a time, also when two instances start one at once
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`survey-round:${community}`}))`.execute(tx);
        if (await tx.selectFrom("survey_rounds").select("id").where("community", "=", community).where("closed_at", "is", null).executeTakeFirst()) {
          throw new SurveyRoundOpenError();
        }
        const taken = await tx.insertInto("survey_state").values({ community, next_round: 2 })
          .onConflict((oc) => oc.column("community").doUpdateSet((eb) => ({ next_round: eb("survey_state.next_round", "+", 1) })))
          .returning("next_round").executeTakeFirstOrThrow();
        const seq = taken.next_round - 1;
        round.id = `r${seq}`;
        await tx.insertInto("survey_rounds").values({
          community, id: round.id, seq, started_at: round.startedAt, started_by: by, questions: JSON.stringify(round.questions),
          recipients, next_form: 1, forgotten: JSON.stringify(round.forgotten),
        }).execute();
        return round;
      });
    },
    async close() {
      const id = await openId();
      if (id === undefined) return undefined;
      await db.updateTable("survey_rounds").set({ closed_at: now() }).where("community", "=", community).where("id", "=", id)
        .where("closed_at", "is", null).execute();
      return loadRound(db, community, id);
    },
    async pollSent(ref, userId, pollId) {
      const parsed = parsePollRef(ref);
      if (!parsed || !(await rounds().where("id", "=", parsed.roundId).executeTakeFirst())) return;
      const { roundId, questionId } = parsed;
      await db.transaction().execute(async (tx) => {
        await tx.insertInto("survey_respondents").values({ community, round_id: roundId, user_id: userId, answers: "{}" })
          .onConflict((oc) => oc.doNothing()).execute();
        // a question sent again: the new poll replaces the old one (an answer to the old is unknown)
        await tx.deleteFrom("survey_polls").where("community", "=", community).where("round_id", "=", roundId)
          .where("user_id", "=", userId).where("question_id", "=", questionId).execute();
        await tx.insertInto("survey_polls").values({ community, poll_id: pollId, round_id: roundId, user_id: userId, question_id: questionId })
          .onConflict((oc) => oc.doNothing()).execute();
      });
    },
    async answer(pollId, userId, optionIds) {
      if (!questionnaire) return { kind: "unknown" };
      const step = await answerInTx(db, community, questionnaire, pollId, userId, optionIds, now());
      const { sync } = step;
      if (sync) {
        syncing = syncing.catch(() => undefined).then(() => syncFigures(db, community, questionnaire, campaign, sync.roundId, sync.userId));
        await syncing;
      }
      return step.result;
    },
    results: async () => (await loadRounds(db, community)).map((round) => ({ round, results: resultsOf(round) })),
  };
}
