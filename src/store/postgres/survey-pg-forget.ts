/**
 * /forgetme's part in the survey on PostgreSQL, as `forgetSurveyAnswers` does on the JSON store:
 * the person's questionnaires (answers, polls, compound) go in every round, what they counted stays
 * as the round's anonymous totals (`forgotten`), and a round they started no longer names them.
 * Their campaign records carry no user id, so the figures do not move. Run inside the forget's
 * transaction (`forgetPgUser` calls it there once merged).
 */
import type { Kysely, Transaction } from "kysely";
import type { SurveyRound } from "../schema.js";
import { countForgotten } from "../survey-forms.js";
import type { Tables } from "./tables.js";

type Forgotten = SurveyRound["forgotten"];

export async function forgetPgSurveyAnswers(tx: Transaction<Tables> | Kysely<Tables>, community: string, userId: number): Promise<void> {
  await tx.updateTable("survey_rounds").set({ started_by: null }).where("community", "=", community).where("started_by", "=", userId).execute();
  const theirs = await tx.selectFrom("survey_respondents").select(["round_id", "answers", "completed_at", "aware", "compound"])
    .where("community", "=", community).where("user_id", "=", userId).execute();
  for (const r of theirs) {
    const round = await tx.selectFrom("survey_rounds").select("forgotten").where("community", "=", community)
      .where("id", "=", r.round_id).forUpdate().executeTakeFirst();
    if (!round) continue;
    const f = structuredClone(round.forgotten as Forgotten);
    countForgotten(f, { answers: r.answers, completed: r.completed_at !== null, aware: r.aware, compound: r.compound });
    await tx.updateTable("survey_rounds").set({ forgotten: JSON.stringify(f) }).where("community", "=", community).where("id", "=", r.round_id).execute();
  }
  await tx.deleteFrom("survey_polls").where("community", "=", community).where("user_id", "=", userId).execute();
  await tx.deleteFrom("survey_respondents").where("community", "=", community).where("user_id", "=", userId).execute();
  // a conversation in their private chat (staff's /event step by step) holds what they typed
  await tx.deleteFrom("conversations").where("community", "=", community).where("key", "=", String(userId)).execute();
}
