/**
 * Bad input never hurts the bot (issue 6): thousands of generated hostile updates go through the
 * real bot built by `createApp`, then the store, the roles, the broadcasts and every Bot API call
 * made are checked. Also the per-user rate limit (`src/bot/rate-limit.ts`) on a bot of its own.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import fc from "fast-check";
import type { Chat, Message, Update, User } from "grammy/types";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Bot, Composer } from "grammy";
import { createApp, type App } from "../../src/app.js";
import type { BotContext } from "../../src/bot/context.js";
import { membershipFeature } from "../../src/bot/features/membership.js";
import { parseConfig } from "../../src/config.js";
import { subscribeChat } from "../../src/store/chats.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { seedAdmins } from "../../src/store/users.js";
import { callbackQuery, command, createRecordingApi, createRecordingFetch, makeUser, myChatMember, type RecordingApi, type UpdateInput } from "../../tools/fake-bot-api/index.js";
import { createLimitedBot } from "../helpers/limited-bot.js";
import { createTestTranslate } from "../helpers/fluent.js";
import { eventsOf, readStoreFiles } from "../helpers/store-files.js";
import { createPeopleRepos } from "../../src/store/people-repos.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 5_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_320);
const NOW = new Date("2026-03-20T02:00:00.000Z");
const BOT_ID = 123;
const BOT: User = { id: BOT_ID, is_bot: true, first_name: "Test Bot", username: "test_bot" };
type Input = Omit<Update, "update_id">;

// ---- generated input -------------------------------------------------------------------------

const COMMANDS = [
  "start", "help", "lang", "stop", "next", "progress", "my", "forgetme", // residents
  "record", "undo", "target", "signups", "attended", "party", "broadcast", "sendnow", "stats", "export", // staff
  "staff", // admins
  "district", // district officials (DISTRICT_IDS: 1002)
];
const NOTICE_IDS = ["cleanup-day", "pest-control", "health-bulletin", "civility-lecture", "no-such-notice", ""];
const METRIC_IDS = ["awareness_rate", "garbage_cleared", "cleanup_funds", "pothole_repair_area", "知晓率", "nope"];
const DATES = ["1999-01-01", "2026-03-28", "2026-04-08", "2026-04-19", "2026-02-30", "2026-13-01", "9999-12-31", "0000-00-00"];

/** Control characters, lone surrogates, bidi and zero-width marks, HTML, CJK and emoji. */
const nasty = fc.constantFrom(
  "\u0000", "\u0007", "\b", "\t", "\n", "\r", "\u001b", "\u007f", "\u0085", "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff",
  "\ud800", "\udfff", "\ud83d", "<", ">", "&", "&amp;", "<b>", "</i>", "<a href=\"x\">", "\"", "'", "\\", "/", "@", "#", "%s", "${x}",
  "{ $name }", "报名", "取消", "知晓率", "👍🏽", "👨‍👩‍👧", "🧹", "é", "ﷺ", "𝕏",
);
const unit = fc.oneof({ weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) }, { weight: 1, arbitrary: nasty });
const shortText = fc.array(unit, { maxLength: 40 }).map((parts) => parts.join(""));
const hugeText = fc
  .tuple(fc.array(unit, { minLength: 1, maxLength: 20 }), fc.integer({ min: 4_000, max: 10_000 }))
  .map(([parts, length]) => parts.join("").repeat(Math.ceil(length / Math.max(1, parts.join("").length))).slice(0, length));
const words = fc.constantFrom("报名", "join", "取消", "cancel", "知晓率是多少？", "how many truckloads of garbage were cleared?", "下次卫生日是哪天", "报名 3人", "join +5", "我来");
const text = fc.oneof({ weight: 5, arbitrary: shortText }, { weight: 3, arbitrary: words }, { weight: 1, arbitrary: hugeText });

