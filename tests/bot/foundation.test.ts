import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Composer, type Bot } from "grammy";
import type { Message, Update } from "grammy/types";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { createBot } from "../../src/bot/create-bot.js";
import { staffOnly } from "../../src/bot/guards.js";
import { createI18n } from "../../src/bot/i18n.js";
import { storePaths } from "../../src/store/engine/load.js";
import type { Db, StoredSignupEvent } from "../../src/store/schema.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { seedAdmins } from "../../src/store/users.js";
import {
  callbackQuery,
  command,
  createRecordingApi,
  errors,
  makeGroup,
  makeUser,
  migrateToChat,
  myChatMember,
  privateMessage,
  type RecordingApi,
  type UpdateInput,
} from "../../tools/fake-bot-api/index.js";
import { createTestTranslate } from "../helpers/fluent.js";
import { readStoreFiles } from "../helpers/store-files.js";
import { createPeopleRepos } from "../../src/store/people-repos.js";

const ADMIN = 1;
const NOW = new Date("2026-03-02T08:00:00.000Z");
const zh = createTestTranslate("zh");
const en = createTestTranslate("en");

let dir: string;
let store: Store;
let rec: RecordingApi;
let bot: Bot<BotContext>;
let nextUpdateId = 1;
let rolesChanged: number[];

/** A feature only staff may use, to see the staffOnly guard at work. */
const staffProbe = new Composer<BotContext>();
staffProbe.command("probe", staffOnly, async (ctx) => {
  await store.write((db) => void (db.enqueued.probe = "ran"), "durable");
  await ctx.reply("probe ran");
});
staffProbe.callbackQuery("probe", staffOnly, (ctx) => ctx.answerCallbackQuery("ran"));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "foundation-"));
  store = await openStore({ file: join(dir, "db.json") });
  await store.write((db) => seedAdmins(db, [ADMIN]), "durable");
  rec = createRecordingApi();
  rolesChanged = [];
  bot = createBot({
    token: "123:TEST",
    botInfo: rec.botInfo,
    i18n: createI18n("locales"),
    deps: {
      ...createPeopleRepos(store, () => NOW),
      log: pino({ level: "silent" }),
      now: () => NOW,
      adminIds: [ADMIN],
      timezone: "Asia/Shanghai",
      onRolesChanged: async (id) => void rolesChanged.push(id),
    },
    features: [staffProbe],
    transformers: [rec.transformer],
  });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function send(input: UpdateInput): Promise<Update> {
  const update = { update_id: nextUpdateId++, ...input } as Update;
  rec.observeUpdate(update);
  await bot.handleUpdate(update);
  return update;
}

/** Texts the bot sent (sendMessage) since `from` calls, optionally to one chat. */
function texts(chatId?: number, from = 0): string[] {
  return rec.calls
    .slice(from)
    .filter((c) => c.method === "sendMessage" && (chatId === undefined || Number(c.params.chat_id) === chatId))
    .map((c) => String(c.params.text));
}
const lastText = (chatId?: number): string => texts(chatId).at(-1) ?? "";
/** The document and the sign-up events as the store's files hold them. */
const onDisk = async (): Promise<Db & { events: StoredSignupEvent[] }> => {
  const { db, events } = await readStoreFiles(join(dir, "db.json"));
  return { ...db, events };
};
/** The raw text of every file of the store (snapshot, backup, journals, sign-up log). */
const rawFiles = async (): Promise<string> => {
  const paths = storePaths(join(dir, "db.json"));
  const files = [paths.snapshot, `${paths.snapshot}.bak`, paths.journal, paths.previous, paths.signups].filter((f) => existsSync(f));
  return (await Promise.all(files.map((f) => readFile(f, "utf8")))).join("\n");
};
const lastSent = (chatId: number): Message => {
  const m = rec.sentMessages(chatId).at(-1);
  if (!m) throw new Error(`nothing sent to ${chatId}`);
  return m;
};

