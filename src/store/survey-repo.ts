import { formOutcome, validOptions, type Questionnaire, type RoundResults, type SurveyQuestion } from "../domain/survey/index.js";
import type { CampaignRepo } from "./campaign-repo.js";
import type { DeepReadonly } from "../domain/deep-readonly.js";
import type { SurveyRound } from "./schema.js";
import type { Store } from "./engine/store.js";
import { formPrefix, formRecords, parsePollRef, resultsOf, roundQuestionnaire } from "./survey-forms.js";
import { applySurveyFormWrite, type SurveyFormWrite } from "./survey-form-write.js";

export { forgetSurveyAnswers, pollRef } from "./survey-forms.js";
export type { SurveyRound } from "./schema.js";

/** What became of one poll answer. */
export type AnswerResult =
  | { kind: "unknown" }
  | { kind: "closed" }
  | {
      kind: "recorded";
      roundId: string;
      /** the next question, not sent to this person yet (one question after another) */
      next?: SurveyQuestion;
      /** the form became complete with this answer (counted now) */
      completed: boolean;
      /** the form was complete and no longer is (a retracted vote): it counts no more until answered again */
      uncounted: boolean;
    };

/** Thrown by `SurveyRepo.start` while a round is open. */
export class SurveyRoundOpenError extends Error {
  constructor() {
    super("a survey round is open already");
    this.name = "SurveyRoundOpenError";
  }
}

/** A survey round as the repository hands it out: read only. */
export type RoundView = DeepReadonly<SurveyRound>;

/** The awareness survey's rounds over the store; each completed form moves the campaign figures at once. */
export interface SurveyRepo {
  /** data/survey.json, or undefined when there is none */
  readonly questionnaire: Questionnaire | undefined;
  /** The round taking answers, if any. */
  openRound(): Promise<RoundView | undefined>;
  /** Every round, oldest first (read only). */
  rounds(): Promise<readonly RoundView[]>;
  /** The number the next round will get (`r<n>`), for a preview. */
  nextRoundNumber(): Promise<number>;
  /**
   * Opens a round asking the questionnaire's questions; resolves once on disk. Throws
   * SurveyRoundOpenError while another round is open (decided in the same write: one round at a time).
   */
  start(by: number, recipients: number): Promise<RoundView>;
  /** Ends the open round (later answers are ignored); undefined when none was open. */
  close(): Promise<RoundView | undefined>;
  /** A poll went out to `userId` for the question in `ref` (`pollRef`); resolves once answers find it (saved with the next write). */
  pollSent(ref: string, userId: number, pollId: string): Promise<void>;
  /** Records a poll answer (empty `optionIds`: retracted); resolves once it and the figures are on disk. */
  answer(pollId: string, userId: number, optionIds: readonly number[]): Promise<AnswerResult>;
  /** Anonymous results per round, oldest first. */
  results(): Promise<{ round: RoundView; results: RoundResults }[]>;
}

export interface SurveyRepoOptions {
  store: Store;
  campaign: CampaignRepo;
  questionnaire: Questionnaire | undefined;
  now: () => Date;
}

interface PollTarget {
  roundId: string;
  userId: number;
  questionId: string;
}

/** Builds the repo; the poll ids of every round are indexed once (answers name only the poll). */
export function createSurveyRepo(options: SurveyRepoOptions): SurveyRepo {
  const { store, campaign, questionnaire, now } = options;
  const polls = new Map<string, PollTarget>();
  for (const round of store.data.surveys.rounds) {
    for (const [uid, r] of Object.entries(round.respondents)) {
      for (const [questionId, pollId] of Object.entries(r.polls)) polls.set(pollId, { roundId: round.id, userId: Number(uid), questionId });
    }
  }
  const roundOf = (id: string): RoundView | undefined => store.data.surveys.rounds.find((r) => r.id === id);

  async function answer(pollId: string, userId: number, optionIds: readonly number[]): Promise<AnswerResult> {
    const target = polls.get(pollId);
    const round = target && target.userId === userId ? roundOf(target.roundId) : undefined;
    const before = round?.respondents[String(userId)];
    if (!target || !round || !questionnaire || before?.polls[target.questionId] !== pollId) return { kind: "unknown" };
    if (round.closedAt !== undefined) return { kind: "closed" };
    const q = roundQuestionnaire(questionnaire, round);
    const question = q.questions.find((x) => x.id === target.questionId);
    if (!question) return { kind: "unknown" };
    const answers = { ...before.answers, [question.id]: validOptions(question, optionIds) };
    const outcome = formOutcome(q, answers);
    const wasComplete = before.completedAt !== undefined;
    const form = before.form ?? round.nextForm;
    const compound = store.data.users[String(userId)]?.compound;
    const at = now().toISOString();
    const write: SurveyFormWrite = {
      roundId: round.id, userId, questionId: question.id, answer: answers[question.id] ?? [],
      ...(compound !== undefined ? { compound } : {}),
      ...(outcome ? { complete: { form, aware: outcome.aware, at } } : {}),
    };
    if (outcome || wasComplete) {
      const records = outcome ? formRecords(formPrefix(round.id, form), outcome, at) : [];
      await campaign.replaceSurveyForm(formPrefix(round.id, form), records, write);
    } else {
      await store.write((db) => applySurveyFormWrite(db, write), "durable");
    }
    const answered = (answers[question.id] ?? []).length > 0;
    const next = answered ? q.questions.find((x) => before.polls[x.id] === undefined) : undefined;
    return { kind: "recorded", roundId: round.id, ...(next ? { next } : {}), completed: !!outcome && !wasComplete, uncounted: !outcome && wasComplete };
  }

  return {
    questionnaire,
    openRound: async () => store.data.surveys.rounds.find((r) => r.closedAt === undefined),
    rounds: async () => store.data.surveys.rounds,
    nextRoundNumber: async () => store.data.surveys.nextRound,
    async start(by, recipients) {
      if (!questionnaire) throw new Error("no questionnaire (data/survey.json)");
      const questions = questionnaire.questions.map((x) => x.id);
      const started = await store.write((db) => {
        if (db.surveys.rounds.some((r) => r.closedAt === undefined)) return undefined;
        const id = `r${db.surveys.nextRound++}`;
        const round: SurveyRound = {
          id, startedAt: now().toISOString(), startedBy: by, questions, recipients, respondents: {}, nextForm: 1,
          forgotten: { started: 0, tally: { completed: 0, aware: 0 }, byCompound: {} },
        };
        db.surveys.rounds.push(round);
        return round;
      }, "durable");
      if (!started) throw new SurveyRoundOpenError();
      return started;
    },
    async close() {
      const open = store.data.surveys.rounds.findIndex((r) => r.closedAt === undefined);
      if (open < 0) return undefined;
      return store.write((db) => {
        const round = db.surveys.rounds[open];
        if (round) round.closedAt = now().toISOString();
        return store.data.surveys.rounds[open];
      }, "durable");
    },
    async pollSent(ref, userId, pollId) {
      const parsed = parsePollRef(ref);
      if (!parsed || !roundOf(parsed.roundId)) return;
      polls.set(pollId, { roundId: parsed.roundId, userId, questionId: parsed.questionId });
      store.write((db) => {
        const round = db.surveys.rounds.find((r) => r.id === parsed.roundId);
        if (!round) return;
        const r = (round.respondents[String(userId)] ??= { polls: {}, answers: {} });
        r.polls[parsed.questionId] = pollId;
      }, "batched");
    },
    answer,
    results: async () => store.data.surveys.rounds.map((round) => ({ round, results: resultsOf(round) })),
  };
}
