import type { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLiveCounter } from "../../src/bot/features/signups.js";
import { MAX_CALLBACK_BYTES, attendanceCallbackData, parseAttendanceCallback, parseSignupCallback, signupCallbackData, signupKeyboard } from "../../src/domain/signups/buttons.js";
import { callbackQuery, command, groupMessage, makeGroup, makeUser, privateMessage } from "../../tools/fake-bot-api/index.js";
import { eventsOf } from "../helpers/store-files.js";
import { CLEANUP, EVE, GROUP, PEST, setupSignupBot } from "./signups-setup.js";

type Setup = Awaited<ReturnType<typeof setupSignupBot>>;
let s: Setup;

beforeEach(async () => {
  s = await setupSignupBot();
});
afterEach(async () => {
  await s.close();
});

describe("sign-up buttons", () => {
  it("keeps button data at most 64 bytes for the longest notice id and any user id, and rejects forgeries", () => {
    const longest = `${"a".repeat(32)}:2026-11-28`;
    for (const data of [signupCallbackData("join", longest), signupCallbackData("cancel", longest), attendanceCallbackData(false, Number.MAX_SAFE_INTEGER, longest)]) {
      expect(new TextEncoder().encode(data).length).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
    }
    expect(parseSignupCallback(signupCallbackData("join", longest))).toEqual({ action: "join", occurrenceId: longest });
    expect(parseAttendanceCallback(attendanceCallbackData(true, Number.MAX_SAFE_INTEGER, longest))).toEqual({ attended: true, userId: Number.MAX_SAFE_INTEGER, occurrenceId: longest });
    for (const bad of ["su:j:cleanup-day:2026-02-30", "su:x:cleanup-day:2026-11-28", "su:j:Cleanup:2026-11-28", "su:j:cleanup-day:2026-11-28:x", "at:y:-1:cleanup-day:2026-11-28", "", undefined]) {
      expect(parseSignupCallback(bad) ?? parseAttendanceCallback(bad)).toBeUndefined();
    }
  });
});