describe("/start, languages, /stop", () => {
  it("greets a zh user in Chinese, subscribes, and saves it to disk before answering", async () => {
    const user = makeUser(100, { first_name: "王芳", language_code: "zh-hans" });
    await send(command(user, "/start"));
    expect(lastText(100)).toBe(zh("core-welcome", { name: "王芳", community: "社区" }));
    const disk = await onDisk();
    expect(disk.chats["100"]).toMatchObject({ id: 100, type: "private", subscribed: true, active: true, since: NOW.toISOString() });
    expect(disk.users["100"]).toMatchObject({ id: 100, firstName: "王芳" });
    const buttons = rec.calls.at(-1)?.params.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    expect(buttons.inline_keyboard.flat().map((b) => b.callback_data)).toEqual(["lang:zh", "lang:en"]);
    expect(rec.calls.at(-1)?.params.parse_mode).toBe("HTML");
  });

  it("a reply survives a passing 502 and a short 429: it is retried, not lost", async () => {
    rec.failNext("sendMessage", errors.badGateway());
    await send(command(makeUser(130, { first_name: "A", language_code: "zh" }), "/start"));
    expect(lastText(130)).toBe(zh("core-welcome", { name: "A", community: "社区" }));
    rec.failNext("sendMessage", errors.tooManyRequests(1));
    await send(command(makeUser(130, { first_name: "A", language_code: "zh" }), "/help"));
    expect(lastText(130)).toBe(zh("core-help"));
  });

  it("greets an en user (and any non-zh language) in English", async () => {
    await send(command(makeUser(101, { first_name: "Anna", language_code: "en" }), "/start"));
    expect(lastText(101)).toBe(en("core-welcome", { name: "Anna", community: "the community" }));
    await send(command(makeUser(102, { first_name: "Ivan", language_code: "ru" }), "/start"));
    expect(lastText(102)).toBe(en("core-welcome", { name: "Ivan", community: "the community" }));
    // notices go out later, outside any update: the language they were greeted in is kept
    expect(store.data.chats["101"]?.lang).toBe("en");
    expect(store.data.chats["102"]?.lang).toBe("en");
  });

  it("escapes the user's name in the greeting", async () => {
    await send(command(makeUser(103, { first_name: "<b>Tom & Jerry</b>", language_code: "en" }), "/start"));
    expect(lastText(103)).toContain("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;");
    expect(rec.calls.at(-1)?.response).toMatchObject({ ok: true });
  });

  it("a second /start does not duplicate anything", async () => {
    const user = makeUser(104);
    await send(command(user, "/start"));
    await send(command(user, "/start"));
    expect(Object.keys(store.data.chats)).toEqual(["104"]);
    expect(store.data.chats["104"]?.subscribed).toBe(true);
    expect(lastText(104)).toBe(zh("core-welcome", { name: "User 104", community: "社区" }));
  });

  it("the language buttons switch the language, and later replies follow the choice over language_code", async () => {
    const user = makeUser(105, { first_name: "李雷", language_code: "zh" });
    await send(command(user, "/start"));
    await send(callbackQuery(user, "lang:en", lastSent(105)));
    const answer = rec.calls.find((c) => c.method === "answerCallbackQuery");
    expect(answer?.params.text).toBe(en("core-lang-set"));
    expect(lastText(105)).toBe(en("core-lang-set"));
    expect((await onDisk()).users["105"]?.lang).toBe("en");
    expect(store.data.chats["105"]?.lang).toBe("en");
    await send(command(user, "/help"));
    expect(lastText(105)).toBe(en("core-help"));
    await send(command(user, "/lang"));
    expect(lastText(105)).toBe(zh("core-choose-lang"));
    await send(callbackQuery(user, "lang:zh", lastSent(105)));
    await send(command(user, "/stop"));
    expect(lastText(105)).toBe(zh("core-stopped"));
  });

  it("/lang with a language's name switches at once (“/lang en”, “/lang 中文”); an unknown word asks", async () => {
    const user = makeUser(106, { first_name: "王芳", language_code: "zh-hans" });
    await send(command(user, "/start"));
    await send(command(user, "/lang", "en"));
    expect(lastText(106)).toBe(en("core-lang-set"));
    expect((await onDisk()).users["106"]?.lang).toBe("en");
    expect(rec.calls.some((c) => c.method === "answerCallbackQuery")).toBe(false);
    await send(command(user, "/help"));
    expect(lastText(106)).toBe(en("core-help"));
    await send(command(user, "/lang", "中文"));
    expect(lastText(106)).toBe(zh("core-lang-set"));
    expect((await onDisk()).users["106"]?.lang).toBe("zh");
    await send(command(user, "/lang", "klingon"));
    expect(lastText(106)).toBe(zh("core-choose-lang"));
    expect(store.data.chats["106"]?.lang).toBe("zh");
  });

  it("/stop unsubscribes (on disk); a second /stop says there is nothing to stop; /start again welcomes back", async () => {
    const user = makeUser(106, { first_name: "Bob", language_code: "en" });
    await send(command(user, "/start"));
    await send(command(user, "/stop"));
    expect(lastText(106)).toBe(en("core-stopped"));
    expect((await onDisk()).chats["106"]?.subscribed).toBe(false);
    await send(command(user, "/stop"));
    expect(lastText(106)).toBe(en("core-not-subscribed"));
    await send(command(user, "/start"));
    expect(lastText(106)).toBe(en("core-welcome-back", { name: "Bob" }));
    expect((await onDisk()).chats["106"]?.subscribed).toBe(true);
  });
});

