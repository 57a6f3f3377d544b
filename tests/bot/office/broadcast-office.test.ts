import type { Message, Update } from "grammy/types";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBroadcastFeature } from "../../../src/bot/features/broadcast.js";
import { createDraftsRepo } from "../../../src/store/drafts-repo.js";
import { createEventsFeature } from "../../../src/bot/features/events.js";
import type { NoticesRepo } from "../../../src/store/notices-repo.js";

import { createOutbox } from "../../../src/delivery/outbox.js";
import { createOutboxRepo } from "../../../src/store/outbox-repo.js";
import { createScheduledBroadcastJob } from "../../../src/schedule/scheduled-broadcasts.js";
import { subscribeChat } from "../../../src/store/chats.js";
import { loadCompounds } from "../../../src/store/compound-catalog.js";
import { createCompoundsRepo } from "../../../src/store/compounds-repo.js";
import { createScheduledRepo } from "../../../src/store/scheduled-repo.js";
import { openStore } from "../../../src/store/engine/store.js";
import { touchUser } from "../../../src/store/users.js";
import { callbackQuery, command, makeUser, photoMessage } from "../../../tools/fake-bot-api/index.js";
import { createTestBot, readHtml, type TestBot } from "../../helpers/bot-harness.js";
import { createTestTranslate } from "../../helpers/fluent.js";
import { createWorld, enqueue } from "../../delivery/setup.js";
import { createChatsRepo } from "../../../src/store/chats-repo.js";

/** /events with no notices: only the waiting broadcasts are listed (their buttons come first). */
const noNotices = { list: async () => [], get: async () => undefined } as unknown as NoticesRepo;

const clock = { now: new Date("2026-12-05T02:00:00.000Z") }; // 10:00 in Shanghai
const STAFF = 2;
const staff = makeUser(STAFF, { language_code: "en" });
let h: TestBot;

beforeEach(async () => {
  const seeded = await loadCompounds("data");
  h = await createTestBot({
    now: () => clock.now,
    seed: (db) => {
      db.roles[String(STAFF)] = "staff";
      for (const [id, compound] of [[100, "liudong"], [101, "liuhe40"], [102, undefined]] as const) {
        subscribeChat(db, { id, type: "private" }, clock.now);
        touchUser(db, { id, first_name: `R${id}` }, clock.now);
        if (compound) db.users[String(id)]!.compound = compound;
      }
      subscribeChat(db, { id: -300, type: "group", title: "B3" }, clock.now);
      db.chats["-300"]!.compound = "liudong";
    },
    features: (store) => {
      const compounds = createCompoundsRepo(store, seeded, () => clock.now);
      const scheduled = createScheduledRepo(store, () => clock.now);
      return [createBroadcastFeature({ outbox: createOutbox(createOutboxRepo(store, () => clock.now)), chats: createChatsRepo(store), compounds, scheduled, drafts: createDraftsRepo(store, () => clock.now) }), createEventsFeature({ scheduled, compounds, notices: noNotices })];
    },
  });
  clock.now = new Date("2026-12-05T02:00:00.000Z");
});
afterEach(() => h.close());

const ok = (m: Message) => (m.reply_markup?.inline_keyboard.flat()[0] as { callback_data: string }).callback_data;
const text = (): string => readHtml(h.lastSent(STAFF).text ?? "");