const number = fc.oneof(
  fc.integer().map(String), fc.constantFrom("-1", "0", "-0", "1e308", "NaN", "Infinity", "0x10", "1_000", "99999999999999999999999", "3.5", "１２", "٣"),
  fc.double().map(String), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
);
const arg = fc.oneof(fc.constantFrom(...NOTICE_IDS), fc.constantFrom(...METRIC_IDS), fc.constantFrom(...DATES), fc.constantFrom("add", "remove", "on", "off"), number, shortText);
const args = fc.oneof(fc.constant(""), fc.array(arg, { minLength: 1, maxLength: 6 }).map((a) => a.join(" ")), hugeText);

const userId = fc.oneof(fc.constantFrom(1001, 1002, 1003, 777000), fc.integer({ min: 2, max: 2 ** 52 }));
const user: fc.Arbitrary<User> = fc.record({
  id: userId,
  first_name: fc.string({ unit: "binary", minLength: 1, maxLength: 64 }),
  language_code: fc.option(fc.constantFrom("zh", "en", "zh-hans", "ru", "xx", "", "zh-TW"), { nil: undefined }),
  username: fc.option(fc.stringMatching(/^[a-zA-Z]\w{4,31}$/), { nil: undefined }),
}).map((u) => ({ is_bot: false, ...u }) as User);

/** Who `from` says sent a group message: a person, or the stand-ins Telegram uses for anonymous admins and channels. */
const ANONYMOUS_ADMIN: User = { id: 1_087_968_824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };
const CHANNEL_BOT: User = { id: 136_817_688, is_bot: true, first_name: "Channel", username: "Channel_Bot" };
const sender = fc.oneof({ weight: 8, arbitrary: user }, { weight: 1, arbitrary: fc.constantFrom(ANONYMOUS_ADMIN, CHANNEL_BOT) });

const groupChat: fc.Arbitrary<Chat> = fc.oneof(
  fc.integer({ min: 1, max: 999_999_999 }).map((id) => ({ id: -id, type: "group", title: `G${id}` }) as Chat),
  fc.integer({ min: 1, max: 999_999_999 }).map((id) => ({ id: -1_000_000_000_000 - id, type: "supergroup", title: `S${id}` }) as Chat),
);
const channelChat = fc.integer({ min: 1, max: 999_999_999 }).map((id) => ({ id: -1_000_000_000_000 - id, type: "channel", title: `C${id}` }) as Chat);
const privateOf = (u: User): Chat => ({ id: u.id, type: "private", first_name: u.first_name });

let messageId = 50_000;
const base = (chat: Chat, from: User | undefined, extra: Record<string, unknown>): Message =>
  ({ message_id: ++messageId, date: Math.floor(NOW.getTime() / 1000), chat, ...(from ? { from } : {}), ...extra }) as unknown as Message;

/** In a group (w = 0) or the sender's private chat; a bot stand-in only ever writes in groups. */
const at = (u: User, w: number, g: Chat, extra: Record<string, unknown>): Message => base(w === 0 || u.is_bot ? g : privateOf(u), u, extra);

const commandText = fc
  .tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...COMMANDS) }, { weight: 1, arbitrary: fc.stringMatching(/^[a-z_]{1,12}$/) }), fc.constantFrom("", "@test_bot", "@other_bot", "@TEST_BOT"), fc.constantFrom(" ", "  ", "\n", "\t"), args, fc.boolean())
  .map(([name, at, sep, rest, upper]) => {
    const head = `/${upper ? name.toUpperCase() : name}${at}`;
    return { text: rest ? `${head}${sep}${rest}` : head, length: head.length };
  });

