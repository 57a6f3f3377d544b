import type { Bot } from "grammy";
import type { Message, Update } from "grammy/types";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { createBot } from "../../src/bot/create-bot.js";
import { createBroadcastFeature } from "../../src/bot/features/broadcast.js";
import { createDraftsRepo } from "../../src/store/drafts-repo.js";
import { createI18n } from "../../src/bot/i18n.js";
import { createOutbox } from "../../src/delivery/outbox.js";
import { createOutboxRepo } from "../../src/store/outbox-repo.js";
import { deactivateChat, subscribeChat } from "../../src/store/chats.js";
import type { Store } from "../../src/store/engine/store.js";
import {
  callbackQuery,
  command,
  makeUser,
  parseHtml,
  type RecordingApi,
  type UpdateInput,
} from "../../tools/fake-bot-api/index.js";
import { createTestBot, type TestBot } from "../helpers/bot-harness.js";
import { createTestTranslate } from "../helpers/fluent.js";
import { createChatsRepo } from "../../src/store/chats-repo.js";
import { createPeopleRepos } from "../../src/store/people-repos.js";

const ADMIN = 1;
const STAFF = 2;
const OTHER_STAFF = 3;
const NOW = new Date("2026-11-20T02:00:00.000Z");
const zh = createTestTranslate("zh");
const en = createTestTranslate("en");

let h: TestBot;
let store: Store;
let rec: RecordingApi;
let bot: Bot<BotContext>;

function build(): Bot<BotContext> {
  return createBot({
    token: "123:TEST",
    botInfo: rec.botInfo,
    i18n: createI18n("locales"),
    deps: { ...createPeopleRepos(store, () => NOW), log: pino({ level: "silent" }), now: () => NOW, adminIds: [ADMIN], timezone: "Asia/Shanghai" },
    features: [createBroadcastFeature({ outbox: createOutbox(createOutboxRepo(store, () => NOW)), chats: createChatsRepo(store), drafts: createDraftsRepo(store, () => NOW) })],
    transformers: [rec.transformer],
  });
}

beforeEach(async () => {
  h = await createTestBot({
    now: () => NOW,
    adminIds: [ADMIN],
    seed: (db) => {
      db.roles[String(ADMIN)] = "admin";
      db.roles[String(STAFF)] = "staff";
      db.roles[String(OTHER_STAFF)] = "staff";
      subscribeChat(db, { id: 100, type: "private" }, NOW);
      subscribeChat(db, { id: -200, type: "group", title: "Building 3" }, NOW);
      subscribeChat(db, { id: 101, type: "private" }, NOW);
      deactivateChat(db, 101, "blocked", NOW);
    },
    features: (s) => [createBroadcastFeature({ outbox: createOutbox(createOutboxRepo(s, () => NOW)), chats: createChatsRepo(s), drafts: createDraftsRepo(s, () => NOW) })],
  });
  ({ store, rec, bot } = h);
});

afterEach(() => h.close());

let nextUpdateId = 1000;
/** Hands an update to the current bot (tests rebuild it to simulate a restart). */
async function send(input: UpdateInput): Promise<void> {
  const update = { update_id: nextUpdateId++, ...input } as Update;
  rec.observeUpdate(update);
  await bot.handleUpdate(update);
}

const staff = makeUser(STAFF, { language_code: "en" });
const lastSent = (chatId: number): Message => {
  const m = rec.sentMessages(chatId).at(-1);
  if (!m) throw new Error(`nothing sent to ${chatId}`);
  return m;
};
const buttons = (m: Message): string[] =>
  (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => ("callback_data" in b ? b.callback_data : ""));
const answers = (): string[] =>
  rec.calls.filter((c) => c.method === "answerCallbackQuery").map((c) => String(c.params.text ?? ""));
const broadcasts = () => Object.values(store.data.broadcasts);

const TYPED = "<b>&*_. 停水通知\nline two <i>not italic</i>\n\n  indented & last";

