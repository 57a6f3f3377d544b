/** The whole app (createApp) on a temp store, answered by the recording API, at a settable clock. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import pino from "pino";
import { createApp, type App } from "../../src/app.js";
import { htmlParseMode } from "../../src/bot/parse-mode.js";
import { parseConfig } from "../../src/config.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { seedAdmins } from "../../src/store/users.js";
import { createRecordingApi, type RecordingApi, type UpdateInput } from "../../tools/fake-bot-api/index.js";

export interface AppHarness {
  app: App;
  store: Store;
  rec: RecordingApi;
  clock: { now: Date };
  send(u: UpdateInput): Promise<void>;
  /** Texts (or captions) the bot sent to a chat since the last call. */
  replies(chatId: number): string[];
  /** The documents sent so far, by file name, as UTF-8 text without the BOM. */
  documents(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function createAppHarness(now: Date, adminIds = "1"): Promise<AppHarness> {
  const dir = await mkdtemp(join(tmpdir(), "app-harness-"));
  const config = parseConfig({ BOT_TOKEN: "123:TEST", DB_FILE: join(dir, "db.json"), DATA_DIR: "data", ADMIN_IDS: adminIds });
  const store = await openStore({ file: config.dbFile });
  await store.write((db) => seedAdmins(db, config.adminIds), "durable");
  const clock = { now };
  const app = await createApp({ config, store, log: pino({ level: "silent" }), now: () => clock.now });
  const rec = createRecordingApi();
  app.bot.api.config.use(rec.transformer);
  app.bot.api.config.use(htmlParseMode());
  app.bot.botInfo = rec.botInfo;
  let updateId = 1;
  const seen = new Map<number, number>();
  return {
    app,
    store,
    rec,
    clock,
    async send(u) {
      const update = { update_id: updateId++, ...u } as Update;
      rec.observeUpdate(update);
      await app.bot.handleUpdate(update);
    },
    replies(chatId) {
      const all = rec.calls.filter((c) => ["sendMessage", "sendPhoto", "sendDocument"].includes(c.method) && c.params.chat_id === chatId);
      const from = seen.get(chatId) ?? 0;
      seen.set(chatId, all.length);
      return all.slice(from).map((c) => String(c.params.text ?? c.params.caption ?? ""));
    },
    async documents() {
      const files: Record<string, string> = {};
      for (const d of rec.calls.filter((c) => c.method === "sendDocument")) {
        const input = d.params.document as { filename?: string; toRaw(): Promise<Uint8Array> };
        files[input.filename ?? ""] = Buffer.from(await input.toRaw()).toString("utf8").replace(/^\uFEFF/, "");
      }
      return files;
    },
    async close() {
      app.stopFeatures();
      await app.scheduler.stop();
      await app.sender.stop();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