/** Real upcoming occurrences (at NOW), past and cancelled-looking ones, and made-up ones. */
const occurrence = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("cleanup-day:2026-03-28", "pest-control:2026-04-08", "civility-lecture:2026-04-19", "cleanup-day:2026-04-25") },
  { weight: 1, arbitrary: fc.constantFrom("cleanup-day:2026-02-28", "pest-control:2026-03-11", "cleanup-day:1999-01-01", "health-bulletin:2026-05-01") },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...NOTICE_IDS), fc.constantFrom(...DATES)).map(([n, d]) => `${n}:${d}`) },
);
const trim64 = (s: string): string => {
  let out = s;
  while (Buffer.byteLength(out) > 64) out = out.slice(0, -1);
  return out;
};
/** A message in a private chat, a group (maybe a reply to some message id), or without a sender. */
const replyTarget = fc.option(fc.tuple(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.nat(2), occurrence), { nil: undefined });
const where = fc.tuple(sender, fc.nat(3), groupChat, replyTarget);
const messageArb: fc.Arbitrary<Message> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(where, commandText, fc.boolean()).map(([[u, w, g, replyId], c, entity]) =>
    at(u, w, g, { text: c.text, ...(entity ? { entities: [{ type: "bot_command", offset: 0, length: c.length }] } : {}), ...reply(replyId, w === 0 || u.is_bot ? g : privateOf(u)) }),
  ) },
  { weight: 4, arbitrary: fc.tuple(where, text).map(([[u, w, g, replyId], t]) => {
    const chat = w === 0 || u.is_bot ? g : privateOf(u);
    return base(chat, w === 3 ? undefined : u, { text: t, ...reply(replyId, chat) }); // w = 3: no sender at all
  }) },
  fc.tuple(where, fc.constantFrom("CAACAgIAAxkBAAE", "x")).map(([[u, w, g], id]) =>
    at(u, w, g, { sticker: { file_id: id, file_unique_id: "u", type: "regular", width: 512, height: 512, is_animated: false, is_video: false } }),
  ),
  fc.tuple(where, fc.option(text, { nil: undefined })).map(([[u, w, g], caption]) =>
    at(u, w, g, { photo: [{ file_id: "p", file_unique_id: "pu", width: 90, height: 90 }], ...(caption !== undefined ? { caption } : {}) }),
  ),
  fc.tuple(user, groupChat, fc.constantFrom("new_chat_members", "left_chat_member", "migrate_from_chat_id", "migrate_to_chat_id", "group_chat_created", "pinned_message")).map(([u, g, kind]) => {
    const extra: Record<string, unknown> = {
      new_chat_members: { new_chat_members: [BOT, u] }, left_chat_member: { left_chat_member: BOT }, migrate_from_chat_id: { migrate_from_chat_id: -42 },
      migrate_to_chat_id: { migrate_to_chat_id: -1_000_000_000_042 }, group_chat_created: { group_chat_created: true }, pinned_message: { pinned_message: { message_id: 1, date: 0, chat: g } },
    }[kind] as Record<string, unknown>;
    return base(g, u, extra);
  }),
);
/** A reply to some message: a stranger's, the bot's, or one of the bot's reminders with a sign-up button (maybe stale). */
function reply(target: [number, number, string] | undefined, chat: Chat): Record<string, unknown> {
  if (target === undefined) return {};
  const [id, kind, occ] = target;
  const from = kind === 0 ? { id: 5, is_bot: false, first_name: "X" } : BOT;
  const markup = kind === 2 ? { reply_markup: { inline_keyboard: [[{ text: "报名 / I'll join", callback_data: trim64(`su:j:${occ}`) }]] } } : {};
  return { reply_to_message: { message_id: id, date: 0, chat, from, text: "old", ...markup } };
}

const callbackData = fc.oneof(
  fc.string({ unit: "binary", maxLength: 64 }).map(trim64),
  fc.tuple(fc.constantFrom("su:j:", "su:c:", "su:x:", "su:"), occurrence).map(([p, o]) => trim64(p + o)),
  fc.tuple(fc.constantFrom("y", "n", "?"), fc.oneof(userId, fc.integer()), occurrence).map(([a, id, o]) => trim64(`at:${a}:${id.toString(36)}:${o}`)),
  fc.tuple(fc.constantFrom("ok", "no", "maybe"), fc.oneof(fc.stringMatching(/^[\w-]{1,16}$/), fc.string({ maxLength: 20 }))).map(([a, id]) => trim64(`bc:${a}:${id}`)),
  fc.constantFrom("lang:xx", "lang:zh", "lang:en", "lang:", "su:j:cleanup-day:1999-01-01", "at:y:1:cleanup-day:1999-01-01", "bc:ok:1", "bc:no:nonexistent"),
);
const callbackArb: fc.Arbitrary<Input> = fc.tuple(user, fc.boolean(), groupChat, callbackData, fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean()).map(([u, inGroup, g, data, mid, accessible]) => {
  const chat = inGroup ? g : privateOf(u);
  const message = accessible ? { message_id: mid, date: Math.floor(NOW.getTime() / 1000), chat, from: BOT, text: "a reminder" } : { message_id: mid, date: 0, chat };
  return { callback_query: { id: String(++messageId), from: u, chat_instance: String(chat.id), data, message } } as Input;
});

