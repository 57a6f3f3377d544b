/**
 * The survey's contract (`SurveyRepo`): rounds numbered r1, r2…, one open at a time as staff use it;
 * polls sent per question and answered one after another; a complete form counts once in the
 * campaign (a poll answered again replaces its answer, never counts twice; a retracted vote
 * uncounts it until answered again, under the same form); answers to unknown, foreign or replaced
 * polls are unknown, to a closed round closed; the anonymous results; everything after a restart.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Questionnaire } from "../../../src/domain/survey/index.js";
import { loadCampaign, type LoadedCampaign } from "../../../src/store/campaign-catalog.js";
import { loadSurvey } from "../../../src/store/survey-catalog.js";
import { pollRef, SurveyRoundOpenError, type SurveyRepo } from "../../../src/store/survey-repo.js";
import { forEachBackend, type BackendHandle, type MakeBackend } from "./harness.js";
import { seedRows } from "./seed-rows.js";
import { surveyCampaign, type SurveyCampaign } from "./surveys-campaign.js";

const NOW = new Date("2026-12-05T02:00:00.000Z");
const ALICE = 100;
const BOB = 200;

export function describeSurveysContract(make: MakeBackend): void {
  describe("surveys contract", () => {
    let h: BackendHandle;
    let loaded: LoadedCampaign;
    let q: Questionnaire;
    let campaign: SurveyCampaign;
    let repo: SurveyRepo;
    const open = async () => {
      repo = await h.surveys({ campaign: campaign.repo(), questionnaire: q, now: () => NOW });
    };
    const restart = async () => {
      await h.reopen();
      await campaign.reopen();
      await open();
    };
    const formRecords = async (form: number) =>
      (await campaign.repo().records()).filter((r) => r.id.startsWith(`survey:r1:${form}:`)).map((r) => [r.metricId, r.amount, r.aware]).sort();
    /** sends question `i` to `user` as poll `p<user>-<i>` and answers it with `option` */
    const ask = async (user: number, i: number, option: number[]) => {
      const id = q.questions[i]?.id as string;
      await repo.pollSent(pollRef("r1", id), user, `p${user}-${i}`);
      return repo.answer(`p${user}-${i}`, user, option);
    };
    const completeForm = async (user: number, options: number[]) => {
      let last;
      for (let i = 0; i < options.length; i++) last = await ask(user, i, [options[i] as number]);
      return last;
    };

    beforeEach(async () => {
      h = await make();
      loaded = await loadCampaign("data");
      q = (await loadSurvey("data", new Set(loaded.campaign.metrics.filter((m) => m.kind === "rate").map((m) => m.id)))) as Questionnaire;
      await seedRows(h, { users: [{ id: ALICE, compound: "c1" }] });
      campaign = await surveyCampaign(h, loaded, () => NOW);
      await open();
    });
    afterEach(async () => {
      await campaign.dispose();
      await h.dispose();
    });

    it("starts rounds r1, r2…, closes the open one, and keeps them across a restart", async () => {
      expect(await repo.openRound()).toBeUndefined();
      expect(await repo.nextRoundNumber()).toBe(1);
      const r1 = await repo.start(7, 3);
      expect(r1).toEqual({
        id: "r1", startedAt: NOW.toISOString(), startedBy: 7, questions: q.questions.map((x) => x.id), recipients: 3,
        respondents: {}, nextForm: 1, forgotten: { started: 0, tally: { completed: 0, aware: 0 }, byCompound: {} },
      });
      await restart();
      expect(await repo.openRound()).toEqual(r1);
      expect(await repo.nextRoundNumber()).toBe(2);
      expect((await repo.close())?.closedAt).toBe(NOW.toISOString());
      expect(await repo.close()).toBeUndefined();
      expect((await repo.start(7, 5)).id).toBe("r2");
      await restart();
      expect((await repo.rounds()).map((r) => [r.id, r.closedAt !== undefined])).toEqual([["r1", true], ["r2", false]]);
      expect((await repo.openRound())?.id).toBe("r2");
    });

    it("one round at a time: a start while one is open is refused, also two at once", async () => {
      const results = await Promise.allSettled([repo.start(7, 3), repo.start(8, 3)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected");
      expect(refused?.status === "rejected" && refused.reason).toBeInstanceOf(SurveyRoundOpenError);
      await expect(repo.start(9, 3)).rejects.toBeInstanceOf(SurveyRoundOpenError);
      expect((await repo.rounds()).map((r) => r.id)).toEqual(["r1"]);
      expect(await repo.nextRoundNumber()).toBe(2);
      await repo.close();
      expect((await repo.start(9, 3)).id).toBe("r2");
    });

    it("answers one question after another; a complete form counts once, also when a poll is answered again", async () => {
      await repo.start(7, 2);
      const first = await ask(ALICE, 0, [0]);
      expect(first).toEqual({ kind: "recorded", roundId: "r1", next: q.questions[1], completed: false, uncounted: false });
      expect(await formRecords(1)).toEqual([]);
      const done = await completeForm(ALICE, [0, 0, 0, 0, 0]);
      expect(done).toEqual({ kind: "recorded", roundId: "r1", completed: true, uncounted: false });
      expect(await formRecords(1)).toEqual([["awareness_rate", 1, 1], ["satisfaction_rate", 1, 1], ["support_rate", 1, 1]]);
      // the same poll answered again: the answer changes, the form still counts once
      expect(await repo.answer(`p${ALICE}-3`, ALICE, [2])).toEqual({ kind: "recorded", roundId: "r1", completed: false, uncounted: false });
      expect(await repo.answer(`p${ALICE}-0`, ALICE, [2])).toMatchObject({ kind: "recorded", completed: false });
      await restart();
      expect(await formRecords(1)).toEqual([["awareness_rate", 1, 1], ["satisfaction_rate", 1, 1], ["support_rate", 1, 0]]);
      const round = (await repo.rounds())[0];
      expect(round?.respondents[String(ALICE)]).toMatchObject({ form: 1, aware: true, compound: "c1", completedAt: NOW.toISOString() });
      expect(round?.respondents[String(ALICE)]?.answers).toMatchObject({ [q.questions[0]?.id as string]: [2], [q.questions[3]?.id as string]: [2] });
    });

    it("a retracted vote uncounts the form until answered again, under the same form number", async () => {
      await repo.start(7, 2);
      await completeForm(ALICE, [0, 0, 0, 0, 0]);
      expect(await completeForm(BOB, [2, 2, 2, 1, 2])).toMatchObject({ completed: true });
      expect(await formRecords(2)).toEqual([["awareness_rate", 1, 0], ["satisfaction_rate", 1, 0], ["support_rate", 1, 0]]);
      expect(await repo.answer(`p${ALICE}-4`, ALICE, [])).toEqual({ kind: "recorded", roundId: "r1", completed: false, uncounted: true });
      expect(await formRecords(1)).toEqual([]);
      await restart();
      expect(await repo.answer(`p${ALICE}-4`, ALICE, [1])).toEqual({ kind: "recorded", roundId: "r1", completed: true, uncounted: false });
      expect(await formRecords(1)).toEqual([["awareness_rate", 1, 1], ["satisfaction_rate", 1, 1], ["support_rate", 1, 1]]);
      expect((await repo.rounds())[0]?.nextForm).toBe(3);
    });

    it("unknown, foreign and replaced polls are unknown; a closed round's are closed; nothing moves", async () => {
      await repo.start(7, 2);
      await ask(ALICE, 0, [0]);
      expect(await repo.answer("never-sent", ALICE, [0])).toEqual({ kind: "unknown" });
      expect(await repo.answer(`p${ALICE}-0`, BOB, [0])).toEqual({ kind: "unknown" });
      await repo.pollSent(pollRef("r9", q.questions[1]?.id as string), ALICE, "stray");
      expect(await repo.answer("stray", ALICE, [0])).toEqual({ kind: "unknown" });
      // the first question sent again: the old poll no longer counts
      await repo.pollSent(pollRef("r1", q.questions[0]?.id as string), ALICE, "again");
      expect(await repo.answer(`p${ALICE}-0`, ALICE, [1])).toEqual({ kind: "unknown" });
      expect(await repo.answer("again", ALICE, [1])).toMatchObject({ kind: "recorded" });
      await repo.close();
      await restart();
      expect(await repo.answer("again", ALICE, [0])).toEqual({ kind: "closed" });
      expect((await repo.rounds())[0]?.respondents[String(ALICE)]?.answers).toEqual({ [q.questions[0]?.id as string]: [1] });
    });

    it("results per round: respondents, completed, aware, by compound", async () => {
      await repo.start(7, 4);
      await completeForm(ALICE, [0, 0, 0, 0, 0]);
      await completeForm(BOB, [2, 2, 2, 1, 2]);
      await restart();
      const [only] = await repo.results();
      expect(only?.round.id).toBe("r1");
      expect(only?.results).toMatchObject({ recipients: 4, respondents: 2, completed: 2, aware: 1 });
      expect(Object.fromEntries(only?.results.byCompound ?? [])).toEqual({ c1: { completed: 1, aware: 1 }, "": { completed: 1, aware: 0 } });
    });
  });
}

forEachBackend("surveys", describeSurveysContract);
