import { describe, expect, it } from "vitest";
import { parseHtml, validateCall } from "../../tools/fake-bot-api/index.js";

const send = (extra: Record<string, unknown>) => validateCall("sendMessage", { chat_id: 42, text: "hi", ...extra });
const desc = (r: ReturnType<typeof validateCall>): string => (r.ok ? "ok" : r.description);

describe("validateCall", () => {
  it("accepts a plain message and refuses unknown methods with 404", () => {
    expect(send({})).toEqual({ ok: true });
    expect(validateCall("sendMesage", { chat_id: 1, text: "x" })).toEqual({ ok: false, error_code: 404, description: "Not Found" });
    expect(validateCall("sendmessage", { chat_id: 1, text: "x" }).ok).toBe(true); // Telegram ignores case
  });

  it("refuses missing and mistyped parameters", () => {
    expect(desc(validateCall("sendMessage", { text: "x" }))).toBe("Bad Request: chat_id is empty");
    expect(desc(validateCall("sendMessage", { chat_id: 1 }))).toBe("Bad Request: message text is empty");
    expect(desc(send({ text: "  " }))).toBe("Bad Request: message text is empty");
    expect(desc(send({ disable_notification: "yes" }))).toBe('Bad Request: field "disable_notification" must be of type Boolean');
    expect(desc(validateCall("deleteMessage", { chat_id: 1, message_id: 1.5 }))).toContain("must be of type Integer");
    expect(desc(validateCall("deleteMessage", { chat_id: 1 }))).toBe("Bad Request: message identifier is not specified");
    // multipart carries strings: Telegram converts them
    expect(validateCall("deleteMessage", { chat_id: "-100123", message_id: "7" }).ok).toBe(true);
  });

  it("accepts integer chat ids and @usernames only", () => {
    expect(send({ chat_id: "@liuhe_notices" }).ok).toBe(true);
    expect(desc(send({ chat_id: "liuhe" }))).toBe("Bad Request: chat not found");
    expect(desc(send({ chat_id: 1.5 }))).toContain("chat_id");
  });

  it("checks text length in UTF-16 units after HTML entities are parsed", () => {
    expect(send({ text: "&lt;".repeat(4096), parse_mode: "HTML" }).ok).toBe(true);
    expect(desc(send({ text: "&lt;".repeat(4097), parse_mode: "HTML" }))).toBe("Bad Request: message is too long");
    expect(send({ text: "😀".repeat(2048) }).ok).toBe(true); // 2 units each
    expect(desc(send({ text: "😀".repeat(2048) + "x" }))).toBe("Bad Request: message is too long");
    expect(desc(validateCall("sendPhoto", { chat_id: 1, photo: "file-id", caption: "x".repeat(1025) }))).toBe("Bad Request: message caption is too long");
  });

  it("refuses HTML Telegram cannot parse", () => {
    const html = (text: string) => desc(send({ text, parse_mode: "HTML" }));
    expect(html("a < b")).toBe('Bad Request: can\'t parse entities: Unsupported start tag "" at byte offset 2');
    expect(html("<div>x</div>")).toBe('Bad Request: can\'t parse entities: Unsupported start tag "div" at byte offset 0');
    expect(html("<b>x</i>")).toBe('Bad Request: can\'t parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</i>"');
    expect(html("<b>x")).toBe('Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"');
    expect(html("AT&T")).toMatch(/^Bad Request: can't parse entities: Character '&'/);
    expect(html('<span class="x">s</span>')).toMatch(/must have class "tg-spoiler"/);
    expect(html("<b>x</b>")).toBe("ok");
  });

  it("parses supported tags into entities", () => {
    const r = parseHtml('<b>粗</b> <a href="https://e.x/?a=1&amp;b=2">link</a> &lt;&#33;&#x21; <blockquote expandable>q</blockquote> <span class="tg-spoiler">s</span> <pre><code class="language-ts">x</code></pre>');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.text).toBe("粗 link <!! q s x");
    expect(r.value.entities).toEqual([
      { type: "bold", offset: 0, length: 1 },
      { type: "text_link", offset: 2, length: 4, url: "https://e.x/?a=1&b=2" },
      { type: "expandable_blockquote", offset: 11, length: 1 },
      { type: "spoiler", offset: 13, length: 1 },
      { type: "pre", offset: 15, length: 1, language: "ts" },
    ]);
  });

  it("checks reply markup", () => {
    const kb = (buttons: unknown[]) => send({ reply_markup: { inline_keyboard: [buttons] } });
    expect(kb([{ text: "报名", callback_data: "signup:cleanup-day:2025-06-28" }]).ok).toBe(true);
    expect(kb([{ text: "a", callback_data: "报".repeat(21) }]).ok).toBe(true); // 63 bytes
    expect(desc(kb([{ text: "a", callback_data: "报".repeat(22) }]))).toBe("Bad Request: BUTTON_DATA_INVALID");
    expect(desc(kb([{ text: "a", callback_data: "" }]))).toBe("Bad Request: BUTTON_DATA_INVALID");
    expect(desc(kb([{ text: "a" }]))).toContain("Text buttons are unallowed in the inline keyboard");
    expect(desc(kb([{ text: "a", url: "https://x.y", callback_data: "x" }]))).toContain("exactly one");
    expect(desc(kb([{ callback_data: "x" }]))).toContain('Field "text" must be of type String');
    expect(desc(send({ reply_markup: "{nope" }))).toBe("Bad Request: can't parse reply keyboard markup JSON object");
    expect(desc(send({ reply_markup: { buttons: [] } }))).toBe("Bad Request: can't parse reply keyboard markup JSON object");
    expect(send({ reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "a", callback_data: "b" }]] }) }).ok).toBe(true);
    expect(send({ reply_markup: { keyboard: [["报名", { text: "取消" }]], resize_keyboard: true } }).ok).toBe(true);
    expect(desc(validateCall("editMessageText", { chat_id: 1, message_id: 2, text: "x", reply_markup: { keyboard: [["a"]] } }))).toBe("Bad Request: inline keyboard expected");
  });

  it("checks nested objects and commands", () => {
    expect(validateCall("setMyCommands", { commands: [{ command: "start", description: "开始" }], language_code: "zh" }).ok).toBe(true);
    expect(desc(validateCall("setMyCommands", { commands: [{ command: "start" }] }))).toContain('Field "description" of BotCommand must be specified');
    expect(desc(validateCall("setMyCommands", { commands: [{ command: "/start", description: "x" }] }))).toBe("Bad Request: BOT_COMMAND_INVALID");
    expect(desc(send({ entities: [{ type: "bold", offset: 0 }] }))).toContain('Field "length" of MessageEntity');
    expect(desc(validateCall("answerCallbackQuery", { callback_query_id: "1", text: "x".repeat(201) }))).toBe("Bad Request: MESSAGE_TOO_LONG");
  });
});