const statuses = ["member", "administrator", "left", "kicked", "restricted"] as const;
const memberOf = (status: (typeof statuses)[number]): Record<string, unknown> => {
  if (status === "kicked") return { status, user: BOT, until_date: 0 };
  if (status === "restricted") return { status, user: BOT, is_member: true, can_send_messages: false, until_date: 0 };
  if (status === "administrator") return { status, user: BOT, can_be_edited: false, is_anonymous: false, can_manage_chat: true };
  return { status, user: BOT };
};
const myChatMemberArb: fc.Arbitrary<Input> = fc
  .tuple(user, fc.oneof(groupChat, channelChat, user.map(privateOf)), fc.constantFrom(...statuses), fc.constantFrom(...statuses))
  .map(([u, chat, a, b]) => ({ my_chat_member: { chat, from: u, date: 0, old_chat_member: memberOf(a), new_chat_member: memberOf(b) } }) as unknown as Input);

/** Always tried first: inputs a random run meets only by luck. */
const GROUP: Chat = { id: -4242, type: "group", title: "Building 3" };
const REMINDER = { message_id: 77, date: 0, chat: GROUP, from: BOT, text: "reminder", reply_markup: { inline_keyboard: [[{ text: "报名 / I'll join", callback_data: "su:j:cleanup-day:2026-03-28" }]] } };
const KNOWN_HARD = [
  // an anonymous group admin (Telegram puts GroupAnonymousBot in `from`) answers a reminder
  { message: base(GROUP, ANONYMOUS_ADMIN, { sender_chat: GROUP, text: "报名", reply_to_message: REMINDER }) },
  // a reply to a reminder with no sender at all
  { message: base(GROUP, undefined, { text: "join", reply_to_message: REMINDER }) },
  // "cancel" in a private chat with no sender
  { message: base({ id: 31337, type: "private", first_name: "x" }, undefined, { text: "取消" }) },
] as Input[];

/** Any update the bot may meet, including kinds it does not ask for. */
function hostileUpdate(): fc.Arbitrary<Input> {
  return fc.oneof(
    { weight: 8, arbitrary: messageArb.map((message) => ({ message }) as Input) },
    { weight: 2, arbitrary: messageArb.map((m) => ({ edited_message: { ...m, edit_date: m.date } }) as Input) },
    { weight: 5, arbitrary: callbackArb },
    { weight: 2, arbitrary: myChatMemberArb },
    { weight: 1, arbitrary: fc.tuple(channelChat, text).map(([chat, t]) => ({ channel_post: base(chat, undefined, { text: t, sender_chat: chat }) }) as Input) },
    { weight: 1, arbitrary: fc.tuple(channelChat, text).map(([chat, t]) => ({ edited_channel_post: base(chat, undefined, { text: t, edit_date: 1 }) }) as Input) },
    {
      weight: 1,
      arbitrary: fc.tuple(user, text, fc.nat(4)).map(([u, q, kind]) =>
        ([
          { inline_query: { id: "iq", from: u, query: q, offset: "" } },
          { poll_answer: { poll_id: "p", user: u, option_ids: [0], option_persistent_ids: ["a"] } },
          { chat_join_request: { chat: { id: -5, type: "supergroup", title: "S" }, from: u, user_chat_id: u.id, date: 0 } },
          { message_reaction: { chat: privateOf(u), message_id: 1, user: u, date: 0, old_reaction: [], new_reaction: [{ type: "emoji", emoji: "👍" }] } },
          {},
        ] as Input[])[kind] as Input,
      ),
    },
  );
}

