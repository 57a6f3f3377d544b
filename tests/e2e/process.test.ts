import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { command, createFakeBotApi, makeUser, type FakeBotApi } from "../../tools/fake-bot-api/index.js";
import { ROOT, closedPort, killAll, spawnBot, until, type Spawned } from "../helpers/process.js";
import { readStoreFiles } from "../helpers/store-files.js";

const TOKEN = "4242:SECRETtokenValue_e2e";
const ADMIN = 1;
const RESIDENT = makeUser(5001, { first_name: "王芳", language_code: "zh" });

let dir: string;
let api: FakeBotApi;

const baseEnv = (dbFile: string, extra: Record<string, string> = {}): Record<string, string> => ({
  BOT_TOKEN: TOKEN,
  TELEGRAM_API_ROOT: api.url!,
  DB_FILE: dbFile,
  DATA_DIR: join(ROOT, "data"), // the processes run in a temp folder (no .env there); the seed data is the repo's
  ADMIN_IDS: String(ADMIN),
  LOG_LEVEL: "info",
  ...extra,
});
/** The document as the store's files hold it (snapshot and journal), without opening the store. */
const readDb = async (file: string) => (await readStoreFiles(file)).db;
const nonEmptyLines = (s: string): string[] => s.split("\n").filter((l) => l.trim() !== "");
/** No "    at foo (file:line)" frames: the operator gets a sentence, not a trace. */
const STACK_FRAME = /^\s+at .+[:(]/m;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "e2e-process-"));
  api = createFakeBotApi({ token: TOKEN });
  await api.start();
});

afterAll(async () => {
  await killAll();
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("the real process against a local Bot API", () => {
  const dbFile = () => join(dir, "main", "db.json");
  let bot: Spawned;

  afterAll(() => bot?.kill("SIGKILL"));

  it("starts, answers /start as a resident, and the subscription is on disk", async () => {
    bot = spawnBot(baseEnv(dbFile()), dir);
    await bot.waitForOutput(/polling for updates/);
    const since = api.calls.length;
    const update = api.pushUpdate(command(RESIDENT, "/start"));
    const reply = await api.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === RESIDENT.id, 10_000, since);
    expect(String(reply.params.text)).toContain("您好，王芳");
    expect(reply.response).toMatchObject({ ok: true });
    const db = await readDb(dbFile()); // saved before the reply went out
    expect(db.chats[String(RESIDENT.id)]).toMatchObject({ type: "private", subscribed: true, active: true });
    expect(db.users[String(RESIDENT.id)]?.firstName).toBe("王芳");
    expect(db.roles[String(ADMIN)]).toBe("admin");
    await until(async () => (await readDb(dbFile())).handledUpdates.includes(update.update_id), "the update id on disk");
    await until(() => api.pendingUpdates().length === 0, "the update to be confirmed");
    // commands registered for everyone in zh and en
    const menus = api.calls.filter((c) => c.method === "setMyCommands");
    expect(menus.some((c) => c.params.language_code === "en")).toBe(true);
    expect(bot.output()).not.toContain(TOKEN);
    expect(bot.output()).not.toContain(TOKEN.split(":")[1]);
  });

  it("a second process on the same DB_FILE refuses with a clear message", async () => {
    const second = spawnBot(baseEnv(dbFile()), dir);
    const { code, ms } = await second.waitForExit(10_000);
    expect(code).not.toBe(0);
    expect(ms).toBeLessThan(9000);
    const lines = nonEmptyLines(second.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^The store .+ is in use by another running bot \(process \d+\)\. Stop that one first, or give this one its own DB_FILE\.$/);
    expect(lines[0]).toContain(dbFile());
    expect(second.stderr()).toMatch(/in use by another running bot/);
    expect(second.output()).not.toMatch(STACK_FRAME);
    expect(bot.exited).toBe(false);
  });

  it("SIGTERM stops it with exit code 0 within 10 s and releases the lock", async () => {
    bot.kill("SIGTERM");
    const { code, ms } = await bot.waitForExit(12_000);
    expect(code).toBe(0);
    expect(ms).toBeGreaterThan(0);
    expect(existsSync(`${dbFile()}.lock`)).toBe(false);
    expect(bot.stdout()).toMatch(/"msg":"stopped"/);
  });

  it("after a restart the resident is still subscribed, and /start again duplicates nothing", async () => {
    expect((await readDb(dbFile())).chats[String(RESIDENT.id)]?.subscribed).toBe(true);
    bot = spawnBot(baseEnv(dbFile()), dir);
    await bot.waitForOutput(/polling for updates/);
    const since = api.calls.length;
    const update = api.pushUpdate(command(RESIDENT, "/start"));
    const reply = await api.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === RESIDENT.id, 10_000, since);
    expect(String(reply.params.text)).toContain("您好，王芳");
    await until(async () => (await readDb(dbFile())).handledUpdates.includes(update.update_id), "the update id on disk");
    const db = await readDb(dbFile());
    expect(Object.keys(db.chats)).toEqual([String(RESIDENT.id)]);
    expect(Object.keys(db.users)).toEqual([String(RESIDENT.id)]);
    expect(db.chats[String(RESIDENT.id)]).toMatchObject({ subscribed: true, active: true });
    expect(new Set(db.handledUpdates).size).toBe(db.handledUpdates.length);
  });

  it("a second SIGTERM during shutdown (systemd and npm both signal) does not cut the shutdown short", async () => {
    const file = join(dir, "twice", "db.json");
    const p = spawnBot(baseEnv(file), dir);
    await p.waitForOutput(/polling for updates/);
    p.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 5));
    p.kill("SIGTERM");
    const { code } = await p.waitForExit(12_000);
    expect(code).toBe(0);
    expect(p.stdout()).toMatch(/"msg":"stopped"/);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("a second instance polling the same token (409) exits with a clear message; one keeps running", async () => {
    const other = spawnBot(baseEnv(join(dir, "other", "db.json")), dir);
    await until(() => bot.exited || other.exited, "one of the two to give up", 15_000);
    const [loser, winner] = bot.exited ? [bot, other] : [other, bot];
    const { code } = await loser.waitForExit(10_000);
    expect(code).toBe(1);
    expect(loser.stderr()).toContain("Another bot instance is already polling with this BOT_TOKEN (409 Conflict)");
    expect(loser.output()).not.toMatch(STACK_FRAME);
    expect(loser.output()).not.toContain(TOKEN);
    // the one left still works
    await new Promise((r) => setTimeout(r, 300));
    expect(winner.exited, `the other instance stopped too:\n${winner.output()}`).toBe(false);
    const since = api.calls.length;
    api.pushUpdate(command(makeUser(5002, { language_code: "en" }), "/help"));
    const reply = await api.waitForCall((c) => c.method === "sendMessage" && Number(c.params.chat_id) === 5002, 10_000, since);
    expect(String(reply.params.text)).toContain("What I can do");
    winner.kill("SIGTERM");
    expect((await winner.waitForExit(12_000)).code).toBe(0);
  });
});