describe("/broadcast to= and at=", () => {
  it("to= reaches only the residents and groups of that compound; the preview says how many", async () => {
    await h.send(command(staff, "broadcast", "to=柳东新村 明天9:00–12:00停水"));
    expect(text()).toContain("“Liudong New Village”: 2 subscribers");
    expect(Object.keys(h.store.data.broadcasts)).toHaveLength(0);
    await h.send(callbackQuery(staff, ok(h.lastSent(STAFF)), h.lastSent(STAFF)));
    const [b] = Object.values(h.store.data.broadcasts);
    expect(Object.keys(b!.recipients).sort()).toEqual(["-300", "100"]);
    expect(b!.text.zh).toBe("明天9:00–12:00停水");
  });

  it("to= a compound nobody has subscribed from says so, with no Confirm and no draft; with at= it can be kept", async () => {
    await h.send(command(staff, "broadcast", "to=chengguan 明天停电"));
    expect(text()).toContain("no resident or group of “City Management Apartments” has subscribed yet");
    expect(h.lastSent(STAFF).reply_markup).toBeUndefined();
    expect(Object.keys(h.store.data.office.drafts)).toHaveLength(0);
    await h.send(command(staff, "broadcast", "to=liuhe40 明天停电"));
    expect(text()).toContain("“No. 40 Liuhe Road”: 1 subscriber (");
    await h.send(command(staff, "broadcast", "to=chengguan at=2026-12-06 09:00 明天停电"));
    expect(text()).toContain("0 subscribers");
    expect(ok(h.lastSent(STAFF))).toMatch(/^bc:ok:/);
  });

  it("gives a clear error for unknown compounds, bad or past times, a doubled option", async () => {
    await h.send(command(staff, "broadcast", "to=atlantis hello"));
    expect(text()).toContain("No compound named: atlantis");
    await h.send(command(staff, "broadcast", "at=2026-13-01 19:00 hello"));
    expect(text()).toContain('cannot read the time "2026-13-01 19:00"');
    await h.send(command(staff, "broadcast", "at=2026-12-05 09:00 hello"));
    expect(text()).toContain("has passed already");
    await h.send(command(staff, "broadcast", "to=liudong to=liuhe40 hello"));
    expect(text()).toContain('"to=" is given twice');
    await h.send(command(makeUser(100), "broadcast", "to=liudong hi"));
    expect(readHtml(h.lastSent(100).text ?? "")).toBe(createTestTranslate("zh")("core-staff-only"));
    expect(Object.keys(h.store.data.broadcasts)).toHaveLength(0);
  });

  it("at= keeps it in the store and sends it once at its time, also after a restart", async () => {
    await h.send(command(staff, "broadcast", "at=2026-12-05 19:00 to=liuhe40 今晚停电检修"));
    expect(text()).toContain("sent at Sat 5 Dec, 19:00 (community time), not now");
    expect(text()).toContain("more than 6 hours late, it is not sent");
    await h.send(callbackQuery(staff, ok(h.lastSent(STAFF)), h.lastSent(STAFF)));
    expect(text()).toContain("Confirmed: it will be sent at Sat 5 Dec, 19:00 (no. s1)");
    expect(Object.keys(h.store.data.broadcasts)).toHaveLength(0);
    expect(h.store.data.office.scheduled.s1).toMatchObject({ status: "waiting", at: "2026-12-05T11:00:00.000Z", to: ["liuhe40"], text: "今晚停电检修" });
    // /events lists it with a cancel button; cancelling keeps it from going out
    await h.send(command(staff, "events"));
    const list = h.lastSent(STAFF);
    expect(text()).toContain("s1 · Sat 5 Dec, 19:00 · No. 40 Liuhe Road · 今晚停电检修");
    await h.send(callbackQuery(makeUser(100), ok(list), list));
    expect(h.store.data.office.scheduled.s1?.status).toBe("waiting");
    await h.send(callbackQuery(staff, ok(list), list));
    expect(h.store.data.office.scheduled.s1?.status).toBe("cancelled");
    expect(text()).toContain("No notices are waiting");
  });

  it("a photo whose caption is /broadcast is previewed and sent as that photo", async () => {
    const caption = "/broadcast to=liudong 文明社区行海报";
    const update = {
      message: {
        message_id: 77, date: 1, chat: { id: STAFF, type: "private", first_name: "S" }, from: staff,
        photo: [{ file_id: "small", file_unique_id: "s", width: 90, height: 90 }, { file_id: "POSTER", file_unique_id: "p", width: 800, height: 600 }],
        caption, caption_entities: [{ type: "bot_command", offset: 0, length: 10 }],
      },
    } as unknown as Omit<Update, "update_id">;
    await h.send(update);
    const photo = h.rec.calls.find((c) => c.method === "sendPhoto");
    expect(photo?.params).toMatchObject({ chat_id: STAFF, photo: "POSTER", caption: "文明社区行海报" });
    expect(text()).toContain("2 subscribers");
    await h.send(callbackQuery(staff, ok(h.lastSent(STAFF)), h.lastSent(STAFF)));
    const [b] = Object.values(h.store.data.broadcasts);
    expect(b).toMatchObject({ media: { type: "photo", fileId: "POSTER" }, text: { zh: "文明社区行海报" } });
    expect(Object.keys(b!.recipients).sort()).toEqual(["-300", "100"]);
  });
});

