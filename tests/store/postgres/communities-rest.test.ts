/**
 * Two communities in one PostgreSQL database: the broadcast history, the audience, the conversations
 * and the survey of one never show the other's, even where ids, keys and poll ids coincide.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Questionnaire } from "../../../src/domain/survey/index.js";
import type { CampaignRepo } from "../../../src/store/campaign-repo.js";
import { createPgAudienceRepo } from "../../../src/store/postgres/audience-pg.js";
import { createPgConversationRepo } from "../../../src/store/postgres/conversations-pg.js";
import { createPgDatabase, type PgDb } from "../../../src/store/postgres/database.js";
import { createPgDeliveriesRepo } from "../../../src/store/postgres/deliveries-pg.js";
import { migrateToLatest } from "../../../src/store/postgres/migrations.js";
import { createPgOutboxRepo } from "../../../src/store/postgres/outbox-pg.js";
import { createPgSurveyRepo } from "../../../src/store/postgres/survey-pg.js";
import { loadSurvey } from "../../../src/store/survey-catalog.js";
import { pollRef } from "../../../src/store/survey-repo.js";
import { usePgCluster } from "../../helpers/pg-cluster.js";

const NOW = new Date("2026-12-05T02:00:00.000Z");
const counted: string[] = [];
const campaign = {
  replaceSurveyForm: async (prefix: string, _records: unknown, alongside: (db: never) => unknown) => {
    counted.push(prefix);
    return alongside(undefined as never);
  },
} as unknown as CampaignRepo;

describe("communities on one PostgreSQL database", () => {
  const pg = usePgCluster();
  let db: PgDb | undefined;
  afterEach(async () => {
    await db?.destroy();
  });

  it("history, audience, conversations and survey stay within their community", async () => {
    db = createPgDatabase(await pg.freshDatabase(), { max: 2 });
    await migrateToLatest(db);
    const at = "2026-12-01T00:00:00.000Z";
    await db.insertInto("chats").values({ community: "a", id: 1, type: "private", subscribed: true, active: true, lang: "en", since: at, updated_at: at }).execute();
    await db.insertInto("roles").values({ community: "a", user_id: 1, role: "staff" }).execute();
    const { id } = await createPgOutboxRepo(db, "a", () => NOW).enqueue({ kind: "adhoc", key: "k", text: { zh: "甲", en: "A" }, recipients: [1], progress: { chatId: 1, lang: "en" } });
    await createPgDeliveriesRepo(db, "a").progressShown(id, 9);
    await createPgConversationRepo(db, "a").write("1", { step: 1 });
    const q = (await loadSurvey("data", new Set(["awareness_rate", "support_rate", "satisfaction_rate"]))) as Questionnaire;
    const surveyA = await createPgSurveyRepo(db, "a", () => NOW, { campaign, questionnaire: q });
    await surveyA.start(1, 1);
    await surveyA.pollSent(pollRef("r1", q.questions[0]!.id), 1, "poll-1");

    const history = createPgDeliveriesRepo(db, "b");
    expect(await history.recent(10)).toEqual([]);
    expect(await history.correctable(id)).toBeUndefined();
    expect(await history.ofSummary(1, 9)).toBeUndefined();
    expect(await history.keyTaken("k")).toBe(false);
    await history.saveCorrection(id, "changed");
    expect((await createPgDeliveriesRepo(db, "a").recent(1))[0]?.text.en).toBe("A");
    const audience = createPgAudienceRepo(db, "b");
    expect(await audience.subscribers()).toEqual([]);
    expect(await audience.staff()).toEqual([]);
    expect(await audience.languageOf(1)).toBe("zh");
    expect(await createPgConversationRepo(db, "b").read("1")).toBeUndefined();
    const surveyB = await createPgSurveyRepo(db, "b", () => NOW, { campaign, questionnaire: q });
    expect(await surveyB.openRound()).toBeUndefined();
    expect(await surveyB.nextRoundNumber()).toBe(1);
    expect(await surveyB.answer("poll-1", 1, [0])).toEqual({ kind: "unknown" });
    expect(await surveyB.close()).toBeUndefined();
    // the same round id and poll id in the other community are its own
    await surveyB.start(2, 1);
    await surveyB.pollSent(pollRef("r1", q.questions[0]!.id), 1, "poll-1");
    expect(await surveyB.answer("poll-1", 1, [0])).toMatchObject({ kind: "recorded", roundId: "r1" });
    expect((await surveyA.rounds())[0]?.respondents["1"]?.answers).toEqual({});
    expect((await surveyA.openRound())?.startedBy).toBe(1);
  });
});
