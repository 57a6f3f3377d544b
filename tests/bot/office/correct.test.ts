import { createDraftsRepo } from "../../../src/store/drafts-repo.js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createCorrectFeature } from "../../../src/bot/features/correct.js";
import { subscribeChat } from "../../../src/store/chats.js";
import { command, makeUser, callbackQuery } from "../../../tools/fake-bot-api/index.js";
import { createTestBot, readHtml, type TestBot } from "../../helpers/bot-harness.js";
import { createDeliveriesRepo } from "../../../src/store/deliveries-repo.js";

const NOW = new Date("2026-12-05T02:00:00.000Z");
const STAFF = 2;
const staff = makeUser(STAFF, { language_code: "en" });
let h: TestBot;
const gate: string[] = [];

beforeEach(async () => {
  gate.length = 0;
  h = await createTestBot({
    now: () => NOW,
    seed: (db) => {
      db.roles[String(STAFF)] = "staff";
      for (const id of [100, 101, 102]) subscribeChat(db, { id, type: "private" }, NOW);
    },
    features: (s) => [createCorrectFeature({ history: createDeliveriesRepo(s), drafts: createDraftsRepo(s, () => NOW), limited: (chatId, call) => (gate.push(String(chatId)), call(undefined as never)) })],
  });
});
afterEach(() => h.close());

/** A broadcast as the sender leaves it: copies delivered (one since deleted), and its summary in the staff chat. */
async function sentBroadcast(createdAt = NOW.toISOString()) {
  const api = h.bot.api;
  const m100 = await api.sendMessage(100, "停水通知：明天 9:00–12:00");
  const m101 = await api.sendMessage(101, "停水通知：明天 9:00–12:00");
  const summary = await api.sendMessage(STAFF, "Done: 3 sent");
  await h.store.write((db) => {
    db.broadcasts.b1 = {
      id: "b1", kind: "adhoc", createdAt, text: { zh: "停水通知：明天 9:00–12:00", en: "停水通知：明天 9:00–12:00" },
      recipients: { "100": { s: "s", mid: m100.message_id }, "101": { s: "s", mid: m101.message_id }, "102": { s: "s", mid: 999_999 } },
      status: "done", progress: { chatId: STAFF, messageId: summary.message_id, lang: "en" }, createdBy: STAFF,
    };
  }, "durable");
  return summary;
}

const replyTo = (summary: { message_id: number; chat: { id: number } }, args: string) => {
  const u = command(staff, "correct", args);
  (u.message as unknown as Record<string, unknown>).reply_to_message = { ...summary };
  return u;
};

describe("/correct", () => {
  it("previews, then edits every delivered copy through the rate limit; copies that cannot be edited are counted once", async () => {
    const summary = await sentBroadcast();
    await h.send(replyTo(summary, "停水通知：明天 9:00–11:00"));
    const preview = h.lastSent(STAFF);
    expect(readHtml(preview.text ?? "")).toContain("the 3 delivered copies will be edited");
    expect(h.rec.calls.filter((c) => c.method === "editMessageText")).toHaveLength(0);
    const ok = (preview.reply_markup?.inline_keyboard.flat()[0] as { callback_data: string }).callback_data;
    await h.send(callbackQuery(staff, ok, preview));
    await vi.waitFor(() => expect(readHtml(h.lastSent(STAFF).text ?? "")).toContain("Correction done: 2 edited; 1 could not"));
    const edits = h.rec.calls.filter((c) => c.method === "editMessageText" && c.params.chat_id !== STAFF);
    expect(edits.map((c) => c.params.text)).toEqual(["停水通知：明天 9:00–11:00", "停水通知：明天 9:00–11:00", "停水通知：明天 9:00–11:00"]);
    expect(gate.sort()).toEqual(["100", "101", "102"]);
    expect(h.store.data.broadcasts.b1?.text.zh).toBe("停水通知：明天 9:00–11:00");
    // a second press (on any instance: the preview is in the store) edits nothing more
    await h.send(callbackQuery(staff, ok, preview));
    expect(h.rec.calls.filter((c) => c.method === "answerCallbackQuery").at(-1)?.params.text).toBe("This notice has already been confirmed.");
    expect(h.rec.calls.filter((c) => c.method === "editMessageText" && c.params.chat_id !== STAFF)).toHaveLength(3);
  });

  it("keeps the preview in the store: another staff member cannot confirm it, Cancel drops it", async () => {
    const summary = await sentBroadcast();
    await h.send(replyTo(summary, "停水通知：明天 9:00–11:00"));
    const preview = h.lastSent(STAFF);
    expect(Object.values(h.store.data.office.drafts).map((d) => [d.kind, d.owner])).toEqual([["correct", STAFF]]);
    const [ok, no] = (preview.reply_markup?.inline_keyboard.flat() as { callback_data: string }[]).map((b) => b.callback_data);
    const other = makeUser(STAFF + 1, { language_code: "en" });
    await h.store.write((db) => void (db.roles[String(other.id)] = "staff"), "durable");
    await h.send(callbackQuery(other, ok!, preview));
    expect(h.rec.calls.filter((c) => c.method === "answerCallbackQuery").at(-1)?.params.text).toContain("Only the staff member");
    await h.send(callbackQuery(staff, no!, preview));
    expect(Object.keys(h.store.data.office.drafts)).toEqual([]);
    await h.send(callbackQuery(staff, ok!, preview));
    expect(h.rec.calls.filter((c) => c.method === "answerCallbackQuery").at(-1)?.params.text).toContain("This correction preview has expired");
    expect(h.rec.calls.filter((c) => c.method === "editMessageText" && c.params.chat_id !== STAFF)).toHaveLength(0);
  });

  it("refuses residents, a command that is not a reply to a summary, and a notice over 48 hours old", async () => {
    const summary = await sentBroadcast("2026-12-03T01:00:00.000Z");
    await h.send(command(makeUser(100), "correct", "x"));
    expect(readHtml(h.lastSent(100).text ?? "")).toContain("工作人员");
    await h.send(command(staff, "correct", "x"));
    expect(readHtml(h.lastSent(STAFF).text ?? "")).toContain("Usage: reply to");
    await h.send(replyTo({ message_id: 424242, chat: { id: STAFF } }, "x"));
    expect(readHtml(h.lastSent(STAFF).text ?? "")).toContain("Please reply to the bot's summary");
    await h.send(replyTo(summary, "x"));
    expect(readHtml(h.lastSent(STAFF).text ?? "")).toContain("more than 48 hours ago");
    expect(h.rec.calls.filter((c) => c.method === "editMessageText")).toHaveLength(0);
  });
});
