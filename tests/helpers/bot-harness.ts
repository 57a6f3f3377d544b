import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Bot, Composer } from "grammy";
import type { Message, Update } from "grammy/types";
import pino from "pino";
import type { BotContext } from "../../src/bot/context.js";
import { createBot } from "../../src/bot/create-bot.js";
import { createI18n } from "../../src/bot/i18n.js";
import type { Db } from "../../src/store/schema.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { createRecordingApi, parseHtml, type RecordingApi, type UpdateInput } from "../../tools/fake-bot-api/index.js";
import { createPeopleRepos } from "../../src/store/people-repos.js";

/** The real bot with some features, on a fresh store in a temp dir, answered by the recording API. */
export interface TestBot {
  store: Store;
  rec: RecordingApi;
  bot: Bot<BotContext>;
  /** Hands an update to the bot (numbering it) and waits until it is handled. */
  send(input: UpdateInput): Promise<void>;
  /** The last message the bot sent to a chat (throws when none). */
  lastSent(chatId: number): Message;
  close(): Promise<void>;
}

export interface TestBotOptions {
  now: () => Date;
  adminIds?: number[];
  timezone?: string;
  /** fills the store before the bot starts (roles, subscribers, …) */
  seed?: (db: Db) => void;
  features: (store: Store) => Composer<BotContext>[];
}

/** Builds a TestBot; close it in afterEach. */
export async function createTestBot(options: TestBotOptions): Promise<TestBot> {
  const dir = await mkdtemp(join(tmpdir(), "bot-test-"));
  const store = await openStore({ file: join(dir, "db.json") });
  if (options.seed) await store.write(options.seed, "durable");
  const rec = createRecordingApi();
  const bot = createBot({
    token: "123:TEST",
    botInfo: rec.botInfo,
    i18n: createI18n("locales"),
    deps: {
      ...createPeopleRepos(store, options.now),
      log: pino({ level: "silent" }),
      now: options.now,
      adminIds: options.adminIds ?? [1],
      timezone: options.timezone ?? "Asia/Shanghai",
    },
    features: options.features(store),
    transformers: [rec.transformer],
  });
  let nextUpdateId = 1;
  return {
    store,
    rec,
    bot,
    async send(input) {
      const update = { update_id: nextUpdateId++, ...input } as Update;
      rec.observeUpdate(update);
      await bot.handleUpdate(update);
    },
    lastSent(chatId) {
      const m = rec.sentMessages(chatId).at(-1);
      if (!m) throw new Error(`nothing sent to ${chatId}`);
      return m;
    },
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** What a user reads for an HTML text (throws on HTML Telegram would refuse). */
export function readHtml(html: string): string {
  const parsed = parseHtml(html);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value.text;
}

/** The callback data of every inline button under a message, in order. */
export function buttonData(m: Message): string[] {
  return (m.reply_markup?.inline_keyboard.flat() ?? []).map((b) => (b as { callback_data: string }).callback_data);
}
