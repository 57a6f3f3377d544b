import type { Message } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderReminder } from "../../src/delivery/render-reminder.js";
import { callbackQuery, command, documentMessage, makeUser, photoMessage, type RecordedCall } from "../../tools/fake-bot-api/index.js";
import { readHtml } from "../helpers/bot-harness.js";
import { createTestTranslate } from "../helpers/fluent.js";
import { createBulletinWorld, STAFF, type BulletinWorld } from "./bulletins-setup.js";

const zh = createTestTranslate("zh");
const staff = makeUser(STAFF);
const resident = makeUser(100);
/** Sat 20 Feb 2027, 10:00 in Shanghai: the March issue is due Mon 1 Mar 10:00 (02:00Z) */
const clock = { now: new Date("2027-02-20T02:00:00Z") };
const MARCH = new Date("2027-03-01T02:00:00Z");
const MAY = new Date("2027-05-01T02:00:00Z");
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
const noticeBroadcasts = () => Object.values(w.h.store.data.broadcasts).filter((b) => b.kind === "notice");

describe("/bulletin (staff publish)", () => {
  it("previews a text issue exactly as residents will get it, and stores it on Confirm", async () => {
    await send(command(staff, "/bulletin", SPRING.slice("/bulletin ".length)));
    const sent = w.h.rec.sentMessages(STAFF);
    const [header, preview] = sent.slice(-2);
    expect(header?.text).toContain("预览：2027年3月期卫生健康专刊（中文版）");
    expect(header?.text).toContain("3月1日（周一）10:00");
    expect(header?.text).toContain("还没有英文版：英文用户也会收到这一版");
    expect(preview?.text).toContain("【柳河社区卫生健康专刊】春季防病与除四害\n\n居民朋友们：春天到了");
    expect(w.h.store.data.bulletins).toEqual({});
    // the preview waits in the store (DraftsRepo), where a restart or another instance finds it
    expect(Object.values(w.h.store.data.office.drafts).map((d) => [d.kind, d.owner])).toEqual([["bulletin", STAFF]]);

    await confirm();
    expect(last(STAFF).text).toBe(readHtml(zh("bulletin-saved", { month: "2027年3月", lang: "中文", when: "3月1日（周一）10:00" })));
    expect(w.h.store.data.bulletins["2027-03"]).toMatchObject({ publishOn: "2027-03-01", zh: { title: "春季防病与除四害", by: STAFF } });
    // now the notice renders that very text
    const stored = renderReminder(w.catalog, { noticeId: "health-bulletin", date: "2027-03-01" }, "zh", zh, w.catalog.timezone);
    expect(preview?.text).toBe(readHtml(stored));
    // a second press does nothing more
    await send(callbackQuery(staff, String((preview?.reply_markup?.inline_keyboard[0]?.[0] as { callback_data: string }).callback_data), preview!));
    expect(w.h.rec.calls.at(-1)?.params.text).toBe(zh("bulletin-already-saved"));
  });

  it("Cancel stores nothing; a resident cannot publish", async () => {
    await send(command(staff, "/bulletin", SPRING.slice("/bulletin ".length)));
    await press(staff, "bl:no:");
    expect(last(STAFF).text).toBe(zh("bulletin-cancelled"));
    expect(w.h.store.data.bulletins).toEqual({});
    await send(command(resident, "/bulletin", SPRING.slice("/bulletin ".length)));
    expect(last(100).text).toBe(zh("core-staff-only"));
    await send(documentMessage(resident, "/bulletin 2027-03 Spring"));
    expect(last(100).text).toBe(zh("core-staff-only"));
    expect(w.h.store.data.bulletins).toEqual({});
    // a forged Confirm from a resident is refused too
    await send(callbackQuery(resident, "bl:ok:AAAAAAAA", last(100)));
    expect(w.h.rec.calls.at(-1)).toMatchObject({ method: "answerCallbackQuery", params: { text: zh("core-staff-only") } });
  });

  it("refuses bad input with a clear error each", async () => {
    const errors: [string, string][] = [
      ["2027-04 四月刊\n正文", zh("bulletin-error-not-issue-month", { month: "2027年4月", months: "1、3、5、7、9、11" })],
      ["2027-01 一月刊\n正文", zh("bulletin-error-past", { month: "2027年1月", date: "1月1日（周五）" })],
      ["2027-13 x\n正文", zh("bulletin-error-bad-month", { month: "2027-13" })],
      ["2027-03 只有标题", zh("bulletin-error-empty")],
      ["", zh("bulletin-usage")],
    ];
    for (const [args, reply] of errors) {
      await send(command(staff, "/bulletin", args || undefined));
      expect(last(STAFF).text).toBe(readHtml(reply));
    }
    const long = `2027-03 长文\n${"卫".repeat(4050)}`;
    await send(command(staff, "/bulletin", long));
    expect(last(STAFF).text).toMatch(/^专刊太长：居民收到的消息有 \d+ 个字，Telegram 一条消息最多 4096 个字。请删去 \d+ 个字/);
    await send(photoMessage(staff, `/bulletin 2027-03 海报\n${"卫".repeat(1000)}`));
    expect(last(STAFF).text).toMatch(/^说明太长：照片或文件的说明有 \d+ 个字，Telegram 最多 1024 个字/);
    await send(documentMessage(staff, "/bulletin 2027-03 文档", { file_name: "专刊.docx", mime_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }));
    expect(last(STAFF).text).toBe(readHtml(zh("bulletin-error-file-type", { kind: "专刊.docx" })));
    await send(photoMessage(staff, "/bulletin 2027-03"));
    expect(last(STAFF).text).toBe(readHtml(zh("bulletin-usage-file")));
    expect(w.h.store.data.bulletins).toEqual({});
  });

  it("defaults to the next issue month, and says when it replaces an unsent version", async () => {
    await send(command(staff, "/bulletin", "春季刊\n第一稿"));
    await confirm();
    expect(w.h.store.data.bulletins["2027-03"]?.zh?.body).toBe("第一稿");
    await send(command(staff, "/bulletin", "春季刊（修订）\n第二稿"));
    expect(w.h.rec.sentMessages(STAFF).at(-2)?.text).toContain("将替换之前保存的这一版（“春季刊”）");
    await confirm();
    expect(w.h.store.data.bulletins["2027-03"]?.zh?.body).toBe("第二稿");
    // an English version next to it; the preview says the Chinese one stays
    await send(command(staff, "/bulletin", "2027-03 Spring issue\nDear neighbours, spring is here."));
    expect(w.h.rec.sentMessages(STAFF).at(-2)?.text).toContain("中文版已经发布，中文用户收到中文版");
    await confirm();
    expect(Object.keys(w.h.store.data.bulletins["2027-03"] ?? {}).sort()).toEqual(["en", "id", "publishOn", "zh"]);
  });
});

