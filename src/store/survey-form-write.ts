import type { Db } from "./schema.js";

/**
 * One respondent's form as the survey keeps it, after one answer: a named change, as data, so every
 * backend can write it in the same transaction as the figures it counts
 * (`CampaignRepo.replaceSurveyForm`), or alone when the figures do not move.
 */
export interface SurveyFormWrite {
  readonly roundId: string;
  readonly userId: number;
  readonly questionId: string;
  /** the options chosen now (none: retracted) */
  readonly answer: readonly number[];
  /** the person's compound (小区), if they chose one */
  readonly compound?: string;
  /**
   * The form is complete: its number (kept when it had one; a new one moves the round's next
   * number), whether the person was aware, when (kept when it was complete before). Absent: the form
   * is not complete (any more) and counts no more.
   */
  readonly complete?: { readonly form: number; readonly aware: boolean; readonly at: string };
}

/** Applies the change to the JSON document (inside a store write). */
export function applySurveyFormWrite(db: Db, w: SurveyFormWrite): void {
  const round = db.surveys.rounds.find((x) => x.id === w.roundId);
  const r = round?.respondents[String(w.userId)];
  if (!round || !r) return;
  r.answers[w.questionId] = [...w.answer];
  if (w.compound !== undefined) r.compound = w.compound;
  if (w.complete) {
    if (r.form === undefined) {
      r.form = w.complete.form;
      round.nextForm = w.complete.form + 1;
    }
    r.aware = w.complete.aware;
    r.completedAt ??= w.complete.at;
  } else if (r.completedAt !== undefined) {
    delete r.completedAt;
    delete r.aware;
  }
}
