import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { createChartRenderer, type ChartRenderer } from "../../src/bot/chart/progress-chart.js";
import { createBot } from "../../src/bot/create-bot.js";
import { createCampaignFeature } from "../../src/bot/features/campaign.js";
import { createQuestionsFeature } from "../../src/bot/features/questions.js";
import { createI18n } from "../../src/bot/i18n.js";
import type { Locale } from "../../src/domain/translate.js";
import { loadCampaign } from "../../src/store/campaign-catalog.js";
import { createCampaignRepo, type CampaignRepo } from "../../src/store/campaign-repo.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { createRecordingApi, type RecordingApi, type UpdateInput } from "../../tools/fake-bot-api/index.js";
import { createPeopleRepos } from "../../src/store/people-repos.js";

export const STAFF_ID = 1;
export const NOW = new Date("2026-11-10T04:00:00Z");

export interface Harness {
  rec: RecordingApi;
  store: Store;
  repo: CampaignRepo;
  send(u: UpdateInput): Promise<void>;
  /** Texts the bot sent to a chat since the last call. */
  replies(chatId: number): string[];
  close(): Promise<void>;
}

/** The real bot (createBot) with the campaign feature and the questions fallback, on a temp store. */
export async function createHarness(options: { chart?: boolean | ChartRenderer; nextNotice?: (id: string | undefined, l: Locale) => Promise<string | undefined> } = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), "campaign-bot-"));
  const store = await openStore({ file: join(dir, "db.json") });
  await store.write((db) => void (db.roles[String(STAFF_ID)] = "admin"), "durable");
  const loaded = await loadCampaign("data");
  const repo = await createCampaignRepo({ store, ...loaded, timezone: "Asia/Shanghai", now: () => NOW });
  const rec = createRecordingApi();
  const bot = createBot({
    token: "123:TEST",
    botInfo: rec.botInfo,
    i18n: createI18n("locales"),
    deps: { ...createPeopleRepos(store, () => NOW), log: pino({ level: "silent" }), now: () => NOW, adminIds: [STAFF_ID], timezone: "Asia/Shanghai" },
    features: [createCampaignFeature({ repo, campaign: loaded.campaign, ...(options.chart ? { chart: typeof options.chart === "function" ? options.chart : createChartRenderer() } : {}) })],
    fallback: createQuestionsFeature({ repo, campaign: loaded.campaign, nextNoticeAnswer: options.nextNotice ?? (async () => undefined) }),
    transformers: [rec.transformer],
  });
  let updateId = 1;
  const seen = new Map<number, number>();
  return {
    rec,
    store,
    repo,
    send: (u) => bot.handleUpdate({ update_id: updateId++, ...u } as Update),
    replies(chatId) {
      const all = rec.sentMessages(chatId);
      const from = seen.get(chatId) ?? 0;
      seen.set(chatId, all.length);
      return all.slice(from).map((m) => m.text ?? m.caption ?? "");
    },
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