describe("signing up with the button", () => {
  it("counts a double press once and answers with the position, after the event is on disk", async () => {
    const reminder = await s.postReminder(GROUP, PEST);
    const volunteer = makeUser(501, { first_name: "王芳" });
    await s.handle(callbackQuery(makeUser(500), signupCallbackData("join", PEST), reminder));
    const writesBefore = s.store.writes;
    await s.handle(callbackQuery(volunteer, signupCallbackData("join", PEST), reminder));
    expect(s.store.writes).toBeGreaterThan(writesBefore);
    await s.handle(callbackQuery(volunteer, signupCallbackData("join", PEST), reminder));
    const [, first, second] = s.answers();
    expect(first).toBe("✅ 已报名 11月11日（周三）09:00 除四害日 — 你是第 2 位");
    expect(second).toBe("你已报名 11月11日（周三）09:00 除四害日 — 第 2 位");
    expect((await eventsOf(s.store)).filter((e) => e.userId === 501)).toHaveLength(1);
    // the live count on the reminder: the keyboard is edited, the text kept
    await s.feature.live.idle();
    const shown = s.rec.sentMessages(GROUP)[0];
    expect(shown?.text).toBe("【除四害】明天 09:00");
    expect(shown?.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe("报名 / I'll join · 2/20");
  });

  it("answers in English for an English speaker", async () => {
    const reminder = await s.postReminder(GROUP, CLEANUP);
    await s.handle(callbackQuery(makeUser(600, { language_code: "en" }), signupCallbackData("join", CLEANUP), reminder));
    expect(s.answers()).toEqual(["✅ Signed up for Weekend cleanup day, Sat 28 Nov, 08:30 — you are number 1."]);
  });

  it("waitlists when full, and a cancellation promotes the first waiting person, who is told at once", async () => {
    const reminder = await s.postReminder(GROUP, PEST);
    for (let u = 1001; u <= 1020; u++) await s.handle(callbackQuery(makeUser(u), signupCallbackData("join", PEST), reminder));
    await s.handle(callbackQuery(makeUser(2000), signupCallbackData("join", PEST), reminder));
    expect(s.answers().at(-1)).toBe("⏳ 11月11日（周三）09:00 除四害日 名额已满，已为你排入候补 — 候补第 1 位。有人取消时会立即通知你。");
    await s.handle(callbackQuery(makeUser(1005), signupCallbackData("cancel", PEST), reminder));
    expect(s.answers().at(-1)).toBe("已取消 11月11日（周三）09:00 除四害日 的报名。期待下次见！");
    const told = await s.rec.waitForCall((c) => c.method === "sendMessage" && c.params.chat_id === 2000, 2000, 0);
    expect(String(told.params.text)).toContain("你已从候补转为正式报名：11月11日（周三）09:00 除四害日 — 第 20 位");
    expect(await s.repo.counts(PEST)).toMatchObject({ heads: 20, waiting: 0 });
  });

  it("with an outbox, the promotion message is saved there (both languages) instead of sent directly", async () => {
    const o = await setupSignupBot({ outbox: true });
    try {
      const reminder = await o.postReminder(GROUP, PEST);
      for (let u = 1001; u <= 1020; u++) await o.handle(callbackQuery(makeUser(u), signupCallbackData("join", PEST), reminder));
      await o.handle(callbackQuery(makeUser(2000), signupCallbackData("join", PEST), reminder));
      await o.handle(callbackQuery(makeUser(1005), signupCallbackData("cancel", PEST), reminder));
      // the promotion is told right after the answer
      await expect.poll(() => Object.values(o.store.data.broadcasts).filter((b) => b.kind === "personal").length, { timeout: 10_000 }).toBe(1);
      const personal = Object.values(o.store.data.broadcasts).filter((b) => b.kind === "personal");
      expect(personal).toHaveLength(1);
      expect(Object.keys(personal[0]!.recipients)).toEqual(["2000"]);
      expect(personal[0]!.text.zh).toContain("你已从候补转为正式报名");
      expect(personal[0]!.text.en).not.toBe(personal[0]!.text.zh);
      expect(o.sends(2000)).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it("forgetting a confirmed volunteer promotes and tells the first waiting one", async () => {
    for (let u = 1101; u <= 1121; u++) await s.repo.join(u, PEST, "button");
    await s.store.signups.rewrite((e) => (e.userId === 1101 ? undefined : e));
    const promoted = await s.feature.forget(1101, s.bot.api, (l) => (k, a) => `${l}:${k}:${String(a?.position)}`);
    expect(promoted).toEqual([{ occurrenceId: PEST, userId: 1121, position: 20, headcount: 1 }]);
    expect(s.sends(1121)).toEqual(["zh:signup-promoted:20\nzh:signup-personal-reminder-place:undefined"]);
  });

  it("answers a press in the presser's language, not the group's, and tells a promoted English speaker in English, with the place", async () => {
    await s.store.write((db) => {
      db.chats[String(GROUP)] = { id: GROUP, type: "group", subscribed: true, active: true, lang: "zh", since: EVE.toISOString(), updatedAt: EVE.toISOString() };
    }, "durable");
    const reminder = await s.postReminder(GROUP, PEST);
    for (let u = 1001; u <= 1020; u++) await s.repo.join(u, PEST, "button");
    await s.handle(callbackQuery(makeUser(2001, { language_code: "en" }), signupCallbackData("join", PEST), reminder));
    expect(s.answers().at(-1)).toBe("⏳ Pest control day, Wed 11 Nov, 09:00 is full, so you are on the waitlist — number 1. You will be told at once if a place frees up.");
    await s.handle(callbackQuery(makeUser(1003), signupCallbackData("cancel", PEST), reminder));
    expect(s.answers().at(-1)).toContain("已取消");
    const told = await s.rec.waitForCall((c) => c.method === "sendMessage" && c.params.chat_id === 2001, 2000, 0);
    expect(String(told.params.text)).toBe(
      "🎉 A place freed up: you are now signed up for Pest control day, Wed 11 Nov, 09:00 — number 20. If you cannot come, press \"Can't make it\" on the reminder or reply \"cancel\".\n" +
        "📍 Place: the Liuhe Community Residents' Committee office",
    );
  });

  it("leaves a private 'which one?' list as it is when one of its buttons is pressed", async () => {
    const user = makeUser(42);
    await s.handle(privateMessage(user, "报名"));
    const ask = s.rec.sentMessages(42).at(-1)!;
    expect(ask.reply_markup?.inline_keyboard).toHaveLength(2);
    await s.handle(callbackQuery(user, signupCallbackData("join", PEST), ask));
    await s.feature.live.idle();
    expect(s.answers().at(-1)).toBe("✅ 已报名 11月11日（周三）09:00 除四害日 — 你是第 1 位");
    expect(s.rec.calls.filter((c) => c.method === "editMessageReplyMarkup")).toEqual([]);
    expect(s.rec.sentMessages(42).at(-1)?.reply_markup?.inline_keyboard).toHaveLength(2);
  });

  it("closes at the cut-off, but still lets people cancel", async () => {
    const reminder = await s.postReminder(GROUP, PEST);
    await s.handle(callbackQuery(makeUser(7), signupCallbackData("join", PEST), reminder));
    s.clock.now = new Date("2026-11-11T00:00:00.000Z"); // 08:00, cut-off 07:00
    await s.handle(callbackQuery(makeUser(8), signupCallbackData("join", PEST), reminder));
    expect(s.answers().at(-1)).toBe("抱歉，11月11日（周三）09:00 除四害日 的报名已截止。");
    await s.handle(callbackQuery(makeUser(7), signupCallbackData("cancel", PEST), reminder));
    expect(s.answers().at(-1)).toContain("已取消");
    expect((await eventsOf(s.store)).map((e) => [e.userId, e.type])).toEqual([[7, "join"], [7, "cancel"]]);
  });

  it("answers forged button data politely and changes nothing", async () => {
    const reminder = await s.postReminder(GROUP, PEST);
    for (const data of ["su:j:health-bulletin:2026-11-01", "su:j:pest-control:2026-11-12", "su:j:pest-control:2026-13-11", "su:zz", "at:y:1:pest-control:2026-11-11"]) {
      await s.handle(callbackQuery(makeUser(9), data, reminder));
    }
    expect(s.answers()).toEqual([
      "这个按钮已失效，请使用最新的提醒消息。", "这个按钮已失效，请使用最新的提醒消息。", "这个按钮已失效，请使用最新的提醒消息。", "这个按钮已失效，请使用最新的提醒消息。",
      "抱歉，这个命令只有社区工作人员可以使用。",
    ]);
    expect(await eventsOf(s.store)).toEqual([]);
  });
});

describe("pressing twice at the same instant", () => {
  it("counts once, and both answers come after the sign-up is on disk", async () => {
    const reminder = await s.postReminder(GROUP, PEST);
    const user = makeUser(555);
    const writes = s.store.writes;
    await Promise.all([1, 2].map(() => s.handle(callbackQuery(user, signupCallbackData("join", PEST), reminder))));
    expect(s.store.writes).toBeGreaterThan(writes);
    expect(s.answers().sort()).toEqual(["✅ 已报名 11月11日（周三）09:00 除四害日 — 你是第 1 位", "你已报名 11月11日（周三）09:00 除四害日 — 第 1 位"]);
    expect((await eventsOf(s.store)).filter((e) => e.userId === 555)).toHaveLength(1);
  });
});

describe("signing up by text", () => {
  it("signs up a group reply to the reminder, with a headcount, and ignores other group text", async () => {
    const reminder = await s.postReminder(GROUP, PEST);
    const chat = makeGroup(GROUP);
    const user = makeUser(31);
    await s.handle(groupMessage(chat, user, "报名"));
    await s.handle(groupMessage(chat, user, "报名 3人", { ...reminder, reply_to_message: undefined } as never));
    expect(s.sends(GROUP).slice(1)).toEqual(["✅ 已报名 11月11日（周三）09:00 除四害日 — 你是第 1 位（共 3 人）"]);
    await s.handle(groupMessage(chat, user, "join", reminder));
    expect(s.sends(GROUP).at(-1)).toBe("你已报名 11月11日（周三）09:00 除四害日 — 第 1 位（共 3 人）");
    await s.handle(groupMessage(chat, makeUser(32), "join with 2 friends", reminder));
    await s.handle(groupMessage(chat, makeUser(33), "天气不错", reminder));
    await s.handle(groupMessage(chat, makeUser(31), "取消", reminder));
    expect(s.sends(GROUP).at(-1)).toBe("已取消 11月11日（周三）09:00 除四害日 的报名。期待下次见！");
    expect((await eventsOf(s.store)).map((e) => [e.userId, e.type, e.headcount, e.via])).toEqual([
      [31, "join", 3, "text"], [32, "join", 3, "text"], [31, "cancel", undefined, "text"],
    ]);
    expect(s.sends(GROUP)).toHaveLength(5); // the reminder and four answers
  });

  it("a headcount over the limit is answered with the limit, not quietly cut to it", async () => {
    const reminder = await s.postReminder(GROUP, PEST);
    await s.handle(groupMessage(makeGroup(GROUP), makeUser(41), "报名100人", reminder));
    expect(s.sends(GROUP).at(-1)).toBe("抱歉，每次报名最多 10 人（含你自己）。请回复“报名 N人”重新填写人数。");
    expect(await eventsOf(s.store)).toEqual([]);
  });

  it("ignores a reply to a bot message without sign-up buttons", async () => {
    const other = await s.bot.api.sendMessage(GROUP, "欢迎");
    await s.handle(groupMessage(makeGroup(GROUP), makeUser(31), "报名", other));
    expect(await eventsOf(s.store)).toEqual([]);
    expect(s.sends(GROUP)).toHaveLength(1);
  });

  it("in a private chat with no reminder on record, a plain 报名 asks which (never guesses), and cancels the only sign-up", async () => {
    const user = makeUser(41);
    await s.handle(privateMessage(user, "报名"));
    const ask = s.rec.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === 41).at(-1);
    expect(ask?.params.text).toBe("你想报名哪一项？");
    const rows = (ask?.params.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard;
    expect(rows.map((r) => r[0]?.callback_data)).toEqual(["su:j:pest-control:2026-11-11", "su:j:civility-lecture:2026-11-15"]);
    s.clock.now = new Date("2026-11-22T12:00:00.000Z"); // only cleanup-day (28th) within a week: still asked
    await s.handle(privateMessage(user, "我来"));
    const one = s.rec.sentMessages(41).at(-1)!;
    expect(one.reply_markup?.inline_keyboard.map((r) => (r[0] as { callback_data?: string } | undefined)?.callback_data)).toEqual(["su:j:cleanup-day:2026-11-28"]);
    await s.handle(callbackQuery(user, "su:j:cleanup-day:2026-11-28", one));
    expect(s.answers().at(-1)).toBe("✅ 已报名 11月28日（周六）08:30 周末卫生日 — 你是第 1 位");
    await s.handle(privateMessage(user, "cancel"));
    expect(s.sends(41).at(-1)).toContain("已取消 11月28日（周六）08:30 周末卫生日");
  });
});

describe("/my", () => {
  it("never sends a text over 4,096 characters, however many sign-ups", async () => {
    const far = s.repo.between(EVE, new Date("2046-01-01T00:00:00.000Z")).slice(0, 200);
    // each joined within its sign-up window (the next 90 days), then /my asked on the first evening
    for (const o of far) {
      s.clock.now = new Date(o.startsAt.getTime() - 10 * 86_400_000);
      expect((await s.repo.join(52, o.occurrenceId, "button")).outcome).toBe("decided");
    }
    s.clock.now = EVE;
    await s.handle(command(makeUser(52), "/my"));
    const replies = s.rec.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === 52);
    expect(replies.length).toBeGreaterThan(1);
    for (const r of replies) expect("ok" in r.response && r.response.ok).toBe(true);
    expect(replies.map((r) => String(r.params.text)).join("\n").split("\n").filter((l) => l.startsWith("• "))).toHaveLength(200);
  });

  it("lists upcoming sign-ups and attended participation", async () => {
    const reminder = await s.postReminder(GROUP, CLEANUP);
    const user = makeUser(51);
    await s.handle(callbackQuery(user, signupCallbackData("join", CLEANUP), reminder));
    await s.repo.join(51, PEST, "text", 2);
    await s.repo.markAttended(1, "cleanup-day:2026-10-31", [51], true);
    await s.handle(command(user, "/my"));
    expect(s.sends(51).at(-1)).toBe(
      [
        "<b>我的报名</b>",
        "• 11月11日（周三）09:00 除四害日 — 第 1 位（2 人）",
        "• 11月28日（周六）08:30 周末卫生日 — 第 1 位",
        "",
        "<b>我的参与</b>：到场 1 次，共 1 人次。（以工作人员登记的到场为准）",
      ].join("\n"),
    );
  });
});

describe("staff", () => {
  it("refuses non-staff", async () => {
    const resident = makeUser(61);
    for (const [cmd, args] of [["/signups", "pest-control"], ["/attended", "pest-control 61"], ["/export", ""], ["/party", "61 on"]] as const) {
      await s.handle(command(resident, cmd, args || undefined));
    }
    expect(s.sends(61)).toEqual(Array(4).fill("抱歉，这个命令只有社区工作人员可以使用。"));
    expect(await eventsOf(s.store)).toEqual([]);
  });

  it("/signups lists names and counts; attendance buttons mark and unmark, and feed the campaign", async () => {
    const calls: Array<[string, { date: string; startsAt: string }, number[], unknown]> = [];
    await s.close();
    s = await setupSignupBot({ onAttendance: async (n, o, ids, change) => void calls.push([n, o, ids, change]) });
    const reminder = await s.postReminder(GROUP, CLEANUP);
    await s.handle(callbackQuery(makeUser(71, { first_name: "李<雷>" }), signupCallbackData("join", CLEANUP), reminder));
    await s.repo.join(72, CLEANUP, "text", 2);
    const admin = makeUser(1);
    // before the start: the names, but no attendance buttons
    await s.handle(command(admin, "/signups", "cleanup-day 2026-11-28"));
    const early = s.rec.sentMessages(1).at(-1);
    expect(early?.text).toContain("周末卫生日 11月28日（周六）08:30\n报名 2 份，共 3 人；候补 0 人；已到场 0 人。");
    expect(early?.text).toContain("1. 李<雷> 71");
    expect(early?.text).toContain("2. #72 72 ×2");
    expect(early?.text?.split("\n").at(-1)).toBe("⏳ 活动开始后才能标记到场，届时再发 /signups。已经开始的某一天：/signups cleanup-day YYYY-MM-DD");
    expect(early?.reply_markup?.inline_keyboard.flat() ?? []).toEqual([]);
    // 11:00 on the day: /signups without a date still picks the occurrence that started this morning
    s.clock.now = new Date("2026-11-28T03:00:00.000Z");
    await s.handle(command(admin, "/signups", "cleanup-day"));
    const list = s.rec.sentMessages(1).at(-1);
    expect(list?.text).toContain("周末卫生日 11月28日（周六）08:30\n报名 2 份，共 3 人；候补 0 人；已到场 0 人。");
    expect(list?.text).toContain("1. 李<雷> 71");
    expect(list?.text).toContain("2. #72 72 ×2");
    expect(list?.text?.split("\n").at(-1)).toBe("点下面的按钮标记到场（✅ 已到场）。");
    const buttons = list?.reply_markup?.inline_keyboard.flat() ?? [];
    expect(buttons.map((b) => ("callback_data" in b ? b.callback_data : ""))).toEqual([attendanceCallbackData(true, 71, CLEANUP), attendanceCallbackData(true, 72, CLEANUP)]);
    await s.handle(callbackQuery(admin, attendanceCallbackData(true, 72, CLEANUP), list!));
    await s.handle(callbackQuery(admin, attendanceCallbackData(true, 72, CLEANUP), list!));
    expect(s.answers().slice(-2)).toEqual(["✅ 已标记到场", "✅ 已标记到场"]);
    const edited = s.rec.sentMessages(1).at(-1);
    expect(edited?.text).toContain("已到场 2 人");
    expect(edited?.reply_markup?.inline_keyboard.flat()[1]?.text).toBe("✅ #72");
    const occurrence = { date: "2026-11-28", startsAt: "2026-11-28T00:30:00.000Z" };
    expect(calls).toEqual([["cleanup-day", occurrence, [72], { attended: true, remaining: 1 }]]);
    expect((await s.repo.userRecord(72)).participation).toEqual({ occurrences: 1, personTimes: 2 });
    await s.handle(callbackQuery(admin, attendanceCallbackData(false, 72, CLEANUP), edited!));
    expect((await s.repo.userRecord(72)).participation).toEqual({ occurrences: 0, personTimes: 0 });
    // the campaign takes the mistaken mark back
    expect(calls.at(-1)).toEqual(["cleanup-day", occurrence, [72], { attended: false, remaining: 0 }]);
    // names stay out of groups
    await s.handle(command(admin, "/signups", "cleanup-day", makeGroup(GROUP)));
    expect(s.sends(GROUP).at(-1)).toBe("名单含居民个人信息，请在与我的私聊中使用这个命令。");
  });

  it("/signups stays under 4,096 characters with long names, and cuts button labels between code points", async () => {
    await s.store.write((db) => {
      for (let u = 3000; u < 3060; u++) db.users[String(u)] = { id: u, firstName: "🌸".repeat(20), lastName: "&".repeat(64), username: "u".repeat(32), seenAt: EVE.toISOString() };
    }, "durable");
    for (let u = 3000; u < 3060; u++) await s.repo.join(u, CLEANUP, "button");
    const lastSend = () => s.rec.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === 1).at(-1);
    // before the start: cut as well, with no buttons and no word of them
    await s.handle(command(makeUser(1), "/signups", "cleanup-day"));
    const early = lastSend();
    expect(early && "ok" in early.response && early.response.ok).toBe(true);
    expect(String(early?.params.text).length).toBeLessThanOrEqual(4096);
    expect(String(early?.params.text)).toMatch(/名单较长，这里只列出前 \d+ 人；完整名单请用 \/export。/);
    expect((early?.params.reply_markup as { inline_keyboard: unknown[][] }).inline_keyboard.flat()).toEqual([]);
    s.clock.now = new Date("2026-11-28T03:00:00.000Z"); // started at 08:30, now 11:00
    await s.handle(command(makeUser(1), "/signups", "cleanup-day"));
    const call = lastSend();
    expect(call && "ok" in call.response && call.response.ok).toBe(true);
    const text = String(call?.params.text);
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toContain("名单较长，按钮只列出前");
    const labels = (call?.params.reply_markup as { inline_keyboard: Array<Array<{ text: string }>> }).inline_keyboard.flat().map((b) => b.text);
    expect(labels.length).toBeGreaterThan(5);
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    expect(labels.filter((l) => loneSurrogate.test(l))).toEqual([]);
  });

  it("/attended marks walk-ins and sign-ups by id, once", async () => {
    await s.repo.join(81, CLEANUP, "button");
    s.clock.now = new Date("2026-11-28T04:00:00.000Z");
    const admin = makeUser(1);
    await s.handle(command(admin, "/attended", "cleanup-day 81 82 81"));
    expect(s.sends(1).at(-1)).toBe("✅ 周末卫生日 11月28日（周六）08:30：新标记到场 2 人（共 2 人到场）。");
    await s.handle(command(admin, "/attended", "cleanup-day 2026-11-28 81"));
    expect(s.sends(1).at(-1)).toContain("新标记到场 0 人（共 2 人到场）");
    await s.handle(command(admin, "/attended", "cleanup-day abc"));
    expect(s.sends(1).at(-1)).toContain("用法：/attended");
    // no Telegram user has id 0: a typo must not add a phantom attendee to the campaign
    await s.handle(command(admin, "/attended", "cleanup-day 0"));
    expect(s.sends(1).at(-1)).toContain("用法：/attended");
    await s.handle(command(admin, "/attended", "no-such 81"));
    expect(s.sends(1).at(-1)).toContain("没有可报名的活动“no-such”");
    expect((await s.repo.summary(CLEANUP)).attended.map((a) => [a.userId, a.walkIn])).toEqual([[81, false], [82, true]]);
  });

  it("/attended before the start refuses in the staff member's language, walk-ins too, and stores nothing; from the start it marks", async () => {
    const calls: unknown[] = [];
    await s.close();
    s = await setupSignupBot({ onAttendance: async (...args) => void calls.push(args) });
    await s.store.write((db) => {
      db.roles["2"] = "staff";
    }, "durable");
    await s.repo.join(81, CLEANUP, "button");
    const admin = makeUser(1);
    const refusal = "⏳ “周末卫生日”11月28日（周六）08:30 才开始，开始后再标记到场。";
    await s.handle(command(admin, "/attended", "cleanup-day 81 82")); // the evening before: a sign-up and a walk-in
    expect(s.sends(1).at(-1)).toBe(refusal);
    s.clock.now = new Date("2026-11-28T00:29:59.999Z"); // a millisecond before 08:30
    await s.handle(command(admin, "/attended", "cleanup-day 2026-11-28 82"));
    expect(s.sends(1).at(-1)).toBe(refusal);
    await s.handle(command(makeUser(2, { language_code: "en" }), "/attended", "cleanup-day 81"));
    expect(s.sends(2).at(-1)).toBe("⏳ Weekend cleanup day starts Sat 28 Nov, 08:30; mark attendance once it has started.");
    // a later occurrence named by date, while an earlier one has started, is refused as well
    s.clock.now = new Date("2026-11-28T03:00:00.000Z");
    await s.handle(command(admin, "/attended", "cleanup-day 2026-12-26 81"));
    expect(s.sends(1).at(-1)).toBe("⏳ “周末卫生日”12月26日（周六）08:30 才开始，开始后再标记到场。");
    expect((await eventsOf(s.store)).map((e) => [e.userId, e.occurrenceId, e.type])).toEqual([[81, CLEANUP, "join"]]);
    expect((await s.repo.summary(CLEANUP)).attended).toEqual([]);
    expect(calls).toEqual([]);
    // at 08:30 sharp it has started
    s.clock.now = new Date("2026-11-28T00:30:00.000Z");
    await s.handle(command(admin, "/attended", "cleanup-day 81 82"));
    expect(s.sends(1).at(-1)).toBe("✅ 周末卫生日 11月28日（周六）08:30：新标记到场 2 人（共 2 人到场）。");
    expect((await s.repo.summary(CLEANUP)).attended.map((a) => [a.userId, a.walkIn])).toEqual([[81, false], [82, true]]);
    expect(calls).toEqual([["cleanup-day", { date: "2026-11-28", startsAt: "2026-11-28T00:30:00.000Z" }, [81, 82], { attended: true, remaining: 2 }]]);
  });

  it("refuses a forged or stale attendance button before the start, with an alert, and changes nothing", async () => {
    const calls: unknown[] = [];
    await s.close();
    s = await setupSignupBot({ onAttendance: async (...args) => void calls.push(args) });
    await s.repo.join(72, CLEANUP, "button");
    const admin = makeUser(1);
    await s.handle(command(admin, "/signups", "cleanup-day"));
    const list = s.rec.sentMessages(1).at(-1)!;
    for (const data of [attendanceCallbackData(true, 72, CLEANUP), attendanceCallbackData(true, 99, CLEANUP), attendanceCallbackData(false, 72, CLEANUP)]) {
      await s.handle(callbackQuery(admin, data, list));
    }
    const answered = s.rec.calls.filter((c) => c.method === "answerCallbackQuery").map((c) => [c.params.text, c.params.show_alert]);
    expect(answered).toEqual(Array(3).fill(["⏳ “周末卫生日”11月28日（周六）08:30 才开始，开始后再标记到场。", true]));
    expect((await eventsOf(s.store)).map((e) => [e.userId, e.type])).toEqual([[72, "join"]]);
    expect(calls).toEqual([]);
    expect(s.rec.calls.filter((c) => c.method === "editMessageText")).toEqual([]);
    // the days after, the list of that past date still has its buttons, and they work
    s.clock.now = new Date("2026-12-01T02:00:00.000Z");
    await s.handle(command(admin, "/signups", "cleanup-day 2026-11-28"));
    const later = s.rec.sentMessages(1).at(-1)!;
    expect(later.reply_markup?.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : ""))).toEqual([attendanceCallbackData(true, 72, CLEANUP)]);
    await s.handle(callbackQuery(admin, attendanceCallbackData(true, 72, CLEANUP), later));
    expect(s.answers().at(-1)).toBe("✅ 已标记到场");
    expect((await s.repo.summary(CLEANUP)).attended.map((a) => a.userId)).toEqual([72]);
    expect(calls).toHaveLength(1);
  });

  it("/party sets the party-member flag of a known user", async () => {
    const admin = makeUser(1);
    await s.handle(command(makeUser(91), "/start"));
    await s.handle(command(admin, "/party", "91 on"));
    expect(s.store.data.users["91"]?.partyMember).toBe(true);
    await s.handle(command(admin, "/party", "91 off"));
    expect(s.store.data.users["91"]?.partyMember).toBeUndefined();
    await s.handle(command(admin, "/party", "99999 on"));
    expect(s.sends(1).at(-1)).toContain("不认识用户 99999");
  });

  it("/export sends three CSV files with a BOM and escaped fields", async () => {
    await s.handle(command(makeUser(95, { first_name: '张, "三"', last_name: "=cmd" }), "/start"));
    await s.repo.join(95, CLEANUP, "button", 2);
    await s.repo.markAttended(1, CLEANUP, [95], true);
    await s.handle(command(makeUser(1), "/export"));
    const docs = s.rec.calls.filter((c) => c.method === "sendDocument");
    expect(docs).toHaveLength(3);
    const files: Record<string, string> = {};
    for (const d of docs) {
      const input = d.params.document as { filename?: string; toRaw(): Promise<Uint8Array> };
      const bytes = Buffer.from(await input.toRaw());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      files[input.filename ?? ""] = bytes.toString("utf8").slice(1);
    }
    expect(Object.keys(files).sort()).toEqual(["attendance.csv", "signups.csv", "volunteers.csv"]);
    // headers in the staff member's language, times local with the offset (journeys-figures)
    const at = "2026-11-10 19:00 +08:00";
    expect(files["signups.csv"]).toBe(
      `序号,时间,活动ID,日期,用户ID,姓名,小区,操作,人数,方式,操作人ID\r\n1,${at},cleanup-day,2026-11-28,95,"张, ""三"" =cmd",,join,2,button,\r\n` +
        `2,${at},cleanup-day,2026-11-28,95,"张, ""三"" =cmd",,attended,,staff,1\r\n`,
    );
    expect(files["attendance.csv"]?.split("\r\n")[1]).toBe(`cleanup-day,2026-11-28,95,"张, ""三"" =cmd",false,2,false,${at},1`);
    expect(files["volunteers.csv"]?.split("\r\n")[1]).toMatch(/^95,"张, ""三""",'=cmd,,,false,1,1,1,2,/);
  });
});

describe("live counts", () => {
  it("stop() ends the edits, even with one in flight", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const edit = vi.fn(async () => {
      await gate;
      return true;
    });
    const live = createLiveCounter({ repo: s.repo, intervalMs: 0 });
    live.touch({ editMessageReplyMarkup: edit } as unknown as Api, CLEANUP, [{ chatId: GROUP, messageId: 1 }, { chatId: GROUP, messageId: 2 }]);
    await vi.waitFor(() => expect(edit).toHaveBeenCalledTimes(1));
    live.stop();
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(edit).toHaveBeenCalledTimes(1);
  });

  it("spaces edits across all chats, so many groups together stay under Telegram's overall rate", async () => {
    const at: number[] = [];
    const edit = vi.fn(async () => {
      at.push(Date.now());
      return true;
    });
    const live = createLiveCounter({ repo: s.repo, intervalMs: 0, globalGapMs: 60 });
    const groups = Array.from({ length: 5 }, (_, i) => ({ chatId: -1000 - i, messageId: 1 }));
    live.touch({ editMessageReplyMarkup: edit } as unknown as Api, CLEANUP, groups);
    await vi.waitFor(() => expect(edit).toHaveBeenCalledTimes(5), { timeout: 2000 });
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(55); // timers may fire a few ms early
    live.stop();
  });

  it("with a gate (the sender's rate limit), every edit goes through it, for its chat", async () => {
    const edit = vi.fn(async () => true);
    const gated: number[] = [];
    const live = createLiveCounter({
      repo: s.repo,
      intervalMs: 0,
      globalGapMs: 1,
      gate: async (chatId, call) => {
        gated.push(chatId);
        await new Promise((r) => setTimeout(r, 5)); // a slot comes a little later
        return call(undefined as never);
      },
    });
    live.touch({ editMessageReplyMarkup: edit } as unknown as Api, CLEANUP, [{ chatId: -2001, messageId: 1 }, { chatId: -2002, messageId: 1 }]);
    await vi.waitFor(() => expect(edit).toHaveBeenCalledTimes(2), { timeout: 2000 });
    expect(gated.sort((a, b) => a - b)).toEqual([-2002, -2001]);
    live.stop();
  });

  it("edits each reminder at most once per interval and shows the final count", async () => {
    await s.close();
    s = await setupSignupBot();
    const reminder = await s.postReminder(GROUP, CLEANUP);
    s.store.write((db) => void (db.liveMessages[CLEANUP] = [{ chatId: GROUP, messageId: reminder.message_id }]), "batched");
    expect(signupKeyboard(CLEANUP).inline_keyboard[0]?.[0]?.text).toBe("报名 / I'll join");
    await Promise.all(Array.from({ length: 30 }, (_, i) => s.handle(callbackQuery(makeUser(300 + i), signupCallbackData("join", CLEANUP), reminder))));
    await s.feature.live.idle();
    const edits = s.rec.calls.filter((c) => c.method === "editMessageReplyMarkup");
    expect(edits.length).toBeLessThan(30);
    expect(edits.every((c) => "ok" in c.response && c.response.ok)).toBe(true);
    expect(s.rec.sentMessages(GROUP)[0]?.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe("报名 / I'll join · 30");
  });
});
