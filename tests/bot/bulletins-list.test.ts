import type { Message } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callbackQuery, command, documentMessage, makeUser, type RecordedCall } from "../../tools/fake-bot-api/index.js";
import { readHtml } from "../helpers/bot-harness.js";
import { createTestTranslate } from "../helpers/fluent.js";
import { createBulletinWorld, STAFF, type BulletinWorld } from "./bulletins-setup.js";

const zh = createTestTranslate("zh");
const en = createTestTranslate("en");
const staff = makeUser(STAFF);
const resident = makeUser(100);
/** Sat 20 Feb 2027, 10:00 in Shanghai: the March issue is due Mon 1 Mar 10:00 (02:00Z) */
const clock = { now: new Date("2027-02-20T02:00:00Z") };
const SPRING = "/bulletin 2027-03 春季防病与除四害\n居民朋友们：春天到了，气温回升，蚊蝇开始活动。\n\n请清理积水，做好居家卫生。";

let w: BulletinWorld;
beforeEach(async () => {
  clock.now = new Date("2027-02-20T02:00:00Z");
  w = await createBulletinWorld(clock);
});
afterEach(() => w.close());

const send = (input: Parameters<BulletinWorld["h"]["send"]>[0]) => w.h.send(input);
const last = (chatId: number): Message => w.h.lastSent(chatId);
const calls = (method: string, chatId?: number): RecordedCall[] =>
  w.h.rec.calls.filter((c) => c.method === method && (chatId === undefined || Number(c.params.chat_id) === chatId) && "ok" in c.response && c.response.ok);
/** Presses a button of the staff member's last message. */
const press = async (user = staff, data?: string) => {
  const m = last(user.id);
  const button = m.reply_markup?.inline_keyboard.flat().find((b) => "callback_data" in b && (data === undefined || b.callback_data.startsWith(data)));
  await send(callbackQuery(user, data && !button ? data : String(button && "callback_data" in button ? button.callback_data : ""), m));
};
const confirm = () => press(staff, "bl:ok:");

describe("/bulletins (anyone)", () => {
  it("lists past and upcoming issues; upcoming ones stay closed to residents until their date", async () => {
    await send(command(staff, "/bulletin", SPRING.slice("/bulletin ".length)));
    await confirm();
    await send(command(resident, "/bulletins"));
    const list = last(100);
    expect(list.text).toContain("往期\n• 2027年1月：2027年第1期：冬季除四害与居家卫生");
    expect(list.text).toContain("即将发布\n• 2027年3月：3月1日（周一）10:00 发布");
    expect(list.text).not.toContain("春季防病");
    const buttons = list.reply_markup?.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : "")) ?? [];
    expect(buttons).toEqual(["bl:o:2027-01"]);
    await send(callbackQuery(resident, "bl:o:2027-03", list));
    expect(w.h.rec.calls.at(-1)).toMatchObject({ method: "answerCallbackQuery", params: { show_alert: true, text: zh("bulletin-open-not-yet", { when: "3月1日（周一）10:00" }) } });
    // staff may open it to check
    await send(command(staff, "/bulletins"));
    expect(last(STAFF).reply_markup?.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : ""))).toEqual(["bl:o:2027-01", "bl:o:2027-03"]);
  });

  it("reopens a text issue (split below the limit) and a PDF issue as the file", async () => {
    await send(command(staff, "/bulletin", SPRING.slice("/bulletin ".length)));
    await confirm();
    const pdf = documentMessage(staff, "/bulletin 2027-05 Summer health", { file_name: "summer.pdf" });
    await send(pdf);
    await confirm();
    clock.now = new Date("2027-05-02T02:00:00Z");
    const reader = makeUser(101, { language_code: "en" });
    await send(command(reader, "/bulletins"));
    const list = last(101);
    expect(list.text).toContain("Past issues\n• May 2027: Summer health\n• March 2027: 春季防病与除四害\n• January 2027: No. 1, 2027");
    await send(callbackQuery(reader, "bl:o:2027-05", list));
    const doc = calls("sendDocument", 101).at(-1);
    expect(doc?.params.document).toBe((pdf.message as Message).document!.file_id);
    expect(readHtml(String(doc?.params.caption))).toBe("📰 Health bulletin · May 2027\nSummer health");
    await send(callbackQuery(reader, "bl:o:2027-03", list));
    expect(last(101).text).toBe("📰 Health bulletin · March 2027\n春季防病与除四害\n\n居民朋友们：春天到了，气温回升，蚊蝇开始活动。\n\n请清理积水，做好居家卫生。");
    // the shipped issue is long in English: every part under Telegram's limit
    const before = calls("sendMessage", 101).length;
    await send(callbackQuery(reader, "bl:o:2027-01", list));
    const parts = calls("sendMessage", 101).slice(before);
    expect(parts.length).toBeGreaterThanOrEqual(1);
    for (const p of parts) expect(readHtml(String(p.params.text)).length).toBeLessThanOrEqual(4096);
    expect(parts.map((p) => readHtml(String(p.params.text))).join("\n")).toContain("Liuhe Community Residents' Committee");
    expect(en("bulletin-list-footer")).toBe("Tap a button to read an issue.");
  });
});
