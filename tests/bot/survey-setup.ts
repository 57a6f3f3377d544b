import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import pino from "pino";
import { createBot } from "../../src/bot/create-bot.js";
import { createCampaignFeature } from "../../src/bot/features/campaign.js";
import { createSurveyFeature } from "../../src/bot/features/survey.js";
import { createI18n } from "../../src/bot/i18n.js";
import { createOutbox } from "../../src/delivery/outbox.js";
import { createOutboxRepo } from "../../src/store/outbox-repo.js";
import { createSender, type Sender } from "../../src/delivery/sender.js";
import { createDeliveriesRepo } from "../../src/store/deliveries-repo.js";
import { loadCampaign } from "../../src/store/campaign-catalog.js";
import { createCampaignRepo, type CampaignRepo } from "../../src/store/campaign-repo.js";
import { subscribeChat } from "../../src/store/chats.js";
import { loadCompoundNames } from "../../src/store/compound-names.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { loadSurvey } from "../../src/store/survey-catalog.js";
import { createDraftsRepo } from "../../src/store/drafts-repo.js";
import { createSurveyRepo, type SurveyRepo } from "../../src/store/survey-repo.js";
import { createRecordingApi, makeUser, type RecordingApi, type UpdateInput } from "../../tools/fake-bot-api/index.js";
import { createTestTranslate } from "../helpers/fluent.js";
import { createChatsRepo } from "../../src/store/chats-repo.js";
import { createPeopleRepos } from "../../src/store/people-repos.js";

export const STAFF = 1;
export const NOW = new Date("2026-11-20T02:00:00Z");

export interface SurveyWorld {
  store: Store;
  rec: RecordingApi;
  campaign: CampaignRepo;
  surveys: SurveyRepo;
  sender: Sender;
  send(u: UpdateInput): Promise<void>;
  close(): Promise<void>;
}

/** Residents: id → compound (undefined: none chosen). */
export async function createSurveyWorld(residents: Record<number, string | undefined>): Promise<SurveyWorld> {
  const dir = await mkdtemp(join(tmpdir(), "survey-"));
  const store = await openStore({ file: join(dir, "db.json") });
  await store.write((db) => {
    db.roles[String(STAFF)] = "admin";
    for (const [id, compound] of Object.entries(residents)) {
      subscribeChat(db, { id: Number(id), type: "private" }, NOW);
      db.users[id] = { id: Number(id), firstName: `U${id}`, seenAt: NOW.toISOString(), ...(compound ? { compound } : {}) };
    }
    subscribeChat(db, { id: -200, type: "group", title: "Building 3" }, NOW);
  }, "durable");
  const loaded = await loadCampaign("data");
  const campaign = await createCampaignRepo({ store, ...loaded, timezone: "Asia/Shanghai", now: () => NOW });
  const rates = new Set(loaded.campaign.metrics.filter((m) => m.kind === "rate").map((m) => m.id));
  const surveys = createSurveyRepo({ store, campaign, questionnaire: await loadSurvey("data", rates), now: () => NOW });
  const rec = createRecordingApi();
  const outbox = createOutbox(createOutboxRepo(store, () => NOW));
  const bot = createBot({
    token: "123:TEST",
    botInfo: rec.botInfo,
    i18n: createI18n("locales"),
    deps: { ...createPeopleRepos(store, () => NOW), log: pino({ level: "silent" }), now: () => NOW, adminIds: [STAFF], timezone: "Asia/Shanghai" },
    features: [
      createSurveyFeature({ repo: surveys, chats: createChatsRepo(store), outbox, drafts: createDraftsRepo(store, () => NOW), compounds: await loadCompoundNames("data"), seedRate: 94, gate: (chatId, call) => sender.limited(chatId, () => call()) }),
      createCampaignFeature({ repo: campaign, campaign: loaded.campaign }),
    ],
    onForget: () => Promise.resolve(),
    transformers: [rec.transformer],
    rateLimit: false,
  });
  const sender: Sender = createSender({
    deliveries: createDeliveriesRepo(store),
    api: bot.api,
    log: pino({ level: "silent" }),
    now: () => NOW,
    rate: { perSecond: 1000, groupPerMinute: 20, concurrency: 4 },
    localeOf: (id) => store.data.users[String(id)]?.lang ?? "zh",
    translate: (l) => createTestTranslate(l),
    onSent: (b, chatId, m) => {
      if (b.poll?.ref && m.poll) void surveys.pollSent(b.poll.ref, chatId, m.poll.id);
    },
  });
  outbox.onEnqueued = () => sender.kick();
  let updateId = 1;
  return {
    store, rec, campaign, surveys, sender,
    async send(u) {
      const update = { update_id: updateId++, ...u } as Update;
      rec.observeUpdate(update);
      await bot.handleUpdate(update);
    },
    async close() {
      await sender.stop();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const resident = (id: number) => makeUser(id);
