/**
 * /move and /skip through the whole app (issue 14): sign-ups follow a moved date with their places,
 * those signed up are told in their language, reminders follow the new date (the scheduler driven
 * at an injected clock), /next and /my show it; every bad argument is a clear error.
 */
import type { Message, Update } from "grammy/types";
import pino from "pino";
import { createApp } from "../../../src/app.js";
import { parseConfig } from "../../../src/config.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callbackQuery, command, createRecordingFetch, makeUser } from "../../../tools/fake-bot-api/index.js";
import { readHtml } from "../../helpers/bot-harness.js";
import { createAppHarness, type AppHarness } from "../app-harness.js";

// Friday 20 November 2026, 10:00 in Shanghai. Pest control: Wed 9 Dec 09:00, capacity 20.
const NOW = new Date("2026-11-20T02:00:00Z");
const admin = makeUser(1, { first_name: "张主任", language_code: "zh" });
const enStaff = makeUser(2, { first_name: "Li", language_code: "en" });
const wang = makeUser(100, { first_name: "王芳", language_code: "zh" });
const tom = makeUser(101, { first_name: "Tom", language_code: "en" });
const li = makeUser(102, { first_name: "李娜", language_code: "zh" });
const outsider = makeUser(103, { first_name: "路人", language_code: "zh" });

let h: AppHarness;
beforeEach(async () => {
  h = await createAppHarness(NOW, "1,2");
  for (const u of [admin, enStaff, wang, tom, li, outsider]) await h.send(command(u, "start"));
  h.rec.calls.length = 0;
});
afterEach(async () => {
  await h.close();
});

const privateChat = (id: number): Message => ({ message_id: 1, date: 0, chat: { id, type: "private", first_name: "x" } }) as Message;
const press = (user: ReturnType<typeof makeUser>, data: string) => h.send(callbackQuery(user, data, privateChat(user.id)));
/** The last message sent to a chat, as text. */
const last = (chatId: number): string => readHtml(h.replies(chatId).at(-1) ?? "");
/** Presses a button of the last message the bot sent to a chat. */
const pressLast = async (user: ReturnType<typeof makeUser>, label: RegExp) => {
  const sent = h.rec.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === user.id).at(-1);
  const markup = sent?.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] } | undefined;
  const button = markup?.inline_keyboard.flat().find((b) => label.test(b.text));
  if (!button) throw new Error(`no button ${String(label)}`);
  await press(user, button.callback_data);
};
/**
 * What one broadcast told whom, as the sender delivered it: each chat's message, in the language the
 * sender chose for it (throws when a chat got it twice).
 */
const told = async (key: string): Promise<Record<string, string>> => {
  await h.app.sender.idle();
  const b = Object.values(h.store.data.broadcasts).find((x) => x.key === key);
  if (!b) throw new Error(`no broadcast ${key}`);
  const texts = new Set(Object.values(b.text));
  const got: Record<string, string> = {};
  for (const c of h.rec.calls.filter((x) => x.method === "sendMessage" && texts.has(String(x.params.text)))) {
    const chat = String(c.params.chat_id);
    if (chat in got) throw new Error(`${key} sent twice to ${chat}`);
    got[chat] = readHtml(String(c.params.text));
  }
  return got;
};
const at = async (iso: string) => {
  h.clock.now = new Date(iso);
  await h.app.scheduler.tick(h.clock.now);
};
const enqueued = (key: string) => h.store.data.enqueued[key] !== undefined;

