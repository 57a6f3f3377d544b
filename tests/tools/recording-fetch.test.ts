import { Api, GrammyError, HttpError, InputFile } from "grammy";
import { describe, expect, it } from "vitest";
import { createApiClient } from "../../src/bot/transport/api-client.js";
import { DROP, createRecordingApi, createRecordingFetch, type UploadedFile } from "../../tools/fake-bot-api/index.js";

describe("recording fetch", () => {
  it("records every Api built on it, JSON calls and uploads, and answers like Telegram", async () => {
    const rec = createRecordingApi();
    const fetch = createRecordingFetch(rec);
    const first = new Api("123:TEST", { fetch });
    const second = createApiClient({ token: "123:TEST", fetch }); // as the sender's is made, with the HTML parse mode
    const m = await first.sendMessage(5, "hi");
    await second.editMessageText(5, m.message_id, "<b>hi</b> again");
    await second.sendDocument(5, new InputFile(Buffer.from("a,b\r\n1,2"), "t.csv"), { caption: "表" });
    expect(rec.calls.map((c) => c.method)).toEqual(["sendMessage", "editMessageText", "sendDocument"]);
    expect(rec.calls[1]?.params).toMatchObject({ chat_id: 5, text: "<b>hi</b> again", parse_mode: "HTML" });
    const doc = rec.calls[2]?.params.document as UploadedFile;
    expect([doc.filename, doc.bytes.toString("utf8"), rec.calls[2]?.params.chat_id]).toEqual(["t.csv", "a,b\r\n1,2", "5"]);
    expect(rec.sentMessages(5).map((x) => x.text ?? x.caption)).toEqual(["hi again", "表"]);
  });

  it("turns Telegram's refusals into GrammyError and a dropped call into HttpError", async () => {
    const rec = createRecordingApi();
    const api = new Api("123:TEST", { fetch: createRecordingFetch(rec) });
    await expect(api.sendMessage(1, "")).rejects.toMatchObject({ error_code: 400, description: "Bad Request: message text is empty" });
    await expect(api.sendMessage(1, "")).rejects.toBeInstanceOf(GrammyError);
    rec.failNext("sendMessage", DROP);
    await expect(api.sendMessage(1, "x")).rejects.toBeInstanceOf(HttpError);
  });
});
