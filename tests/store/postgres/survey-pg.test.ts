/**
 * The survey on PostgreSQL when the campaign write fails after the answer was kept (a crash, the
 * campaign's database away): the answer rejects, the form is left unsynced, and the next open
 * writes its figures, so the survey and the campaign do not stay apart. Two instances answering
 * the same person's polls at once count the form once. /forgetme's survey part.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ProgressRecord } from "../../../src/domain/campaign/index.js";
import type { Questionnaire } from "../../../src/domain/survey/index.js";
import type { CampaignRepo } from "../../../src/store/campaign-repo.js";
import { createPgDatabase, type PgDb } from "../../../src/store/postgres/database.js";
import { migrateToLatest } from "../../../src/store/postgres/migrations.js";
import { createPgConversationRepo } from "../../../src/store/postgres/conversations-pg.js";
import { createPgSurveyRepo } from "../../../src/store/postgres/survey-pg.js";
import { forgetPgSurveyAnswers } from "../../../src/store/postgres/survey-pg-forget.js";
import { loadSurvey } from "../../../src/store/survey-catalog.js";
import { pollRef } from "../../../src/store/survey-repo.js";
import { usePgCluster, usePgPools } from "../../helpers/pg-cluster.js";

const NOW = new Date("2026-12-05T02:00:00.000Z");
const RATES = new Set(["awareness_rate", "support_rate", "satisfaction_rate"]);

/** Only what the survey calls of a campaign: its survey forms' records, by id. */
function formsCampaign(fail: { now: boolean; before?: () => Promise<unknown> }): { repo: CampaignRepo; records: Map<string, ProgressRecord> } {
  const records = new Map<string, ProgressRecord>();
  const part: Pick<CampaignRepo, "replaceSurveyForm"> = {
    async replaceSurveyForm(prefix, next) {
      if (fail.now) throw new Error("campaign unreachable");
      const before = fail.before;
      delete fail.before;
      await before?.(); // something else happens while this write is on its way
      for (const id of [...records.keys()]) if (id.startsWith(prefix)) records.delete(id);
      for (const r of next) records.set(r.id, r);
    },
  };
  return { repo: part as CampaignRepo, records };
}

describe("the survey on PostgreSQL", () => {
  const pools = usePgPools(usePgCluster());
  const database = (n: number): Promise<PgDb[]> => pools(n, { max: 4 });

  it("a form whose figures were not written is written at the next open", async () => {
    const [db] = await database(1);
    const q = (await loadSurvey("data", RATES)) as Questionnaire;
    const fail = { now: false };
    const campaign = formsCampaign(fail);
    const repo = await createPgSurveyRepo(db!, "c", () => NOW, { campaign: campaign.repo, questionnaire: q });
    await repo.start(1, 1);
    for (const [i, x] of q.questions.entries()) {
      await repo.pollSent(pollRef("r1", x.id), 5, `p${i}`);
      if (i === q.questions.length - 1) fail.now = true;
      const answered = repo.answer(`p${i}`, 5, [0]);
      if (fail.now) await expect(answered).rejects.toThrow("campaign unreachable");
      else await answered;
    }
    expect(campaign.records.size).toBe(0);
    fail.now = false;
    await createPgSurveyRepo(db!, "c", () => NOW, { campaign: campaign.repo, questionnaire: q });
    expect([...campaign.records.keys()].sort()).toEqual(["survey:r1:1:awareness_rate", "survey:r1:1:satisfaction_rate", "survey:r1:1:support_rate"]);
    expect(campaign.records.get("survey:r1:1:awareness_rate")).toMatchObject({ amount: 1, aware: 1, at: NOW.toISOString() });
  });

  it("two instances answering one person's last polls at once: one form, counted once", async () => {
    const dbs = await database(2);
    const q = (await loadSurvey("data", RATES)) as Questionnaire;
    const campaign = formsCampaign({ now: false });
    const [a, b] = await Promise.all(dbs.map((db) => createPgSurveyRepo(db, "c", () => NOW, { campaign: campaign.repo, questionnaire: q })));
    await a!.start(1, 1);
    for (const [i, x] of q.questions.entries()) await a!.pollSent(pollRef("r1", x.id), 5, `p${i}`);
    const last = q.questions.length - 1;
    for (let i = 0; i < last - 1; i++) await a!.answer(`p${i}`, 5, [0]);
    const results = await Promise.all([a!.answer(`p${last - 1}`, 5, [0]), b!.answer(`p${last}`, 5, [0])]);
    expect(results.filter((r) => r.kind === "recorded" && r.completed)).toHaveLength(1);
    expect([...campaign.records.keys()].filter((k) => k.endsWith("awareness_rate"))).toEqual(["survey:r1:1:awareness_rate"]);
    expect((await b!.rounds())[0]?.nextForm).toBe(2);
  });

  it("an answer changed on another instance while this one writes the figures: the figures end with the latest answer", async () => {
    const dbs = await database(2);
    const q = (await loadSurvey("data", RATES)) as Questionnaire;
    const fail: { now: boolean; before?: () => Promise<unknown> } = { now: false };
    const campaign = formsCampaign(fail);
    const [a, b] = await Promise.all(dbs.map((db) => createPgSurveyRepo(db, "c", () => NOW, { campaign: campaign.repo, questionnaire: q })));
    await a!.start(1, 1);
    const support = q.questions.findIndex((x) => x.metric === "support_rate");
    for (const [i, x] of q.questions.entries()) {
      await a!.pollSent(pollRef("r1", x.id), 5, `p${i}`);
      if (i === q.questions.length - 1) fail.before = () => b!.answer(`p${support}`, 5, [2]); // "no" while "yes" is written
      await a!.answer(`p${i}`, 5, [0]);
    }
    expect(campaign.records.get("survey:r1:1:support_rate")).toMatchObject({ aware: 0 });
    const row = await dbs[0]!.selectFrom("survey_respondents").select("figures_synced").where("user_id", "=", 5).executeTakeFirstOrThrow();
    expect(row.figures_synced).toBe(true);
  });
});

