import { z } from "zod";

/** The awareness survey's part of the store (/survey): its rounds, each with its respondents. */

const iso = z.string();
const tally = z.object({ completed: z.number().int(), aware: z.number().int() });

/** One person's questionnaire in a survey round (deleted by /forgetme; the anonymous totals stay). */
const surveyRespondent = z.object({
  /** question id → the poll id it was sent as */
  polls: z.record(z.string(), z.string()),
  /** question id → chosen option indices (empty: retracted) */
  answers: z.record(z.string(), z.array(z.number().int())),
  /** the form's number in the round once it was complete (its campaign records are `survey:<round>:<form>:<metric>`) */
  form: z.number().int().optional(),
  /** the outcome counted while complete */
  aware: z.boolean().optional(),
  compound: z.string().optional(),
  completedAt: iso.optional(),
});

const surveyRound = z.object({
  id: z.string(),
  startedAt: iso,
  startedBy: z.number().int().optional(),
  closedAt: iso.optional(),
  /** question ids in the order they are asked (the questionnaire as it was when the round began) */
  questions: z.array(z.string()),
  recipients: z.number().int(),
  respondents: z.record(z.string(), surveyRespondent),
  nextForm: z.number().int(),
  /** what people who used /forgetme had counted: anonymous totals, no ids */
  forgotten: z.object({ started: z.number().int(), tally, byCompound: z.record(z.string(), tally) }),
});

export const surveysSchema = z.object({ rounds: z.array(surveyRound), nextRound: z.number().int() });

/** No round yet (also what an older store without surveys gets). */
export function emptySurveys(): z.infer<typeof surveysSchema> {
  return { rounds: [], nextRound: 1 };
}

export type SurveyRound = z.infer<typeof surveyRound>;
export type SurveyRespondent = z.infer<typeof surveyRespondent>;