describe("/help", () => {
  it("shows staff commands only to staff, and /staff only to admins", async () => {
    await send(command(makeUser(200), "/help"));
    expect(lastText(200)).toBe(zh("core-help"));
    await store.write((db) => void (db.roles["201"] = "staff"), "durable");
    await send(command(makeUser(201), "/help"));
    expect(lastText(201)).toBe(`${zh("core-help")}\n${zh("core-help-staff")}`);
    await send(command(makeUser(ADMIN), "/help"));
    expect(lastText(ADMIN)).toBe(`${zh("core-help")}\n${zh("core-help-staff")}\n${zh("core-help-admin")}`);
  });
});

describe("/forgetme", () => {
  it("removes the user, their chat and their sign-up events, and says so", async () => {
    const user = makeUser(300, { language_code: "en" });
    await send(command(user, "/start"));
    await store.write((db) => {
      store.signups.append({ at: NOW.toISOString(), userId: 300, occurrenceId: "cleanup-day:2026-03-28", type: "join", via: "button" });
      store.signups.append({ at: NOW.toISOString(), userId: 301, occurrenceId: "cleanup-day:2026-03-28", type: "join", via: "button" });
      store.signups.append({ at: NOW.toISOString(), userId: 300, occurrenceId: "pest-control:2026-03-15", type: "join", via: "text" });
      db.roles["300"] = "staff";
    }, "durable");
    await send(command(user, "/forgetme"));
    expect(lastText(300)).toBe(en("core-forgotten", { signups: 2 }));
    const disk = await onDisk();
    expect(disk.users["300"]).toBeUndefined();
    expect(disk.chats["300"]).toBeUndefined();
    expect(disk.roles["300"]).toBeUndefined();
    expect(disk.events.map((e) => e.userId)).toEqual([301]);
    expect(JSON.stringify(disk)).not.toMatch(/"(id|userId)":300\b/);
    expect(await rawFiles()).not.toMatch(/"(id|userId)":300\b/);
  });

  it("leaves no trace of the user's id anywhere in the store: attendance they marked or got, broadcasts, live messages", async () => {
    const user = makeUser(777001, { language_code: "en" });
    await send(command(user, "/start"));
    const other = 777002;
    await store.write((db) => {
      db.roles["777001"] = "staff";
      store.signups.append({ at: NOW.toISOString(), userId: other, occurrenceId: "cleanup-day:2026-02-28", type: "join", via: "button" });
      store.signups.append({ at: NOW.toISOString(), userId: other, occurrenceId: "cleanup-day:2026-02-28", type: "attended", via: "staff", by: 777001 });
      db.campaign.records.push(
        { id: "r9", metricId: "garbage_cleared", amount: 3, at: NOW.toISOString(), by: 777001, source: "staff" },
        { id: "attendance:cleanup-day:2026-02-28:777001:weekly_cleanup_participants", metricId: "weekly_cleanup_participants", amount: 1, at: NOW.toISOString(), by: 777001, source: "attendance" },
      );
      db.broadcasts.b1 = {
        id: "b1", kind: "adhoc", createdAt: NOW.toISOString(), createdBy: 777001, text: { zh: "x", en: "x" },
        recipients: { "777001": { s: "p" }, [String(other)]: { s: "s" } }, status: "sending",
        progress: { chatId: 777001, messageId: 5, lang: "en" },
      };
      db.liveMessages["cleanup-day:2026-03-28"] = [{ chatId: 777001, messageId: 9 }, { chatId: -500, messageId: 10 }];
    }, "durable");
    await send(command(user, "/forgetme"));
    const disk = await onDisk();
    expect(JSON.stringify({ ...disk, handledUpdates: [] })).not.toMatch(/777001/);
    expect(await rawFiles()).not.toMatch(/777001/);
    // the community's figures keep the amounts, anonymously
    expect(disk.campaign.records.filter((r) => r.by === null).map((r) => r.amount)).toEqual([3, 1]);
    expect(disk.events).toHaveLength(2);
    expect(disk.liveMessages["cleanup-day:2026-03-28"]).toEqual([{ chatId: -500, messageId: 10 }]);
    expect(disk.broadcasts.b1?.recipients).toEqual({ [String(other)]: { s: "s" } });
  });

  it("an admin from ADMIN_IDS keeps the role", async () => {
    await send(command(makeUser(ADMIN), "/forgetme"));
    expect(store.data.users[String(ADMIN)]).toBeUndefined();
    expect(store.data.roles[String(ADMIN)]).toBe("admin");
  });
});