describe("/move", () => {
  it("moves sign-ups with their places, tells each in their language, and reminders follow the new date", async () => {
    await press(wang, "su:j10:pest-control:2026-12-09");
    await press(tom, "su:j10:pest-control:2026-12-09");
    await press(li, "su:j:pest-control:2026-12-09");
    const answer = h.rec.calls.filter((c) => c.method === "answerCallbackQuery").at(-1);
    expect(String(answer?.params.text)).toContain("候补");

    await h.send(command(admin, "move", "pest-control 2026-12-09 2026-12-10 10:00"));
    const preview = last(admin.id);
    expect(preview).toContain("改期预览：“除四害日”");
    expect(preview).toContain("12月9日（周三）09:00");
    expect(preview).toContain("12月10日（周四）10:00");
    expect(preview).toContain("已报名 3 人");
    // nothing changed before Confirm
    expect(h.store.data.office.dateOverrides).toEqual({});
    await pressLast(admin, /确认/);
    const edited = h.rec.calls.filter((c) => c.method === "editMessageText").at(-1);
    expect(readHtml(String(edited?.params.text)) + last(admin.id)).toContain("已改期：“除四害日”从 12月9日（周三）09:00 改到 12月10日（周四）10:00。已通知 3 人。");

    const moved = await told("move:pest-control:2026-12-09:2026-12-10");
    expect(Object.keys(moved).sort()).toEqual(["100", "101", "102"]);
    expect(moved["100"]).toContain("原定 12月9日（周三）09:00，改到 12月10日（周四）10:00");
    expect(moved["101"]).toContain("is now on Thu 10 Dec, 10:00");
    expect(moved["102"]).toContain("改到 12月10日");

    // places kept: 王芳 and Tom confirmed (10 each), 李娜 first on the waitlist
    await h.send(command(li, "my"));
    const my = last(li.id);
    expect(my).toContain("12月10日");
    expect(my).toContain("候补");
    expect(my).not.toContain("12月9日");
    await h.send(command(admin, "signups", "pest-control 2026-12-10"));
    const roster = last(admin.id);
    expect(roster.indexOf("王芳")).toBeLessThan(roster.indexOf("Tom"));
    expect(roster.indexOf("Tom")).toBeLessThan(roster.indexOf("李娜"));

    // a button sent before the move still works: Tom cancels, 李娜 is promoted on the new date
    await press(tom, "su:c:pest-control:2026-12-09");
    expect(String(h.rec.calls.filter((c) => c.method === "answerCallbackQuery").at(-1)?.params.text)).toContain("10 Dec");

    await h.send(command(wang, "next"));
    expect(last(wang.id)).toMatch(/除四害日\n\s*12月10日/);

    // the old eve (8 Dec 19:00) sends nothing; the new eve (9 Dec 19:00) and the personal reminder do
    await at("2026-12-08T11:00:00Z");
    expect(enqueued("pest-control:2026-12-09:eve")).toBe(false);
    await at("2026-12-09T00:00:00Z"); // 08:00 on the old day: its personal reminder would be due
    expect(enqueued("pest-control:2026-12-09:personal")).toBe(false);
    await at("2026-12-09T11:00:00Z");
    expect(enqueued("pest-control:2026-12-10:eve")).toBe(true);
    await at("2026-12-10T00:05:00Z");
    // Tom cancelled; 王芳 and the promoted 李娜 get the new date's personal reminder
    expect(Object.keys(await told("pest-control:2026-12-10:personal")).sort()).toEqual(["100", "102"]);
  });

  it("moves a date twice; sign-ups follow both moves", async () => {
    await press(wang, "su:j:cleanup-day:2026-11-28");
    await h.send(command(admin, "move", "cleanup-day 2026-11-28 2026-11-29"));
    await pressLast(admin, /确认/);
    await h.send(command(admin, "move", "卫生日 2026-11-29 2026-12-05 9:00"));
    expect(last(admin.id)).toContain("已报名 1 人");
    await pressLast(admin, /确认/);
    await h.send(command(wang, "my"));
    expect(last(wang.id)).toContain("12月5日");
    expect(h.store.data.office.dateOverrides["cleanup-day"]?.moves).toMatchObject([{ from: "2026-11-28", to: "2026-12-05", time: "09:00", via: ["2026-11-29"] }]);
  });

  it("answers every bad argument with a clear error, in the staff member's language", async () => {
    const zh = async (args: string) => (await h.send(command(admin, "move", args)), last(admin.id));
    const en = async (args: string) => (await h.send(command(enStaff, "move", args)), last(enStaff.id));
    expect(await zh("")).toContain("用法：/move");
    expect(await en("cleanup-day 2026-11-28")).toContain("Usage: /move");
    expect(await zh("party-day 2026-11-28 2026-11-29")).toContain("没有编号为“party-day”的通知或活动");
    expect(await en("party-day 2026-11-28 2026-11-29")).toContain("There is no notice or event “party-day”");
    expect(await zh("cleanup-day 2026-11-27 2026-11-29")).toContain("“周末卫生日”在 2026-11-27 没有活动。接下来的日期：2026-11-28, 2026-12-26");
    expect(await en("cleanup-day 2026-11-27 2026-11-29")).toContain("has no date on 2026-11-27");
    expect(await zh("cleanup-day 2026-10-31 2026-11-29")).toContain("已经开始或已过去");
    expect(await en("cleanup-day 2026-10-31 2026-11-29")).toContain("has already started or is over");
    expect(await zh("cleanup-day 2026-11-28 2026-11-19")).toContain("新的时间 11月19日（周四）08:30 已经过去");
    expect(await en("cleanup-day 2026-11-28 2026-11-20 09:00")).toContain("The new time, Fri 20 Nov, 09:00, is in the past");
    expect(await zh("cleanup-day 2026-11-28 2026-11-28")).toContain("新日期和原日期相同");
    expect(await en("cleanup-day 2026-11-28 2026-11-28 10:00")).toContain("same as the old one");
    expect(await zh("cleanup-day 2026-11-28 2026-12-26")).toContain("在 2026-12-26 已经有（或有过）一次活动");
    expect(await en("cleanup-day 2026-11-28 2026-13-01")).toContain("“2026-13-01” is not a date");
    expect(await zh("cleanup-day 2026-11-28 2026-11-29 25:00")).toContain("“25:00”不是有效的时间");
    expect(await en("cleanup-day 2026-11-28 2026-11-29 noon")).toContain("“noon” is not a time");
    await h.send(command(wang, "move", "cleanup-day 2026-11-28 2026-11-29"));
    expect(last(wang.id)).toContain("只有社区工作人员");
    expect(h.store.data.office.dateOverrides).toEqual({});
  });

  it("Cancel changes nothing", async () => {
    await h.send(command(enStaff, "move", "cleanup-day 2026-11-28 2026-11-29"));
    expect(last(enStaff.id)).toContain("Nobody has signed up yet.");
    await pressLast(enStaff, /Cancel/);
    expect(h.store.data.office.dateOverrides).toEqual({});
  });
});

