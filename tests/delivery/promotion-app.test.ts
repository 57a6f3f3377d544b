/**
 * A waitlist promotion on the path production wires: createApp's bot, outbox and sender (the
 * outbox wakes the sender), every Bot API call answered by the recording API through the app's
 * `fetch` (the sender builds its own Api when the app is made, so a transformer added afterwards
 * would not reach it). A cancel promotes the first waiting volunteer; the message goes out once,
 * through the outbox and the sender, never directly.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";
import { signupCallbackData, signupKeyboard } from "../../src/domain/signups/buttons.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { seedAdmins } from "../../src/store/users.js";
import { callbackQuery, createRecordingApi, DROP, makeUser, type RecordingApi, type UpdateInput } from "../../tools/fake-bot-api/index.js";
import { EVE, GROUP, PEST } from "../bot/signups-setup.js";

/** The recording API as the app's HTTP client: JSON calls in, the core's answers out. */
function recordingFetch(rec: RecordingApi): typeof fetch {
  return async (input, init) => {
    const method = String(input instanceof Request ? input.url : input).split("/").pop() ?? "";
    const params = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const answer = rec.handle(method, params);
    if (answer === DROP) throw new Error("socket hang up");
    return new Response(JSON.stringify(answer), { headers: { "content-type": "application/json" } });
  };
}

let dir: string | undefined;
let store: Store | undefined;
let app: App | undefined;
afterEach(async () => {
  app?.stopFeatures();
  await app?.scheduler.stop();
  await app?.sender.stop();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  app = store = dir = undefined;
});

describe("a waitlist promotion through createApp's outbox and sender", () => {
  it("a cancel promotes the first waiting volunteer, who is told once by the sender, not directly", async () => {
    dir = await mkdtemp(join(tmpdir(), "promotion-app-"));
    const config = parseConfig({ BOT_TOKEN: "123:TEST", DB_FILE: join(dir, "db.json"), DATA_DIR: "data", ADMIN_IDS: "1" });
    store = await openStore({ file: config.dbFile });
    const opened = store;
    await opened.write((db) => seedAdmins(db, config.adminIds), "durable");
    const rec = createRecordingApi();
    const a = await createApp({ config, store: opened, log: pino({ level: "silent" }), now: () => EVE, fetch: recordingFetch(rec) });
    app = a;
    a.bot.botInfo = rec.botInfo;
    a.sender.start(); // as main does
    let updateId = 1;
    const handle = async (u: UpdateInput): Promise<void> => {
      const update = { update_id: updateId++, ...u } as Update;
      rec.observeUpdate(update);
      await a.bot.handleUpdate(update);
    };
    const sendsTo = (chatId: number) => rec.calls.filter((c) => c.method === "sendMessage" && c.params.chat_id === chatId);

    const reminder = await a.bot.api.sendMessage(GROUP, "【除四害】明天 09:00", { reply_markup: signupKeyboard(PEST) });
    for (let u = 1001; u <= 1020; u++) await handle(callbackQuery(makeUser(u), signupCallbackData("join", PEST), reminder));
    await handle(callbackQuery(makeUser(2000), signupCallbackData("join", PEST), reminder)); // full: waitlisted
    const sent = rec.calls.length;
    await handle(callbackQuery(makeUser(1005), signupCallbackData("cancel", PEST), reminder));

    // the promotion is saved in the outbox, and the outbox wakes the sender, which delivers it
    await expect.poll(() => Object.values(opened.data.broadcasts).filter((b) => b.kind === "personal" && b.status === "done").length, { timeout: 10_000 }).toBe(1);
    await a.sender.idle();
    const told = sendsTo(2000);
    expect(told).toHaveLength(1);
    expect(String(told[0]?.params.text)).toContain("你已从候补转为正式报名：11月11日（周三）09:00 除四害日 — 第 20 位");
    const [b] = Object.values(opened.data.broadcasts).filter((x) => x.kind === "personal");
    expect(b?.counts).toEqual({ total: 1, sent: 1, failed: 0, blocked: 0 });
    expect(a.sender.stats().sent).toBe(1); // by the sender, not by the feature directly
    expect(rec.calls.slice(sent).filter((c) => c.method === "sendMessage" && c.params.chat_id !== 2000)).toEqual([]);
    // nothing more goes out on another wake
    a.sender.kick();
    await a.sender.idle();
    expect(sendsTo(2000)).toHaveLength(1);
  });
});
