import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callbackQuery,
  command,
  createFakeBotApi,
  documentMessage,
  makeUser,
  type FakeBotApi,
  type RecordedCall,
} from "../../tools/fake-bot-api/index.js";
import { ROOT, killAll, spawnBot, until, type Spawned } from "../helpers/process.js";
import { readStoreFiles } from "../helpers/store-files.js";

const TOKEN = "4343:BULLETINtoken_e2e";
const STAFF = makeUser(1, { first_name: "李主任" });
const RESIDENT = makeUser(5101, { first_name: "王芳" });
const READER = makeUser(5102, { first_name: "Anna", language_code: "en" });
const PDF = documentMessage(STAFF, "/bulletin 2027-05 Summer health\nThe printed issue, as a PDF.", { file_name: "summer-2027.pdf" });
const PDF_ID = (PDF.message as Message).document!.file_id;

let dir: string;
let api: FakeBotApi;
let bot: Spawned | undefined;
const dbFile = () => join(dir, "db.json");

/**
 * Starts the real bot with its clock at `at` (tools/shift-date.mjs, as the suite moves the clock),
 * whatever clock this test process runs on.
 */
async function startAt(at: string): Promise<Spawned> {
  const realNow = Date.now() - Number(process.env.DATE_SHIFT_MS ?? 0);
  const env = {
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: api.url!,
    DB_FILE: dbFile(),
    DATA_DIR: join(ROOT, "data"),
    ADMIN_IDS: String(STAFF.id),
    LOG_LEVEL: "info",
    NODE_OPTIONS: `--import ${join(ROOT, "tools/shift-date.mjs")}`,
    DATE_SHIFT_MS: String(Date.parse(at) - realNow),
  };
  const p = spawnBot(env, dir);
  await p.waitForOutput(/polling for updates/, 30_000);
  return p;
}
async function stop(): Promise<void> {
  bot?.kill("SIGTERM");
  await bot?.waitForExit(15_000);
  bot = undefined;
}
const ok = (c: RecordedCall) => "ok" in c.response && c.response.ok;
const to = (chatId: number, method: string, since = 0) =>
  api.calls.slice(since).filter((c) => c.method === method && Number(c.params.chat_id) === chatId && ok(c));