describe("the health-bulletin notice sends each issue once, on its date", () => {
  it("a text issue and a PDF issue, each in the readers' language, never before the date", async () => {
    await send(command(staff, "/bulletin", SPRING.slice("/bulletin ".length)));
    await confirm();
    const pdf = documentMessage(staff, "/bulletin 2027-05 Summer health\nThe printed issue, as a PDF.", { file_name: "bulletin-2027-05.pdf" });
    const fileId = (pdf.message as Message).document!.file_id;
    await send(pdf);
    const preview = last(STAFF);
    expect(preview.document?.file_id).toBe(fileId);
    expect(preview.caption).toContain("[Liuhe Community Health Bulletin] Summer health");
    await confirm();

    await w.tick(new Date(MARCH.getTime() - 60_000));
    expect(noticeBroadcasts()).toEqual([]);
    await w.tick(MARCH);
    await w.tick(new Date(MARCH.getTime() + 60_000));
    expect(noticeBroadcasts().map((b) => b.key)).toEqual(["health-bulletin:2027-03-01:publish"]);
    // the publisher follows it and gets the summary a /correct replies to
    expect(noticeBroadcasts()[0]?.progress).toMatchObject({ chatId: STAFF, lang: "zh" });
    const march = (chatId: number) => calls("sendMessage", chatId).filter((c) => String(c.params.text).includes("春季防病与除四害"));
    expect(march(100)).toHaveLength(1);
    expect(march(-200)).toHaveLength(1);
    // only Chinese given: the English reader gets it too, in the English notice's words
    expect(march(101)).toHaveLength(1);
    expect(String(march(101)[0]?.params.text)).toContain("[Liuhe Community Health Bulletin] 春季防病与除四害");

    // once sent, it can no longer be replaced
    await send(command(staff, "/bulletin", "2027-03 改版\n新内容"));
    expect(last(STAFF).text).toBe(readHtml(zh("bulletin-error-sent", { month: "2027年3月" })));

    await w.tick(MAY);
    await w.tick(new Date(MAY.getTime() + 60_000));
    const docs = calls("sendDocument").filter((c) => c.params.document === fileId && Number(c.params.chat_id) !== STAFF);
    expect(docs.map((c) => Number(c.params.chat_id)).sort()).toEqual([-200, 100, 101]);
    expect(String(docs.find((c) => Number(c.params.chat_id) === 101)?.params.caption)).toContain("Summer health");
    expect(String(docs.find((c) => Number(c.params.chat_id) === 100)?.params.caption)).toContain("【柳河社区卫生健康专刊】Summer health");
    expect(noticeBroadcasts()).toHaveLength(2);
  });

  it("/sendnow health-bulletin sends it early, and the date does not send it again", async () => {
    await send(command(staff, "/bulletin", SPRING.slice("/bulletin ".length)));
    await confirm();
    await send(command(staff, "/sendnow", "health-bulletin"));
    await w.sender.idle();
    await w.tick(MARCH);
    expect(noticeBroadcasts()).toHaveLength(1);
    expect(calls("sendMessage", 100).filter((c) => String(c.params.text).includes("春季防病与除四害"))).toHaveLength(1);
  });
});