describe("membership", () => {
  it("a user who blocks the bot is marked inactive; unblocking and /start reactivates", async () => {
    const user = makeUser(400);
    const chat = { id: 400, type: "private" as const, first_name: "User 400" };
    await send(command(user, "/start"));
    await send(myChatMember(chat, user, "member", "kicked"));
    expect((await onDisk()).chats["400"]).toMatchObject({ subscribed: true, active: false, inactiveReason: "blocked" });
    await send(myChatMember(chat, user, "kicked", "member"));
    await send(command(user, "/start"));
    const disk = await onDisk();
    expect(disk.chats["400"]).toMatchObject({ subscribed: true, active: true });
    expect(disk.chats["400"]?.inactiveReason).toBeUndefined();
    expect(lastText(400)).toBe(zh("core-welcome", { name: "User 400", community: "社区" }));
  });

  it("a block from someone who never started the bot stores nothing", async () => {
    await send(myChatMember({ id: 401, type: "private", first_name: "x" }, makeUser(401), "member", "kicked"));
    expect(store.data.chats["401"]).toBeUndefined();
  });

  it("being added to a group subscribes it and greets it; being removed unsubscribes it", async () => {
    const group = makeGroup(-500, "3号楼");
    const adder = makeUser(501);
    await send(myChatMember(group, adder, "left", "member"));
    expect((await onDisk()).chats["-500"]).toMatchObject({ id: -500, type: "group", title: "3号楼", subscribed: true, active: true });
    expect(lastText(-500)).toBe(zh("core-welcome-group", { community: "社区" }));
    await send(myChatMember(group, adder, "member", "left"));
    expect((await onDisk()).chats["-500"]).toMatchObject({ subscribed: false, active: false });
    await send(myChatMember(group, adder, "left", "member"));
    expect((await onDisk()).chats["-500"]).toMatchObject({ subscribed: true, active: true });
  });

  it("a promotion to admin in a group keeps it subscribed without greeting again", async () => {
    const group = makeGroup(-510, "5号楼");
    await send(myChatMember(group, makeUser(511), "left", "member"));
    const greetings = texts(-510).length;
    await send(myChatMember(group, makeUser(511), "member", "administrator"));
    expect(texts(-510)).toHaveLength(greetings);
    expect(store.data.chats["-510"]?.subscribed).toBe(true);
  });

  it("a group that unsubscribed stays unsubscribed when the bot is promoted or demoted there", async () => {
    const group = makeGroup(-520, "9号楼");
    await send(myChatMember(group, makeUser(521), "left", "member"));
    await send(command(makeUser(ADMIN), "/stop", undefined, group));
    expect(store.data.chats["-520"]?.subscribed).toBe(false);
    await send(myChatMember(group, makeUser(521), "member", "administrator"));
    await send(myChatMember(group, makeUser(521), "administrator", "member"));
    expect((await onDisk()).chats["-520"]?.subscribed).toBe(false);
  });

  it("a group upgraded to a supergroup keeps its subscription (and language) under the new id", async () => {
    const group = makeGroup(-600, "6号楼");
    await send(myChatMember(group, makeUser(601), "left", "member"));
    await store.write((db) => void (db.chats["-600"]!.lang = "en"), "durable");
    await send(migrateToChat(-600, -1_000_000_000_600));
    const disk = await onDisk();
    expect(disk.chats["-600"]).toBeUndefined();
    expect(disk.chats["-1000000000600"]).toMatchObject({ id: -1_000_000_000_600, type: "supergroup", subscribed: true, lang: "en", title: "6号楼" });
  });

  it("/start in a group subscribes the group and answers with the group welcome", async () => {
    const group = makeGroup(-700, "7号楼");
    await send(command(makeUser(701), "/start@test_bot", undefined, group));
    expect(store.data.chats["-700"]).toMatchObject({ type: "group", subscribed: true, title: "7号楼" });
    expect(lastText(-700)).toBe(zh("core-welcome-group", { community: "社区" }));
  });

  it("/stop in a group: an ordinary member cannot switch off the whole group; staff can", async () => {
    const group = makeGroup(-710, "8号楼");
    await send(command(makeUser(711), "/start", undefined, group));
    await send(command(makeUser(712), "/stop", undefined, group));
    expect(lastText(-710)).toBe(zh("core-stop-group-admins"));
    expect(store.data.chats["-710"]?.subscribed).toBe(true);
    await send(command(makeUser(ADMIN), "/stop", undefined, group));
    expect(lastText(-710)).toBe(zh("core-stopped"));
    expect(store.data.chats["-710"]?.subscribed).toBe(false);
  });
});

