import type { Chat, Message, User } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signupKeyboard } from "../../src/domain/signups/buttons.js";
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

const CLEANUP_TEXT = "⏰ 周末卫生日\n🗓 11月28日（周六）08:30\n每月最后一个周六，欢迎报名。";
const PEST_TEXT = "⏰ 除四害日\n🗓 11月11日（周三）09:00";

/** Chats as subscribers (a reminder is remembered only for a chat the store knows). */
async function subscribe(...ids: number[]): Promise<void> {
  await s.store.write((db) => {
    for (const id of ids) {
      db.chats[String(id)] = { id, type: id > 0 ? "private" : "group", subscribed: true, active: true, since: EVE.toISOString(), updatedAt: EVE.toISOString() };
    }
  }, "durable");
}

/** A reminder as the sender delivers it (buttons without a count), then the sender's onSent hook. */
async function deliver(chatId: number, occurrenceId: string, text: string): Promise<Message> {
  const m = await s.bot.api.sendMessage(chatId, text, { reply_markup: signupKeyboard(occurrenceId) });
  s.feature.delivered(s.bot.api, occurrenceId, chatId, m);
  return m;
}

const dm = (u: User): Chat => ({ id: u.id, type: "private", first_name: u.first_name }) as Chat;
/** A private text replying to `to`. */
const replyIn = (u: User, text: string, to: Message) => groupMessage(dm(u), u, text, to);
const joinLabel = (m: Message | undefined) => (m?.reply_markup?.inline_keyboard[0]?.[0] as { text?: string } | undefined)?.text;

describe("a text sign-up binds to the notice it answers", () => {
  it("a reply to a cleanup-day message without buttons (the first part of a long reminder) signs up for the cleanup day, not pest control", async () => {
    const u = makeUser(41);
    await subscribe(41);
    await deliver(41, PEST, PEST_TEXT);
    const part1 = await s.bot.api.sendMessage(41, CLEANUP_TEXT); // a long reminder: the buttons are on its last part
    await deliver(41, CLEANUP, "（续）");
    await s.handle(replyIn(u, "join with 2 friends", part1));
    expect(s.sends(41).at(-1)).toBe("✅ 已报名 11月28日（周六）08:30 周末卫生日 — 你是第 1 位（共 3 人）");
    expect((await eventsOf(s.store)).map((e) => [e.occurrenceId, e.headcount])).toEqual([[CLEANUP, 3]]);
  });

  it("a reply to the bot's own answer about the cleanup day means the cleanup day", async () => {
    const u = makeUser(42);
    await subscribe(42);
    await deliver(42, PEST, PEST_TEXT);
    const answer = await s.bot.api.sendMessage(42, "你已报名 11月28日（周六）08:30 周末卫生日 — 第 1 位");
    await s.handle(replyIn(u, "报名 2人", answer));
    expect((await eventsOf(s.store)).map((e) => [e.occurrenceId, e.headcount])).toEqual([[CLEANUP, 2]]);
  });

  it("a reply in a group to the delivered reminder's message id (buttons not handed back) binds to its occurrence", async () => {
    await subscribe(GROUP);
    const reminder = await deliver(GROUP, CLEANUP, CLEANUP_TEXT);
    await s.handle(groupMessage(makeGroup(GROUP), makeUser(43), "+1", { ...reminder, text: "…", reply_markup: undefined } as Message));
    expect((await eventsOf(s.store)).map((e) => [e.userId, e.occurrenceId])).toEqual([[43, CLEANUP]]);
  });

  it("a plain 报名 from a user whose only reminder was the cleanup day signs up for the cleanup day, though pest control is sooner", async () => {
    s.clock.now = new Date("2026-12-08T04:00:00.000Z"); // pest control on the 9th is the only occurrence within a week
    await subscribe(44);
    await deliver(44, "cleanup-day:2026-12-26", "⏰ 周末卫生日\n🗓 12月26日（周六）08:30");
    await s.handle(privateMessage(makeUser(44), "报名"));
    expect(s.sends(44).at(-1)).toBe("✅ 已报名 12月26日（周六）08:30 周末卫生日 — 你是第 1 位");
    expect((await eventsOf(s.store)).map((e) => e.occurrenceId)).toEqual(["cleanup-day:2026-12-26"]);
  });

  it("with several open reminders received, a plain text asks which, and the button keeps the text's number of people", async () => {
    const u = makeUser(45);
    await subscribe(45);
    await deliver(45, CLEANUP, CLEANUP_TEXT);
    await deliver(45, PEST, PEST_TEXT);
    await s.handle(privateMessage(u, "报名 3人"));
    const ask = s.rec.sentMessages(45).at(-1)!;
    expect(ask.text).toBe("你想报名哪一项？");
    // the most recently received first
    expect(ask.reply_markup?.inline_keyboard.map((r) => (r[0] as { callback_data: string }).callback_data)).toEqual([`su:j3:${PEST}`, `su:j3:${CLEANUP}`]);
    await s.handle(callbackQuery(u, `su:j3:${CLEANUP}`, ask));
    expect(s.answers().at(-1)).toBe("✅ 已报名 11月28日（周六）08:30 周末卫生日 — 你是第 1 位（共 3 人）");
  });
});