describe("/skip", () => {
  it("cancels one date: those signed up are told with the reason, no reminders, /next shows the following date", async () => {
    await press(wang, "su:j:cleanup-day:2026-11-28");
    await press(tom, "su:j:cleanup-day:2026-11-28");
    await h.send(command(enStaff, "skip", "cleanup-day 2026-11-28 heavy rain"));
    const preview = last(enStaff.id);
    expect(preview).toContain("Cancel “Weekend cleanup day” on Sat 28 Nov (preview)");
    expect(preview).toContain("Reason: heavy rain");
    expect(preview).toContain("The 2 people signed up (waitlist included) will be told.");
    await pressLast(enStaff, /Confirm/);
    const skipped = await told("skip:cleanup-day:2026-11-28");
    expect(Object.keys(skipped).sort()).toEqual(["100", "101"]);
    expect(skipped["101"]).toContain("“Weekend cleanup day” on Sat 28 Nov will not take place. Reason: heavy rain.");
    expect(skipped["100"]).toContain("“周末卫生日”11月28日（周六） 这一次取消。原因：heavy rain");

    await h.send(command(wang, "next"));
    expect(last(wang.id)).toMatch(/周末卫生日\n\s*12月26日/);
    await at("2026-11-27T11:00:00Z");
    await at("2026-11-27T23:30:00Z");
    expect(enqueued("cleanup-day:2026-11-28:eve")).toBe(false);
    expect(enqueued("cleanup-day:2026-11-28:morning")).toBe(false);
    expect(enqueued("cleanup-day:2026-11-28:personal")).toBe(false);
  });

  it("refuses a date the notice does not have, a past one, an unknown id", async () => {
    await h.send(command(admin, "skip", "cleanup-day 2026-11-29"));
    expect(last(admin.id)).toContain("在 2026-11-29 没有活动");
    await h.send(command(admin, "skip", "cleanup-day 2026-10-31"));
    expect(last(admin.id)).toContain("已经开始或已过去");
    await h.send(command(enStaff, "skip", "nope 2026-11-28"));
    expect(last(enStaff.id)).toContain("There is no notice or event “nope”");
    await h.send(command(enStaff, "skip", "cleanup-day"));
    expect(last(enStaff.id)).toContain("Usage: /skip");
    await h.send(command(enStaff, "skip", "cleanup-day 28.11."));
    expect(last(enStaff.id)).toContain("“28.11.” is not a date");
    await h.send(command(enStaff, "skip", "cleanup-day 2026-02-30"));
    expect(last(enStaff.id)).toContain("“2026-02-30” is not a date");
    expect(h.store.data.office.dateOverrides).toEqual({});
  });
});