describe("/staff and guards", () => {
  it("an admin adds and removes staff by numeric id; the menu is refreshed", async () => {
    const admin = makeUser(ADMIN);
    await send(command(admin, "/staff", "add 800"));
    expect(lastText(ADMIN)).toBe(`${zh("core-staff-added", { id: 800 })}\n${zh("staff-roles-told")}`);
    expect((await onDisk()).roles["800"]).toBe("staff");
    await send(command(admin, "/staff", "add 800"));
    expect(lastText(ADMIN)).toBe(zh("core-staff-already", { id: 800 }));
    await send(command(admin, "/staff"));
    expect(lastText(ADMIN)).toContain("<code>800</code> staff");
    await send(command(admin, "/staff", "remove 800"));
    expect(lastText(ADMIN)).toBe(`${zh("core-staff-removed", { id: 800 })}\n${zh("staff-roles-told")}`);
    expect((await onDisk()).roles["800"]).toBeUndefined();
    await send(command(admin, "/staff", "remove 800"));
    expect(lastText(ADMIN)).toBe(zh("core-staff-not", { id: 800 }));
    await send(command(admin, "/staff", `remove ${ADMIN}`));
    expect(lastText(ADMIN)).toBe(zh("core-staff-is-admin", { id: ADMIN }));
    expect(store.data.roles[String(ADMIN)]).toBe("admin");
    expect(rolesChanged).toContain(800);
  });

  it("shows user ids as typed, without digit grouping (10002, not 10,002)", async () => {
    await send(command(makeUser(ADMIN), "/staff", "add 5000000001"));
    expect(lastText(ADMIN)).toContain("5000000001");
    await send(command(makeUser(ADMIN), "/staff", "remove 10002"));
    expect(lastText(ADMIN)).toContain("10002");
  });

  it("an admin no longer in ADMIN_IDS is demoted to staff at the next start, so an admin can remove them", async () => {
    await store.write((db) => void (db.roles["9"] = "admin"), "durable");
    await store.write((db) => seedAdmins(db, [ADMIN]), "durable");
    expect(store.data.roles).toEqual({ [String(ADMIN)]: "admin", "9": "staff" });
    await send(command(makeUser(ADMIN), "/staff", "remove 9"));
    expect((await onDisk()).roles["9"]).toBeUndefined();
  });

  it("/staff lists every role, split into messages under Telegram's 4,096 characters", async () => {
    await store.write((db) => {
      for (let i = 0; i < 120; i++) {
        const id = 2_000_000_000 + i;
        db.roles[String(id)] = "staff";
        db.users[String(id)] = { id, firstName: "很长的名字".repeat(8), seenAt: NOW.toISOString() };
      }
    }, "durable");
    const from = rec.calls.length;
    await send(command(makeUser(ADMIN), "/staff"));
    const sent = texts(ADMIN, from);
    expect(sent.length).toBeGreaterThan(1);
    for (const t of sent) expect(t.length).toBeLessThanOrEqual(4096);
    expect(sent.join("\n")).toContain("2000000119");
  });

  it("refuses usernames and junk with the usage text", async () => {
    for (const args of ["add @wangfang", "add", "promote 5", "add 5 6", "add -5"]) {
      await send(command(makeUser(ADMIN), "/staff", args));
      expect(lastText(ADMIN)).toBe(zh("core-staff-usage"));
    }
    expect(Object.keys(store.data.roles)).toEqual([String(ADMIN)]);
  });

  it("a non-admin (even staff) is politely refused and no role changes", async () => {
    await store.write((db) => void (db.roles["801"] = "staff"), "durable");
    const before = structuredClone(store.data.roles);
    await send(command(makeUser(802, { language_code: "en" }), "/staff", "add 802"));
    expect(lastText(802)).toBe(en("core-admin-only"));
    await send(command(makeUser(801), "/staff", "remove 801"));
    expect(lastText(801)).toBe(zh("core-admin-only"));
    await send(command(makeUser(801), "/staff", "add 803"));
    expect(store.data.roles).toEqual(before);
    expect((await onDisk()).roles).toEqual(before);
    expect(rolesChanged).toEqual([]);
  });

  it("a staff-only command from a resident gets a polite refusal and does nothing", async () => {
    await send(command(makeUser(900, { language_code: "en" }), "/probe"));
    expect(lastText(900)).toBe(en("core-staff-only"));
    expect(store.data.enqueued.probe).toBeUndefined();
    await store.write((db) => void (db.roles["901"] = "staff"), "durable");
    await send(command(makeUser(901), "/probe"));
    expect(lastText(901)).toBe("probe ran");
    expect(store.data.enqueued.probe).toBe("ran");
  });

  it("a staff-only button from a resident answers the callback with an alert", async () => {
    const message = (await bot.api.sendMessage(902, "x")) as Message;
    await send(callbackQuery(makeUser(902, { language_code: "en" }), "probe", message));
    const answer = rec.calls.filter((c) => c.method === "answerCallbackQuery").at(-1);
    expect(answer?.params).toMatchObject({ text: en("core-staff-only"), show_alert: true });
  });
});