describe("+N adds to the party, 报名 N人 sets it", () => {
  it("报名 3人 then +1 is 4 people; 报名 2人 sets 2", async () => {
    await subscribe(GROUP);
    const reminder = await deliver(GROUP, PEST, PEST_TEXT);
    const chat = makeGroup(GROUP);
    const u = makeUser(51);
    await s.handle(groupMessage(chat, u, "报名 3人", reminder));
    await s.handle(groupMessage(chat, u, "+1", reminder));
    expect(s.sends(GROUP).at(-1)).toBe("✅ 已将 11月11日（周三）09:00 除四害日 的报名人数改为 4 人 — 第 1 位。");
    await s.handle(groupMessage(chat, u, "报名 2人", reminder));
    expect((await eventsOf(s.store)).map((e) => e.headcount)).toEqual([3, 4, 2]);
    // "+1" from someone new is just them
    await s.handle(groupMessage(chat, makeUser(52), "+1", reminder));
    expect((await s.repo.counts(PEST)).heads).toBe(3);
  });

  it("a private \"+1\" without a reply adds to the one party the sender has among the open reminders", async () => {
    const u = makeUser(54);
    await subscribe(54);
    await deliver(54, CLEANUP, CLEANUP_TEXT);
    await deliver(54, PEST, PEST_TEXT);
    await s.repo.join(54, CLEANUP, "text", 3);
    await s.handle(privateMessage(u, "+1"));
    expect(s.sends(54).at(-1)).toBe("✅ 已将 11月28日（周六）08:30 周末卫生日 的报名人数改为 4 人 — 第 1 位。");
  });

  it("a plain 报名 or a button press keeps the party as it is", async () => {
    await subscribe(GROUP);
    const reminder = await deliver(GROUP, PEST, PEST_TEXT);
    await s.handle(groupMessage(makeGroup(GROUP), makeUser(53), "报名 3人", reminder));
    await s.handle(groupMessage(makeGroup(GROUP), makeUser(53), "报名", reminder));
    await s.handle(callbackQuery(makeUser(53), `su:j:${PEST}`, reminder));
    expect((await s.repo.counts(PEST)).heads).toBe(3);
  });
});

describe("refusals tell the truth", () => {
  it("with 19 of 20 places free, 20 people is refused for the per-sign-up limit, not as places left", async () => {
    await s.repo.join(60, PEST, "button");
    await subscribe(GROUP);
    const reminder = await deliver(GROUP, PEST, PEST_TEXT);
    await s.handle(groupMessage(makeGroup(GROUP), makeUser(61, { language_code: "en" }), "join 20 people", reminder));
    expect(s.sends(GROUP).at(-1)).toBe('Sorry, one sign-up can be for at most 10 people, you included. Reply "join N people" with the number.');
  });

  it("a confirmed party that cannot grow is told the places left for it", async () => {
    for (let u = 1001; u <= 1017; u++) await s.repo.join(u, PEST, "button");
    await s.repo.join(62, PEST, "text", 2); // 19 of 20 taken
    await subscribe(GROUP);
    const reminder = await deliver(GROUP, PEST, PEST_TEXT);
    await s.handle(groupMessage(makeGroup(GROUP), makeUser(62), "+2", reminder));
    expect(s.sends(GROUP).at(-1)).toBe("抱歉，剩余名额不够：你的报名最多可以是 3 人（含你已报的）。请回复“报名 N人”重新填写人数。");
    expect((await s.repo.counts(PEST)).heads).toBe(19);
  });
});

