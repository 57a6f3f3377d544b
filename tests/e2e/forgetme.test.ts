/**
 * /forgetme leaves nothing in the store's folder (issue 13), with the real process, in polling and
 * in webhook mode: after a sign-up, a waitlist promotion (its message goes through the outbox) and
 * /forgetme, then a stop, no file there holds the person's first name, username or id, read as bytes.
 * Also: an admin no longer in ADMIN_IDS is named in the start-up log.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message, Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signupCallbackData } from "../../src/domain/signups/buttons.js";
import { emptyDb } from "../../src/store/schema.js";
import { createOccurrenceResolver } from "../../src/store/signup-occurrences.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";
import { callbackQuery, command, createFakeBotApi, makeGroup, makeUser, type FakeBotApi, type UpdateInput } from "../../tools/fake-bot-api/index.js";
import { ROOT, killAll, spawnBot, until, webhookPort, type Spawned } from "../helpers/process.js";

const TOKEN = "4545:FORGETtokenValue_e2e";
const ADMIN = 1;
const FORMER_ADMIN = 24680;
const GROUP = makeGroup(-100555, "7号楼");
/** Distinctive, so a byte search cannot match anything else. */
const PERSON = makeUser(918273645, { first_name: "Wenqiongzi", username: "wenqiongzi_forget", language_code: "zh" });
const FILLERS = Array.from({ length: 20 }, (_, i) => makeUser(7100 + i, { first_name: `F${i}` }));

let api: FakeBotApi;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "e2e-forgetme-"));
  api = createFakeBotApi({ token: TOKEN });
  await api.start();
});

afterAll(async () => {
  await killAll();
  await api.stop();
  await rm(root, { recursive: true, force: true });
});

/** The next pest-control occurrence (capacity 20) at least two days ahead, within the sign-up window. */
async function pestControl(): Promise<string> {
  const resolver = createOccurrenceResolver(await loadNoticeCatalog(join(ROOT, "data")), "Asia/Shanghai");
  const from = new Date(Date.now() + 2 * 86_400_000);
  const occ = resolver.between(from, new Date(from.getTime() + 60 * 86_400_000)).find((o) => o.noticeId === "pest-control");
  if (!occ) throw new Error("no pest-control occurrence ahead");
  return occ.occurrenceId;
}

/** Every file in the folder, as bytes, that contains any of the needles. */
async function filesHolding(folder: string, needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const name of await readdir(folder)) {
    const bytes = await readFile(join(folder, name));
    for (const n of needles) if (bytes.includes(Buffer.from(n, "utf8"))) hits.push(`${name}: ${n}`);
  }
  return hits;
}

/**
 * The journey: the person starts, joins a full notice (waitlisted), is promoted when a filler
 * cancels (told through the outbox), then sends /forgetme; the bot is stopped.
 */
async function journey(bot: Spawned, deliver: (input: UpdateInput) => Promise<void>): Promise<void> {
  const occurrenceId = await pestControl();
  const reminder = { message_id: 1, date: 0, chat: GROUP, from: api.botInfo, text: "【除四害】" } as unknown as Message;
  const since = api.calls.length; // the fake API is shared by both runs
  const sent = (chatId: number) => api.calls.slice(since).filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chatId);
  const answers = () => api.calls.slice(since).filter((c) => c.method === "answerCallbackQuery");

  await deliver(command(PERSON, "/start"));
  await until(() => sent(PERSON.id).length === 1, "the welcome");
  for (const f of FILLERS) await deliver(callbackQuery(f, signupCallbackData("join", occurrenceId), reminder));
  await until(() => answers().length === FILLERS.length, "the fillers' answers", 20_000);
  await deliver(callbackQuery(PERSON, signupCallbackData("join", occurrenceId), reminder));
  await until(() => answers().length === FILLERS.length + 1, "the person's answer");
  expect(String(answers().at(-1)!.params.text)).toContain("候补");
  await deliver(callbackQuery(FILLERS[0]!, signupCallbackData("cancel", occurrenceId), reminder));
  await until(() => sent(PERSON.id).length === 2, "the promotion message", 20_000);
  expect(String(sent(PERSON.id)[1]!.params.text)).toContain("🎉");

  await deliver(command(PERSON, "/forgetme"));
  await until(() => sent(PERSON.id).length === 3, "the /forgetme answer");
  expect(String(sent(PERSON.id)[2]!.params.text)).toContain("已删除");
  bot.kill("SIGTERM");
  expect((await bot.waitForExit(15_000)).code).toBe(0);
}

const NEEDLES = [String(PERSON.id), PERSON.first_name, PERSON.username!];

describe("/forgetme with the real process", () => {
  it("polling: no file in the store's folder holds the person's name, username or id; a former admin is named at start", async () => {
    const folder = join(root, "polling");
    await mkdir(folder, { recursive: true });
    const db = emptyDb();
    db.roles[String(FORMER_ADMIN)] = "admin";
    await writeFile(join(folder, "db.json"), JSON.stringify(db));
    const bot = spawnBot(
      { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url!, DB_FILE: join(folder, "db.json"), DATA_DIR: join(ROOT, "data"), ADMIN_IDS: String(ADMIN), LOG_LEVEL: "info" },
      root,
    );
    await bot.waitForOutput(/polling for updates/, 20_000);
    // ADMIN_IDS is the only source of admins: the one left out is demoted, and the log says who
    expect(bot.stdout()).toMatch(new RegExp(`admins no longer in ADMIN_IDS were demoted to staff: ${FORMER_ADMIN}\\b`));
    expect(bot.stdout()).toMatch(/"level":40/);
    await journey(bot, async (input) => void api.pushUpdate(input));
    expect(await filesHolding(folder, NEEDLES)).toEqual([]);
    const after = JSON.parse(await readFile(join(folder, "db.json"), "utf8")) as ReturnType<typeof emptyDb>;
    expect(after.roles[String(FORMER_ADMIN)]).toBe("staff");
    expect(Object.keys(after.users)).toHaveLength(FILLERS.length);
  }, 90_000);

  it("webhook: the /forgetme update saved in the inbox does not reach the snapshot or its backup", async () => {
    const folder = join(root, "webhook");
    const bot = spawnBot(
      {
        BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url!, DB_FILE: join(folder, "db.json"), DATA_DIR: join(ROOT, "data"), ADMIN_IDS: String(ADMIN),
        LOG_LEVEL: "info", WEBHOOK_URL: "https://bot.example.org/tg", WEBHOOK_PORT: "0", WEBHOOK_HOST: "127.0.0.1",
      },
      root,
    );
    await bot.waitForOutput(/receiving updates by webhook/, 20_000);
    const hookUrl = `http://127.0.0.1:${webhookPort(bot)}/tg`;
    const secret = String(api.calls.filter((c) => c.method === "setWebhook").at(-1)?.params.secret_token ?? "");
    let updateId = 50_000;
    await journey(bot, async (input) => {
      const update = { update_id: updateId++, ...input } as Update;
      api.observeUpdate(update);
      const res = await fetch(hookUrl, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret }, body: JSON.stringify(update) });
      expect(res.status).toBe(200);
    });
    expect(await filesHolding(folder, NEEDLES)).toEqual([]);
  }, 90_000);
});