interface LogEntry {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** Errors an update may legitimately cause: none. Anything at error level is a finding. */
function findings(entries: LogEntry[]): LogEntry[] {
  return entries.filter((e) => e.level >= 50);
}

/** One line per kind of error: the message, the Bot API method and description, or the error's type and message. */
function signature(e: LogEntry): string {
  const err = e.err as { type?: string; message?: string } | undefined;
  return [e.msg, e.method, e.description, err?.type, err?.message?.replace(/\d+/g, "#")].filter(Boolean).join(" | ");
}

/** The value with every long string cut, so a report stays readable. */
function shorten(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_k, v: unknown) => (typeof v === "string" && v.length > 200 ? `${v.slice(0, 200)}…(${v.length} chars)` : v));
}

/**
 * The generated run happens once, in beforeAll; each `it` checks one property of what it left (the
 * findings, the calls, the store), so any of them runs alone (`-t`) and in any order.
 */
describe("fuzz: hostile updates through the real bot", () => {
  let dir: string;
  let store: Store;
  let app: App;
  let rec: RecordingApi;
  const logs: LogEntry[] = [];
  let nextUpdateId = 1;
  /** every distinct error the run logged, with the first input that caused it */
  let report: unknown[];
  /** the Bot API calls the generated updates made */
  let runCalls: RecordingApi["calls"];

  async function send(input: Omit<Update, "update_id">): Promise<void> {
    const update = { update_id: nextUpdateId++, ...input } as Update;
    rec.observeUpdate(update);
    await app.bot.handleUpdate(update);
  }

  /** Sends RUNS generated updates; a rejection ends the run with the input as counterexample. */
  async function fuzz(): Promise<void> {
    const started = Date.now();
    const found = new Map<string, { count: number; input: Input; log: LogEntry }>();
    await fc.assert(
      fc.asyncProperty(hostileUpdate(), async (input) => {
        const before = logs.length;
        await send(input);
        await new Promise((r) => setImmediate(r)); // let fire-and-forget replies (error reports) land
        for (const entry of findings(logs.slice(before))) {
          const key = signature(entry);
          const seen = found.get(key);
          if (seen) seen.count++;
          else found.set(key, { count: 1, input, log: entry });
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true, examples: KNOWN_HARD.map((u) => [u]) },
    );
    const methods: Record<string, number> = {};
    for (const c of rec.calls) methods[c.method] = (methods[c.method] ?? 0) + 1;
    const events = await eventsOf(store);
    console.error(`fuzz: ${RUNS} updates in ${Date.now() - started} ms, ${found.size} distinct findings; Bot API calls: ${JSON.stringify(methods)}; ` +
      `sign-up events: ${events.length}, chats: ${Object.keys(store.data.chats).length}, users: ${Object.keys(store.data.users).length}`);
    if (process.env.FUZZ_DEBUG) console.error(JSON.stringify([...new Set(logs.map((l) => `${l.level} ${l.msg}`))]));
    report = [...found.entries()].map(([key, f]) => ({ key, count: f.count, input: shorten(f.input), log: shorten(f.log) }));
    runCalls = [...rec.calls];
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "fuzz-"));
    const config = parseConfig({ BOT_TOKEN: "123:TEST", DB_FILE: join(dir, "db.json"), DATA_DIR: "data", ADMIN_IDS: "1", DISTRICT_IDS: "1002" });
    store = await openStore({ file: config.dbFile });
    await store.write((db) => seedAdmins(db, config.adminIds), "durable");
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString("utf8").split("\n")) if (line) logs.push(JSON.parse(line) as LogEntry);
        done();
      },
    });
    rec = createRecordingApi();
    // every call, the bot's and the sender's, answered and recorded through the app's HTTP client
    app = await createApp({ config, store, log: pino({ level: "warn" }, sink), now: () => NOW, fetch: createRecordingFetch(rec) });
    app.bot.botInfo = rec.botInfo;
    expect(rec.botInfo.id).toBe(BOT_ID);
    await fuzz();
    // whatever the run enqueued is settled before the checks read the store
    await app.sender.stop();
    await store.flush();
  }, 120_000);

  afterAll(async () => {
    app.stopFeatures();
    await app.scheduler.stop();
    await app.sender.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it(`survives ${RUNS} generated updates with nothing logged at error level`, () => {
    expect(report).toEqual([]);
  });

  it("made only valid Bot API calls", () => {
    const refused = runCalls.filter((c) => !rec.validator.validateCall(c.method, c.params).ok);
    expect(refused.map((c) => ({ method: c.method, params: c.params, response: c.response }))).toEqual([]);
    expect(runCalls.length).toBeGreaterThan(RUNS / 10); // the bot did answer (not everything is silent)
  });

  it("gave no one a role and let no one broadcast", () => {
    expect(store.data.roles).toEqual({ "1": "admin" });
    const creators = Object.values(store.data.broadcasts).map((b) => b.createdBy).filter((by) => by !== undefined);
    expect(creators.filter((by) => by !== 1)).toEqual([]);
  });

  it("recorded sign-ups and progress only for real people, and progress only from staff", async () => {
    const notPeople = new Set([ANONYMOUS_ADMIN.id, CHANNEL_BOT.id, BOT_ID]);
    expect((await eventsOf(store)).filter((e) => e.userId <= 0 || notPeople.has(e.userId))).toEqual([]);
    const byNonStaff = store.data.campaign.records.filter((r) => r.source === "staff" && r.by !== 1);
    expect(byNonStaff).toEqual([]);
  });

  it("still welcomes a normal /start", async () => {
    const since = rec.calls.length;
    await send(command(makeUser(4242, { language_code: "en", first_name: "Lin" }), "start"));
    const replies = rec.calls.slice(since).filter((c) => c.method === "sendMessage");
    expect(replies).toHaveLength(1);
    expect(replies[0]?.params.chat_id).toBe(4242);
    expect(String(replies[0]?.params.text)).toContain("Hello, Lin!");
    expect(store.data.chats["4242"]?.subscribed).toBe(true);
  });

  it("leaves files that load and validate, holding what the store holds", async () => {
    await store.flush();
    const { db } = await readStoreFiles(join(dir, "db.json")); // the store's own loader, schema included
    expect(db.roles).toEqual({ "1": "admin" });
    expect(db.chats).toEqual(store.data.chats);
    expect(db.users).toEqual(store.data.users);
  });
});