/** Pushes an update and waits for the bot's first answer of `method` to `chatId`. */
async function exchange(update: Parameters<FakeBotApi["pushUpdate"]>[0], chatId: number, method = "sendMessage"): Promise<RecordedCall> {
  const since = api.calls.length;
  api.pushUpdate(update);
  return api.waitForCall((c) => c.method === method && Number(c.params.chat_id) === chatId, 15_000, since);
}
/** Presses the Confirm button under the staff member's last message (the preview). */
async function confirm(): Promise<string> {
  const preview = api.sentMessages(STAFF.id).at(-1)!;
  const data = preview.reply_markup!.inline_keyboard[0]![0]! as { callback_data: string };
  expect(data.callback_data).toMatch(/^bl:ok:/);
  const reply = await exchange(callbackQuery(STAFF, data.callback_data, preview), STAFF.id);
  return String(reply.params.text);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "e2e-bulletins-"));
  api = createFakeBotApi({ token: TOKEN });
  await api.start();
});
afterAll(async () => {
  await killAll();
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("the health bulletin from the chat, with the real process", () => {
  it("staff publish a text issue and a PDF issue; a resident cannot", async () => {
    bot = await startAt("2027-02-20T02:00:00Z"); // Sat 20 Feb 2027, 10:00 in Shanghai
    await exchange(command(RESIDENT, "/start"), RESIDENT.id);
    await exchange(command(READER, "/start"), READER.id);

    const refused = await exchange(command(RESIDENT, "/bulletin", "2027-03 我的专刊\n正文"), RESIDENT.id);
    expect(String(refused.params.text)).toContain("只有社区工作人员可以使用");

    const since = api.calls.length;
    api.pushUpdate(command(STAFF, "/bulletin", "2027-03 春季防病与除四害\n居民朋友们：春天到了，请清理积水。"));
    await api.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === STAFF.id && c.params.reply_markup !== undefined, 15_000, since);
    expect(String(to(STAFF.id, "sendMessage", since)[0]?.params.text)).toContain("3月1日（周一）10:00");
    expect(await confirm()).toContain("已保存2027年3月期（中文版）");

    const pdfSince = api.calls.length;
    api.pushUpdate(PDF);
    const preview = await api.waitForCall((c) => c.method === "sendDocument" && Number(c.params.chat_id) === STAFF.id, 15_000, pdfSince);
    expect(preview.params.document).toBe(PDF_ID);
    expect(ok(preview)).toBe(true);
    expect(await confirm()).toContain("已保存2027年5月期（英文版）");

    const db = (await readStoreFiles(dbFile())).db;
    expect(db.bulletins["2027-03"]?.zh?.title).toBe("春季防病与除四害");
    expect(db.bulletins["2027-05"]?.en?.file).toEqual({ type: "document", fileId: PDF_ID, fileName: "summer-2027.pdf" });
    // nothing went to residents before its date
    expect(to(RESIDENT.id, "sendMessage").some((c) => String(c.params.text).includes("春季防病"))).toBe(false);
    await stop();
  }, 60_000);

  it("the notice sends the text issue once on its date, across restarts", async () => {
    bot = await startAt("2027-03-01T02:00:30Z");
    const spring = (chatId: number) => to(chatId, "sendMessage").filter((c) => String(c.params.text).includes("春季防病与除四害"));
    await until(() => spring(RESIDENT.id).length === 1 && spring(READER.id).length === 1, "the March issue to reach both residents", 15_000);
    await stop();
    bot = await startAt("2027-03-01T02:05:00Z");
    await stop();
    expect(spring(RESIDENT.id)).toHaveLength(1);
    expect(String(spring(READER.id)[0]?.params.text)).toContain("[Liuhe Community Health Bulletin] 春季防病与除四害");
  }, 90_000);

  it("the PDF issue goes out as the file, once, on its date", async () => {
    bot = await startAt("2027-05-01T02:00:30Z");
    const docs = () => api.calls.filter((c) => c.method === "sendDocument" && c.params.document === PDF_ID && Number(c.params.chat_id) !== STAFF.id && ok(c));
    await until(() => docs().length === 2, "the May PDF to reach both residents", 15_000);
    expect(docs().map((c) => Number(c.params.chat_id)).sort()).toEqual([RESIDENT.id, READER.id]);
    await stop();
    bot = await startAt("2027-05-01T02:10:00Z");
    expect(docs()).toHaveLength(2);
    const db = (await readStoreFiles(dbFile())).db;
    expect(Object.keys(db.enqueued).filter((k) => k.startsWith("health-bulletin:"))).toEqual(["health-bulletin:2027-03-01:publish", "health-bulletin:2027-05-01:publish"]);
  }, 90_000);

  it("/bulletins lists the issues and reopens them: the text, and the PDF as the file", async () => {
    const list = await exchange(command(RESIDENT, "/bulletins"), RESIDENT.id);
    expect(String(list.params.text)).toContain("• 2027年5月：Summer health\n• 2027年3月：春季防病与除四害\n• 2027年1月：2027年第1期");
    const message = api.sentMessages(RESIDENT.id).at(-1)!;
    const doc = await exchange(callbackQuery(RESIDENT, "bl:o:2027-05", message), RESIDENT.id, "sendDocument");
    expect(doc.params.document).toBe(PDF_ID);
    expect(ok(doc)).toBe(true);
    const text = await exchange(callbackQuery(RESIDENT, "bl:o:2027-03", message), RESIDENT.id);
    expect(String(text.params.text)).toContain("居民朋友们：春天到了，请清理积水。");
    await stop();
  }, 60_000);
});
