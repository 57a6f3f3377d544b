/**
 * The whole app (createApp) on a temp store, at a settable clock, its sender started as main starts
 * it. Every Bot API call, the bot's and the sender's, is answered and recorded by one recording API
 * through the app's `fetch` (see tools/fake-bot-api/recording-fetch.ts).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import pino from "pino";
import { createApp, type App } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { seedAdmins } from "../../src/store/users.js";
import { createRecordingApi, createRecordingFetch, type RecordingApi, type UpdateInput, type UploadedFile } from "../../tools/fake-bot-api/index.js";

export interface AppHarness {
  app: App;
  store: Store;
  rec: RecordingApi;
  clock: { now: Date };
  send(u: UpdateInput): Promise<void>;
  /** Texts (or captions) the bot sent to a chat since the last call. */
  replies(chatId: number): string[];
  /** The documents sent so far, by file name, as UTF-8 text without the BOM. */
  documents(): Record<string, string>;
  close(): Promise<void>;
}

/** `env`: more settings (DISTRICT_IDS, …) over the harness's own. */
export async function createAppHarness(now: Date, adminIds = "1", env: Record<string, string> = {}): Promise<AppHarness> {
  const dir = await mkdtemp(join(tmpdir(), "app-harness-"));
  const config = parseConfig({ BOT_TOKEN: "123:TEST", DB_FILE: join(dir, "db.json"), DATA_DIR: "data", ADMIN_IDS: adminIds, ...env });
  const store = await openStore({ file: config.dbFile });
  await store.write((db) => seedAdmins(db, config.adminIds), "durable");
  const clock = { now };
  const rec = createRecordingApi();
  const app = await createApp({ config, store, log: pino({ level: "silent" }), now: () => clock.now, fetch: createRecordingFetch(rec) });
  app.bot.botInfo = rec.botInfo;
  app.sender.start();
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
      const all = rec.calls.filter((c) => ["sendMessage", "sendPhoto", "sendDocument"].includes(c.method) && String(c.params.chat_id) === String(chatId)); // an upload's fields are strings
      const from = seen.get(chatId) ?? 0;
      seen.set(chatId, all.length);
      return all.slice(from).map((c) => String(c.params.text ?? c.params.caption ?? ""));
    },
    documents() {
      const files: Record<string, string> = {};
      for (const d of rec.calls.filter((c) => c.method === "sendDocument")) {
        const file = d.params.document as UploadedFile;
        files[file.filename] = file.bytes.toString("utf8").replace(/^\uFEFF/, "");
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