describe("unknown commands", () => {
  it("gets a hint in a private chat", async () => {
    await send(command(makeUser(1000, { language_code: "en" }), "/frobnicate"));
    expect(lastText(1000)).toBe(en("core-unknown-command"));
  });

  it("stays quiet in a group unless addressed to this bot", async () => {
    const group = makeGroup(-1100);
    await send(command(makeUser(1101), "/frobnicate", undefined, group));
    await send(command(makeUser(1101), "/frobnicate@other_bot", undefined, group));
    expect(texts(-1100)).toEqual([]);
    await send(command(makeUser(1101), "/frobnicate@test_bot", undefined, group));
    expect(texts(-1100)).toEqual([zh("core-unknown-command")]);
  });

  it("plain text in a private chat is left to later features (no unknown-command hint)", async () => {
    await send(privateMessage(makeUser(1200), "你好"));
    expect(texts(1200)).toEqual([]);
  });
});

describe("names", () => {
  it("remembers a user's display name from any update, saved by the next write", async () => {
    await send(privateMessage(makeUser(1300, { first_name: "赵", last_name: "六", username: "zhao6" }), "hi"));
    await store.flush();
    expect((await onDisk()).users["1300"]).toMatchObject({ firstName: "赵", lastName: "六", username: "zhao6" });
  });
});
