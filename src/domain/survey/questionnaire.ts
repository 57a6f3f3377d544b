import type { Localized } from "../translate.js";

/** One question, sent as one Telegram poll. */
export interface SurveyQuestion {
  id: string;
  text: Localized;
  options: Localized[];
  /** An awareness question: the option indices that count as aware. */
  aware?: number[];
  /** A rate metric this question feeds (support_rate, satisfaction_rate): `positive` options count as yes. */
  metric?: string;
  positive?: number[];
}

/** The questionnaire (data/survey.json). */
export interface Questionnaire {
  /** HTML shown before the first question; `{count}` is the number of questions. */
  intro: Localized;
  questions: SurveyQuestion[];
  /** A form is aware when at least this many awareness questions got an aware answer. */
  awareMin: number;
}

/** The chosen option indices per question id; an empty list is a retracted vote. */
export type SurveyAnswers = Record<string, readonly number[]>;

/** What a completed form counts: aware or not, and yes/no for each metric question. */
export interface FormOutcome {
  aware: boolean;
  /** metric id → the answer counts as yes */
  metrics: Record<string, boolean>;
}

const answered = (a: readonly number[] | undefined): a is readonly number[] => a !== undefined && a.length > 0;

/** True when every question of the questionnaire has a (not retracted) answer. */
export function isComplete(q: Questionnaire, answers: SurveyAnswers): boolean {
  return q.questions.every((x) => answered(answers[x.id]));
}

/** The first question without an answer, in order; undefined when the form is complete. */
export function nextUnanswered(q: Questionnaire, answers: SurveyAnswers): SurveyQuestion | undefined {
  return q.questions.find((x) => !answered(answers[x.id]));
}

/** The question after `id` in order, or undefined after the last. */
export function questionAfter(q: Questionnaire, id: string): SurveyQuestion | undefined {
  const i = q.questions.findIndex((x) => x.id === id);
  return i < 0 ? undefined : q.questions[i + 1];
}

/**
 * What a complete form counts; undefined while it is unfinished (an unfinished form counts nowhere).
 * Aware: at least `awareMin` awareness questions answered with one of their aware options.
 */
export function formOutcome(q: Questionnaire, answers: SurveyAnswers): FormOutcome | undefined {
  if (!isComplete(q, answers)) return undefined;
  let hits = 0;
  const metrics: Record<string, boolean> = {};
  for (const x of q.questions) {
    const chosen = answers[x.id] ?? [];
    if (x.aware && chosen.some((i) => x.aware?.includes(i))) hits++;
    if (x.metric) metrics[x.metric] = chosen.some((i) => x.positive?.includes(i) ?? false);
  }
  return { aware: hits >= q.awareMin, metrics };
}

/** Option indices that exist for a question (a forged or stale answer keeps only these). */
export function validOptions(question: SurveyQuestion, optionIds: readonly number[]): number[] {
  return [...new Set(optionIds)].filter((i) => Number.isInteger(i) && i >= 0 && i < question.options.length).sort((a, b) => a - b);
}
