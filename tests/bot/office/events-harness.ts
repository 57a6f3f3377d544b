/**
 * The whole app on a temp store that can be restarted (closed and opened again on the same files),
 * its sender started as main starts it. Every Bot API call, the bot's and the sender's, is answered
 * and recorded by one recording API through the app's `fetch`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message, Update } from "grammy/types";
import pino from "pino";
import { createApp, type App } from "../../../src/app.js";
import { signupCallbackData } from "../../../src/domain/signups/buttons.js";
import { parseConfig } from "../../../src/config.js";
import { openStore, type Store } from "../../../src/store/engine/store.js";
import { subscribeChat } from "../../../src/store/chats.js";
import { seedAdmins, touchUser } from "../../../src/store/users.js";
import { buttonData, readHtml } from "../../helpers/bot-harness.js";
import { createRecordingApi, createRecordingFetch, type RecordingApi, type UpdateInput } from "../../../tools/fake-bot-api/index.js";

export interface EventsHarness {
  app: App;
  store: Store;
  rec: RecordingApi;
  clock: { now: Date };
  send(u: UpdateInput): Promise<void>;
  /** The last message the bot sent to a chat. */
  last(chatId: number): Message;
  /** Every message the bot sent to a chat and has not deleted, as read (current version), oldest first. */
  texts(chatId: number): string[];
  /** The copy of an occurrence's announcement the sender delivered to a chat, with its sign-up buttons (waits for the sender). */
  copyOf(chatId: number, occurrenceId: string): Promise<Message>;
  /** Closes everything and opens the same store and data again (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Staff 2 (English), residents 100… subscribed (the first in liudong when `compounds`). */
export async function createEventsHarness(now: Date, residents: number[] = []): Promise<EventsHarness> {
  const dir = await mkdtemp(join(tmpdir(), "events-harness-"));
  const config = parseConfig({ BOT_TOKEN: "123:TEST", DB_FILE: join(dir, "db.json"), DATA_DIR: "data", ADMIN_IDS: "1" });
  const clock = { now };
  let updateId = 1;
  // one recording API across restarts: Telegram keeps the messages the bot sent before
  const rec = createRecordingApi();
  const open = async () => {
    const store = await openStore({ file: config.dbFile });
    const app = await createApp({ config, store, log: pino({ level: process.env.EVENTS_LOG ?? "silent" }), now: () => clock.now, fetch: createRecordingFetch(rec) });
    app.bot.botInfo = rec.botInfo;
    app.sender.start();
    return { store, app };
  };
  let parts = await open();
  await parts.store.write((db) => {
    seedAdmins(db, config.adminIds);
    db.roles["2"] = "staff";
    for (const id of residents) {
      subscribeChat(db, { id, type: "private" }, clock.now);
      touchUser(db, { id, first_name: `R${id}` }, clock.now);
    }
  }, "durable");
  const stop = async () => {
    parts.app.stopFeatures();
    await parts.app.scheduler.stop();
    await parts.app.sender.stop();
    await parts.store.close();
  };
  const h: EventsHarness = {
    ...parts,
    rec,
    clock,
    async send(u) {
      const update = { update_id: updateId++, ...u } as Update;
      h.rec.observeUpdate(update);
      await h.app.bot.handleUpdate(update);
    },
    last(chatId) {
      const m = h.rec.sentMessages(chatId).at(-1);
      if (!m) throw new Error(`nothing sent to ${chatId}`);
      return m;
    },
    texts(chatId) {
      return h.rec.sentMessages(chatId).map((m) => readHtml(m.text ?? m.caption ?? ""));
    },
    async copyOf(chatId, occurrenceId) {
      await h.app.sender.idle();
      const copy = h.rec.sentMessages(chatId).find((m) => buttonData(m).includes(signupCallbackData("join", occurrenceId)));
      if (!copy) throw new Error(`no announcement of ${occurrenceId} delivered to ${chatId}`);
      return copy;
    },
    async restart() {
      await stop();
      parts = await open();
      Object.assign(h, parts);
    },
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return h;
}