describe("per-user rate limit (src/bot/rate-limit.ts)", () => {
  const STAFF = 1;
  const zh = createTestTranslate("zh");
  const en = createTestTranslate("en");
  let dir: string;
  const stores: Store[] = [];
  let rec: RecordingApi;
  let bot: Bot<BotContext>;
  let clock: number;
  let updateId = 1;

  /** Stand-ins for commands and buttons behind the limiter: each answers, so a dropped update shows. */
  const probe = new Composer<BotContext>();
  probe.command("ping", (ctx) => ctx.reply("pong"));
  probe.callbackQuery(/^at:/, (ctx) => ctx.answerCallbackQuery({ text: "marked" }));
  probe.on("channel_post", (ctx) => ctx.reply("seen"));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ratelimit-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  // each test builds its own bot and store (setup), closed here even when the test fails
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  async function setup(): Promise<Store> {
    const store = await openStore({ file: join(dir, `db-${updateId}.json`) });
    stores.push(store);
    await store.write((db) => seedAdmins(db, [STAFF]), "durable");
    rec = createRecordingApi();
    clock = Date.parse("2026-03-20T02:00:00.000Z");
    // composed like createBot (context, i18n, then the limiter) so the test holds before and after the lead wires it there
    const deps = { store, ...createPeopleRepos(store, () => new Date(clock)), log: pino({ level: "silent" }), now: () => new Date(clock), adminIds: [STAFF], timezone: "Asia/Shanghai" };
    bot = createLimitedBot(deps, rec, { now: () => clock }, membershipFeature, probe);
    return store;
  }

  async function send(input: UpdateInput): Promise<void> {
    const update = { update_id: updateId++, ...input } as Update;
    rec.observeUpdate(update);
    await bot.handleUpdate(update);
  }
  const sentTo = (chatId: number, since = 0) =>
    rec.calls.slice(since).filter((c) => c.method === "sendMessage" && c.params.chat_id === chatId).map((c) => String(c.params.text));

  it("lets 30 commands in 10 s through, tells the user once in their language, then stays silent until the window ends", async () => {
    await setup();
    const user = makeUser(501, { language_code: "en" });
    for (let i = 0; i < 45; i++) {
      await send(command(user, "/ping"));
      clock += 100; // 45 commands in 4.5 s
    }
    const texts = sentTo(501);
    expect(texts.filter((t) => t === "pong")).toHaveLength(30);
    expect(texts.slice(30)).toEqual([en("ratelimit-slow-down", { seconds: 10 })]);
    clock += 10_000;
    await send(command(user, "/ping"));
    expect(sentTo(501).at(-1)).toBe("pong");
  });

  it("answers in Chinese for a zh user, and a flooded button press gets the notice as its answer", async () => {
    await setup();
    const user = makeUser(502, { language_code: "zh" });
    for (let i = 0; i < 30; i++) await send(command(user, "/ping"));
    const reminder = { message_id: 7, date: 0, chat: { id: 502, type: "private", first_name: "x" }, from: rec.botInfo, text: "r" } as never;
    await send(callbackQuery(user, "at:y:1:cleanup-day:2026-03-28", reminder));
    await send(callbackQuery(user, "at:y:1:cleanup-day:2026-03-28", reminder));
    const answers = rec.calls.filter((c) => c.method === "answerCallbackQuery");
    expect(answers.map((c) => c.params.text)).toEqual([zh("ratelimit-slow-down", { seconds: 10 })]);
  });

  it("never limits a burst of different users (a sign-up rush)", async () => {
    await setup();
    for (let id = 1_000; id < 1_300; id++) await send(command(makeUser(id), "/ping"));
    const pongs = rec.calls.filter((c) => c.method === "sendMessage" && c.params.text === "pong");
    expect(pongs).toHaveLength(300);
  });

  it("lets a staff member mark 100 attendance rows in 10 s", async () => {
    await setup();
    const staff = makeUser(STAFF);
    const list = { message_id: 8, date: 0, chat: { id: STAFF, type: "private", first_name: "s" }, from: rec.botInfo, text: "list" } as never;
    for (let i = 0; i < 100; i++) {
      await send(callbackQuery(staff, `at:y:${(2000 + i).toString(36)}:cleanup-day:2026-03-28`, list));
      clock += 100;
    }
    const answers = rec.calls.filter((c) => c.method === "answerCallbackQuery").map((c) => c.params.text);
    expect(answers).toEqual(Array.from({ length: 100 }, () => "marked"));
  });

  it("passes updates without a sender and always records the bot being blocked", async () => {
    const store = await setup();
    const user = makeUser(503);
    await store.write((db) => subscribeChat(db, { id: 503, type: "private" }, new Date(clock)), "durable");
    for (let i = 0; i < 40; i++) await send(command(user, "/ping"));
    await send(myChatMember({ id: 503, type: "private", first_name: user.first_name }, user, "member", "kicked"));
    expect(store.data.chats["503"]?.active).toBe(false);
    const channel = { id: -1_000_000_000_777, type: "channel", title: "C" } as const;
    for (let i = 0; i < 40; i++) await send({ channel_post: { message_id: 100 + i, date: 0, chat: channel, sender_chat: channel, text: "hi" } } as UpdateInput);
    expect(sentTo(channel.id)).toHaveLength(40);
  });
});