describe("after a restart", () => {
  it("a new app over the same store keeps the move: sign-ups folded onto the new date, places kept", async () => {
    await press(wang, "su:j10:pest-control:2026-12-09");
    await press(tom, "su:j10:pest-control:2026-12-09");
    await press(li, "su:j:pest-control:2026-12-09");
    await h.send(command(admin, "move", "pest-control 2026-12-09 2026-12-12"));
    await pressLast(admin, /确认/);
    await h.store.flush();
    const config = parseConfig({ BOT_TOKEN: "123:TEST", DB_FILE: "unused.json", DATA_DIR: "data", ADMIN_IDS: "1,2" });
    const again = await createApp({ config, store: h.store, log: pino({ level: "silent" }), now: () => h.clock.now, fetch: createRecordingFetch(h.rec) });
    again.bot.botInfo = h.rec.botInfo;
    await again.bot.handleUpdate({ update_id: 9999, ...command(li, "my") } as Update);
    const my = readHtml(String(h.rec.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === li.id).at(-1)?.params.text));
    expect(my).toContain("12月12日");
    expect(my).toContain("候补");
    await again.bot.handleUpdate({ update_id: 10000, ...command(wang, "next") } as Update);
    expect(readHtml(String(h.rec.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === wang.id).at(-1)?.params.text))).toMatch(/除四害日\n\s*12月12日/);
    again.stopFeatures();
    await again.sender.stop();
  });
});

describe("/stats per compound", () => {
  it("counts subscribers and upcoming sign-ups per compound, and those who chose none", async () => {
    await press(wang, "home:liudong");
    await press(tom, "home:liudong");
    await press(li, "home:liuhe40");
    await press(wang, "su:j:cleanup-day:2026-11-28");
    await press(li, "su:j:cleanup-day:2026-11-28");
    await press(li, "su:j:pest-control:2026-12-09");
    await h.send(command(admin, "stats"));
    const zh = last(admin.id);
    expect(zh).toContain("按小区");
    expect(zh).toMatch(/柳东新村：2 人订阅 · 1 人次报名/);
    expect(zh).toMatch(/柳河路40号[^\n]*：1 人订阅 · 2 人次报名/);
    // admin, enStaff and the outsider chose none
    expect(zh).toContain("未选择小区：3 人订阅 · 0 人次报名");
    await h.send(command(enStaff, "stats"));
    expect(last(enStaff.id)).toContain("no compound chosen: 3 subscribed · 0 signed up");
  });
});

describe("/export per compound", () => {
  it("gives the sign-up and volunteer files a compound column, headed in the reader's language", async () => {
    await press(wang, "home:liudong");
    await press(wang, "su:j:cleanup-day:2026-11-28");
    await press(li, "su:j:cleanup-day:2026-11-28");
    await h.send(command(admin, "export"));
    const files = h.documents();
    const rows = (files["signups.csv"] ?? "").trim().split(/\r?\n/);
    expect(rows[0]?.split(",")[6]).toBe("小区");
    expect(rows.find((r) => r.includes(",100,"))?.split(",")[6]).toBe("柳东新村");
    expect(rows.find((r) => r.includes(",102,"))?.split(",")[6]).toBe("");
    expect((files["volunteers.csv"] ?? "").split(/\r?\n/)[0]?.split(",")[4]).toBe("小区");
  });
});

describe("/events card: move or cancel one date", () => {
  it("a notice's card offers both, and each answers with the line to send and the next dates; residents are refused", async () => {
    await press(admin, "en:v:pest-control");
    const card = h.rec.calls.filter((c) => c.method === "editMessageText" || c.method === "sendMessage").at(-1);
    const data = JSON.stringify(card?.params.reply_markup ?? {});
    expect(data).toContain("en:m:pest-control");
    expect(data).toContain("en:s:pest-control");
    await press(admin, "en:m:pest-control");
    const prompt = last(admin.id);
    expect(prompt).toContain("/move pest-control 原日期 新日期");
    expect(prompt).toMatch(/12月9日|2026-12-09/);
    await press(admin, "en:s:pest-control");
    expect(last(admin.id)).toContain("/skip pest-control 日期");
    h.replies(wang.id); // what wang got so far
    await press(wang, "en:m:pest-control");
    const refusal = h.replies(wang.id).join("\n");
    expect(refusal).not.toContain("/move");
    expect(h.rec.calls.filter((c) => c.method === "answerCallbackQuery").at(-1)?.params.text).toBeTruthy();
  });
});