describe("/broadcast", () => {
  it("refuses non-staff and enqueues nothing", async () => {
    const resident = makeUser(100);
    await send(command(resident, "/broadcast", "hello everyone"));
    expect(lastSent(100).text).toBe(zh("core-staff-only"));
    expect(rec.sentMessages(100)).toHaveLength(1);
    expect(broadcasts()).toEqual([]);
  });

  it("answers an empty /broadcast with the usage", async () => {
    await send(command(staff, "/broadcast"));
    expect(lastSent(STAFF).text).toBe(en("broadcast-usage"));
    await send(command(staff, "/broadcast", "   "));
    expect(rec.sentMessages(STAFF).map((m) => m.text)).toEqual([en("broadcast-usage"), en("broadcast-usage")]);
    expect(broadcasts()).toEqual([]);
  });

  it("previews the text exactly as typed, multi-line, with short Confirm / Cancel buttons; nothing is enqueued yet", async () => {
    await send(command(staff, "/broadcast", TYPED));
    const preview = lastSent(STAFF);
    const header = parseHtml(en("broadcast-preview", { count: 2 }));
    if (!header.ok) throw new Error("bad header");
    expect(preview.text).toBe(`${header.value.text}\n\n${TYPED}`);
    const data = buttons(preview);
    expect(data).toHaveLength(2);
    expect(data[0]).toMatch(/^bc:ok:/);
    expect(data[1]).toMatch(/^bc:no:/);
    for (const d of data) expect(Buffer.byteLength(d)).toBeLessThanOrEqual(64);
    expect(broadcasts()).toEqual([]);
  });

  it("Confirm enqueues one adhoc broadcast to the active subscribers, escaped as typed; a second Confirm enqueues nothing", async () => {
    await send(command(staff, "/broadcast", TYPED));
    const preview = lastSent(STAFF);
    const ok = buttons(preview)[0]!;
    await send(callbackQuery(staff, ok, preview));
    expect(broadcasts()).toHaveLength(1);
    const [b] = broadcasts();
    expect(b).toMatchObject({ kind: "adhoc", createdBy: STAFF, progress: { chatId: STAFF, lang: "en" }, status: "sending" });
    expect(Object.keys(b!.recipients).sort()).toEqual(["-200", "100"]);
    expect(b!.text.zh).toBe(b!.text.en);
    const parsed = parseHtml(b!.text.zh);
    expect(parsed.ok && parsed.value.text).toBe(TYPED);
    expect(parsed.ok && parsed.value.entities).toEqual([]);

    const edited = lastSent(STAFF);
    expect(edited.message_id).toBe(preview.message_id);
    expect(edited.text).toBe(`${en("broadcast-sending", { count: 2 })}\n\n${TYPED}`);
    expect(buttons(edited)).toEqual([]);

    await send(callbackQuery(staff, ok, preview));
    expect(broadcasts()).toHaveLength(1);
    expect(answers().at(-1)).toBe(en("broadcast-already-sent"));
  });

  it("two Confirm presses at the same time still enqueue once", async () => {
    await send(command(staff, "/broadcast", "水管检修"));
    const preview = lastSent(STAFF);
    const ok = buttons(preview)[0]!;
    await Promise.all([send(callbackQuery(staff, ok, preview)), send(callbackQuery(staff, ok, preview))]);
    expect(broadcasts()).toHaveLength(1);
  });

  it("only the staff member who wrote the draft can confirm it; a resident is refused", async () => {
    await send(command(staff, "/broadcast", "hello"));
    const preview = lastSent(STAFF);
    const ok = buttons(preview)[0]!;
    await send(callbackQuery(makeUser(OTHER_STAFF), ok, preview));
    await send(callbackQuery(makeUser(100), ok, preview));
    expect(answers()).toEqual([zh("broadcast-not-yours"), zh("core-staff-only")]);
    expect(broadcasts()).toEqual([]);
    await send(callbackQuery(staff, ok, preview));
    expect(broadcasts()).toHaveLength(1);
  });

  it("Cancel sends nothing, and the draft cannot be confirmed afterwards", async () => {
    await send(command(staff, "/broadcast", "hello"));
    const preview = lastSent(STAFF);
    const [ok, no] = buttons(preview);
    await send(callbackQuery(staff, no!, preview));
    expect(lastSent(STAFF).text).toBe(`${en("broadcast-cancelled")}\n\nhello`);
    await send(callbackQuery(staff, ok!, preview));
    expect(answers().at(-1)).toBe(en("broadcast-expired"));
    expect(broadcasts()).toEqual([]);
  });

  it("after a restart an unconfirmed draft still works (it is in the store): Confirm sends it, once", async () => {
    await send(command(staff, "/broadcast", "hello"));
    const preview = lastSent(STAFF);
    bot = build(); // a new process over the same store
    await send(callbackQuery(staff, buttons(preview)[0]!, preview));
    expect(broadcasts()).toHaveLength(1);
    bot = build();
    await send(callbackQuery(staff, buttons(preview)[0]!, preview));
    expect(answers().at(-1)).toBe(en("broadcast-already-sent"));
    expect(broadcasts()).toHaveLength(1);
  });
});