describe("scheduled broadcasts", () => {
  it("go out once at their time across a restart; one found too late is dropped and its author told", async () => {
    const { mkdtemp, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = await mkdtemp(join(tmpdir(), "sched-"));
    const file = join(dir, "db.json");
    let store = await openStore({ file });
    await store.write((db) => {
      subscribeChat(db, { id: 100, type: "private" }, clock.now);
      subscribeChat(db, { id: 101, type: "private" }, clock.now);
    }, "durable");
    const progress = { chatId: STAFF, lang: "en" as const };
    await createScheduledRepo(store, () => clock.now).schedule({ at: "2026-12-05T11:00:00.000Z", createdBy: STAFF, text: "tonight", progress });
    await createScheduledRepo(store, () => clock.now).schedule({ at: "2026-12-05T03:00:00.000Z", createdBy: STAFF, text: "noon", progress });
    await store.close();
    store = await openStore({ file }); // the restart
    const seeded = await loadCompounds("data");
    const job = () =>
      createScheduledBroadcastJob({
        scheduled: createScheduledRepo(store, () => clock.now),
        compounds: createCompoundsRepo(store, seeded),
        outbox: createOutbox(createOutboxRepo(store, () => clock.now)),
        render: (l) => createTestTranslate(l),
        log: pino({ level: "silent" }),
      });
    await job()(new Date("2026-12-05T10:59:00.000Z")); // "noon" is 8 hours late: dropped, author told
    let all = Object.values(store.data.broadcasts);
    expect(all.map((b) => [b.kind, Object.keys(b.recipients)])).toEqual([["report", [String(STAFF)]]]);
    expect(store.data.office.scheduled.s2?.status).toBe("late");
    await job()(new Date("2026-12-05T11:00:00.000Z"));
    await job()(new Date("2026-12-05T11:01:00.000Z"));
    all = Object.values(store.data.broadcasts).filter((b) => b.kind === "adhoc");
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ key: "at:s1", text: { zh: "tonight" }, progress });
    expect(Object.keys(all[0]!.recipients).sort()).toEqual(["100", "101"]);
    expect(store.data.office.scheduled.s1?.status).toBe("sent");
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("the sender sends a poster as a photo by file_id and keeps each message id", async () => {
    const w = await createWorld([100, 101]);
    // the fake API, like Telegram, only sends a file_id it handed out: the staff member's photo
    const input = photoMessage(makeUser(9), "/broadcast poster");
    w.rec.observeUpdate({ update_id: 1, ...input } as Update);
    const poster = (input.message as Message).photo!.at(-1)!.file_id;
    await enqueue(w, { recipients: [100, 101], media: { type: "photo", fileId: poster }, progress: { chatId: 9, lang: "en" } });
    await w.sender.idle();
    const photos = w.rec.calls.filter((c) => c.method === "sendPhoto");
    expect(photos.map((c) => [c.params.chat_id, c.params.photo, c.params.caption])).toEqual([
      [100, poster, "<b>通知</b> 周六卫生日"],
      [101, poster, "<b>通知</b> 周六卫生日"],
    ]);
    const b = Object.values(w.store.data.broadcasts)[0]!;
    expect(Object.values(b.recipients).every((r) => r.s === "s" && typeof r.mid === "number")).toBe(true);
    await w.close();
  });
});