describe.concurrent("clear one-line errors at startup", () => {
  it("no BOT_TOKEN: exits non-zero at once and says how to get one from @BotFather", async () => {
    const p = spawnBot({ DB_FILE: join(dir, "none", "db.json") }, dir);
    const { code, ms } = await p.waitForExit(10_000);
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    // it does not wait for anything (≈0.7 s here); the bound is loose so a loaded CI machine
    // running other suites at once does not fail it: the point is that it does not hang
    expect(ms).toBeLessThan(8000);
    expect(p.stderr()).toContain("@BotFather");
    expect(nonEmptyLines(p.stderr())).toHaveLength(1);
    expect(p.output()).not.toMatch(STACK_FRAME);
  });

  it("a malformed token: one line that does not repeat it", async () => {
    const p = spawnBot({ BOT_TOKEN: "my-secret-bot", DB_FILE: join(dir, "malformed", "db.json") }, dir);
    const { code } = await p.waitForExit(10_000);
    expect(code).toBe(1);
    expect(nonEmptyLines(p.stderr())).toHaveLength(1);
    expect(p.stderr()).toMatch(/BOT_TOKEN looks malformed/);
    expect(p.output()).not.toContain("my-secret-bot");
  });

  it("a wrong token (401): one clear line, and the token never appears", async () => {
    const wrong = "999999:WRONGsecretTOKEN";
    const p = spawnBot({ ...baseEnv(join(dir, "wrong", "db.json")), BOT_TOKEN: wrong }, dir);
    const { code, ms } = await p.waitForExit(10_000);
    expect(code).toBe(1);
    expect(ms).toBeLessThan(9000);
    expect(nonEmptyLines(p.stderr())).toEqual([expect.stringMatching(/^Telegram rejected BOT_TOKEN \(401 Unauthorized\)/)]);
    expect(p.output()).not.toContain(wrong);
    expect(p.output()).not.toContain("WRONGsecretTOKEN");
    expect(p.output()).not.toMatch(STACK_FRAME);
    expect(existsSync(join(dir, "wrong", "db.json.lock"))).toBe(false);
  });

  it("an unreachable API root: one clear line naming it, token hidden", async () => {
    const root = `http://127.0.0.1:${await closedPort()}`;
    const p = spawnBot({ ...baseEnv(join(dir, "unreachable", "db.json")), TELEGRAM_API_ROOT: root }, dir);
    const { code, ms } = await p.waitForExit(20_000);
    expect(code).toBe(1);
    expect(ms).toBeLessThan(17_000);
    const lines = nonEmptyLines(p.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Cannot reach the Telegram Bot API at ${root.replace(/\./g, "\\.")}`));
    expect(p.output()).not.toContain(TOKEN);
    expect(p.output()).not.toMatch(STACK_FRAME);
  });

  it("a corrupt store file: one line naming the file, which is left as it was", async () => {
    const { mkdir, writeFile } = await import("node:fs/promises");
    const file = join(dir, "corrupt", "db.json");
    await mkdir(join(dir, "corrupt"), { recursive: true });
    await writeFile(file, '{"version":1,"chats":{');
    const p = spawnBot(baseEnv(file), dir);
    const { code } = await p.waitForExit(10_000);
    expect(code).toBe(1);
    expect(nonEmptyLines(p.stderr())).toEqual([expect.stringContaining(`The store file ${file} cannot be used`)]);
    expect(readFileSync(file, "utf8")).toBe('{"version":1,"chats":{');
  });
});
