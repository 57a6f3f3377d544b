import { afterEach, describe, expect, it } from "vitest";
import { documentMessage, makeUser, photoMessage } from "../../tools/fake-bot-api/index.js";
import type { Message, Update } from "grammy/types";
import { createWorld, enqueue, type World } from "./setup.js";

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

/** Lets the fake API know a file the bot received (as Telegram knows the file_ids it handed out). */
function receive(world: World, input: ReturnType<typeof photoMessage>): Message {
  const m = input.message as Message;
  world.rec.observeUpdate({ update_id: 1, ...input } as Update);
  return m;
}

describe("sender: broadcasts with a file", () => {
  it("sends a photo by file_id with the text as caption, in each reader's language, once", async () => {
    w = await createWorld([10, 11, -20]);
    await w.store.write((db) => void (db.chats["11"]!.lang = "en"), "durable");
    const photo = receive(w, photoMessage(makeUser(1), "poster")).photo!.at(-1)!.file_id;
    await enqueue(w, { recipients: [10, 11, -20], media: { type: "photo", fileId: photo } });
    await w.sender.idle();
    const sends = w.rec.calls.filter((c) => c.method === "sendPhoto");
    expect(sends.map((c) => [Number(c.params.chat_id), c.params.photo, c.params.caption]).sort()).toEqual([
      [-20, photo, "<b>通知</b> 周六卫生日"],
      [10, photo, "<b>通知</b> 周六卫生日"],
      [11, photo, "<b>Notice</b> cleanup Saturday"],
    ]);
    expect(sends.every((c) => "ok" in c.response && c.response.ok)).toBe(true);
    expect(w.rec.calls.filter((c) => c.method === "sendMessage")).toEqual([]);
  });

  it("per language: a reader whose language has no file gets the text alone; a long caption goes after the file", async () => {
    w = await createWorld([10, 11]);
    await w.store.write((db) => void (db.chats["11"]!.lang = "en"), "durable");
    const pdf = receive(w, documentMessage(makeUser(1), "pdf")).document!.file_id;
    const long = `<b>专刊</b>\n${"卫".repeat(1100)}`;
    await enqueue(w, { recipients: [10, 11], text: { zh: long, en: "English text" }, media: { zh: { type: "document", fileId: pdf } } });
    await w.sender.idle();
    const to10 = w.rec.calls.filter((c) => Number(c.params.chat_id) === 10).map((c) => [c.method, c.params.caption ?? c.params.text]);
    expect(to10).toEqual([["sendDocument", undefined], ["sendMessage", long]]);
    const to11 = w.rec.calls.filter((c) => Number(c.params.chat_id) === 11).map((c) => [c.method, c.params.text]);
    expect(to11).toEqual([["sendMessage", "English text"]]);
    expect(w.store.data.broadcasts[Object.keys(w.store.data.broadcasts)[0]!]?.counts).toMatchObject({ sent: 2, failed: 0 });
  });

  it("a file_id Telegram never gave the bot, or of the wrong kind, is refused (the recipient fails, not retried)", async () => {
    w = await createWorld([10]);
    const pdf = receive(w, documentMessage(makeUser(1), "pdf")).document!.file_id;
    await enqueue(w, { recipients: [10], media: { type: "photo", fileId: pdf } });
    await enqueue(w, { recipients: [10], media: { type: "document", fileId: "made-up-id" } });
    await w.sender.idle();
    const answers = w.rec.calls.filter((c) => c.method !== "sendMessage").map((c) => ("description" in c.response ? c.response.description : "ok"));
    expect(answers.sort()).toEqual(["Bad Request: type of file mismatch", "Bad Request: wrong file identifier/HTTP URL specified"]);
  });
});