describe("no button shows a stale count", () => {
  it("a private copy never shows a count: not after a press, not after a text cancel", async () => {
    const u = makeUser(71);
    await subscribe(71);
    const reminder = await deliver(71, PEST, PEST_TEXT);
    await s.handle(callbackQuery(u, `su:j:${PEST}`, reminder));
    await s.handle(privateMessage(u, "取消"));
    await s.feature.live.idle();
    expect((await s.repo.counts(PEST)).heads).toBe(0);
    expect(s.rec.calls.filter((c) => c.method === "editMessageReplyMarkup")).toEqual([]);
    expect(joinLabel(s.rec.sentMessages(71)[0])).toBe("报名 / I'll join");
  });

  it("an old private copy with a frozen count loses it when pressed", async () => {
    await subscribe(72);
    const old = await s.bot.api.sendMessage(72, PEST_TEXT, { reply_markup: signupKeyboard(PEST, { heads: 1, waiting: 0, capacity: 20 }) });
    await s.handle(callbackQuery(makeUser(72), `su:j:${PEST}`, old));
    await s.feature.live.idle();
    expect(joinLabel(s.rec.sentMessages(72)[0])).toBe("报名 / I'll join");
  });

  it("a group's reminder shows the count once delivered and follows every change, text sign-ups and cancels included", async () => {
    await subscribe(GROUP, -2002);
    const reminder = await deliver(GROUP, PEST, PEST_TEXT);
    await deliver(-2002, PEST, PEST_TEXT);
    await s.feature.live.idle();
    expect(joinLabel(s.rec.sentMessages(GROUP)[0])).toBe("报名 / I'll join · 0/20");
    await s.handle(groupMessage(makeGroup(GROUP), makeUser(73), "报名 2人", reminder));
    await s.feature.live.idle();
    expect(joinLabel(s.rec.sentMessages(-2002)[0])).toBe("报名 / I'll join · 2/20");
    await s.handle(groupMessage(makeGroup(GROUP), makeUser(73), "取消", reminder));
    await s.feature.live.idle();
    expect(joinLabel(s.rec.sentMessages(GROUP)[0])).toBe("报名 / I'll join · 0/20");
    expect(joinLabel(s.rec.sentMessages(-2002)[0])).toBe("报名 / I'll join · 0/20");
  });
});

describe("English plurals", () => {
  it("/my says once and one person-time; a party of one is 1 person", async () => {
    const u = makeUser(81, { language_code: "en" });
    await s.repo.join(81, "cleanup-day:2026-10-31", "button");
    await s.repo.markAttended(1, "cleanup-day:2026-10-31", [81], true);
    await s.handle(command(u, "/my"));
    expect(s.sends(81).at(-1)).toContain("attended once, 1 person-time in all");
    await s.repo.join(81, PEST, "text", 2);
    await subscribe(GROUP);
    const reminder = await deliver(GROUP, PEST, PEST_TEXT);
    await s.handle(groupMessage(makeGroup(GROUP), u, "join, 1 person", reminder));
    expect(s.sends(GROUP).at(-1)).toBe("✅ Your sign-up for Pest control day, Wed 11 Nov, 09:00 is now for 1 person — number 1.");
  });
});

describe("staff commands", () => {
  it("/party answers only in private", async () => {
    await s.store.write((db) => void (db.users["77"] = { id: 77, firstName: "王", seenAt: EVE.toISOString() }), "durable");
    await s.handle(command(makeUser(1), "/party", "77 on", makeGroup(GROUP)));
    expect(s.sends(GROUP).at(-1)).toBe("这个命令请在与我的私聊中使用。");
    expect(s.store.data.users["77"]?.partyMember).toBeUndefined();
    await s.handle(command(makeUser(1), "/party", "77 on"));
    expect(s.store.data.users["77"]?.partyMember).toBe(true);
  });

  it("/signups and /attended take a notice's name; an unknown name lists the valid ones", async () => {
    await s.repo.join(90, CLEANUP, "button");
    await s.handle(command(makeUser(1), "/signups", "卫生日"));
    expect(s.sends(1).at(-1)?.split("\n")[0]).toBe("<b>周末卫生日 11月28日（周六）08:30</b>");
    await s.handle(command(makeUser(1), "/signups", "pest control 2026-11-11"));
    expect(s.sends(1).at(-1)?.split("\n")[0]).toBe("<b>除四害日 11月11日（周三）09:00</b>");
    await s.handle(command(makeUser(1), "/signups", "灭火"));
    expect(s.sends(1).at(-1)).toBe("没有可报名的活动“灭火”。可报名的活动：cleanup-day（周末卫生日）、pest-control（除四害日）、civility-lecture（市民学校文明讲堂）");
    s.clock.now = new Date("2026-11-28T02:00:00.000Z"); // the cleanup day has started
    await s.handle(command(makeUser(1), "/attended", "周末卫生日 90 91"));
    expect(s.sends(1).at(-1)).toBe("✅ 周末卫生日 11月28日（周六）08:30：新标记到场 2 人（共 2 人到场）。");
  });
});