describe("forgetting a person's survey answers on PostgreSQL", () => {
  const pg = usePgCluster();
  let db: PgDb | undefined;
  afterEach(async () => {
    await db?.destroy();
  });

  it("their rows go, what they counted stays in the round's anonymous totals, as on the JSON store", async () => {
    db = createPgDatabase(await pg.freshDatabase(), { max: 2 });
    await migrateToLatest(db);
    await db.insertInto("users").values([{ community: "c", id: 5, first_name: "F", compound: "c1", seen_at: NOW }, { community: "c", id: 6, first_name: "S", seen_at: NOW }]).execute();
    const q = (await loadSurvey("data", RATES)) as Questionnaire;
    const campaign = formsCampaign({ now: false });
    const repo = await createPgSurveyRepo(db, "c", () => NOW, { campaign: campaign.repo, questionnaire: q });
    await repo.start(5, 3);
    for (const user of [5, 6]) {
      for (const [i, x] of q.questions.entries()) {
        await repo.pollSent(pollRef("r1", x.id), user, `p${user}-${i}`);
        await repo.answer(`p${user}-${i}`, user, [user === 5 ? 0 : 2]);
      }
    }
    await repo.pollSent(pollRef("r1", q.questions[0]!.id), 7, "p7");
    await repo.answer("p7", 7, [0]);
    await createPgConversationRepo(db, "c").write("5", { typed: "secret" });
    const before = (await repo.results())[0]?.results;
    await db.transaction().execute((tx) => forgetPgSurveyAnswers(tx, "c", 5));
    const [after] = await repo.results();
    expect(after?.results).toEqual(before);
    expect(after?.round.forgotten).toEqual({ started: 1, tally: { completed: 1, aware: 1 }, byCompound: { c1: { completed: 1, aware: 1 } } });
    expect(after?.round.startedBy).toBeUndefined();
    expect(Object.keys(after?.round.respondents ?? {}).sort()).toEqual(["6", "7"]);
    const left = await db.selectFrom("survey_polls").select("poll_id").where("user_id", "=", 5).execute();
    expect(left).toEqual([]);
    expect(await createPgConversationRepo(db, "c").read("5")).toBeUndefined();
    expect(await repo.answer("p5-0", 5, [1])).toEqual({ kind: "unknown" });
    expect(campaign.records.size).toBe(6);
  });
});
