/**
 * Helpers for crash and fault tests with the real process: stores and data folders written before
 * the bot starts, starting and killing the bot, counting what the fake Bot API received, and a
 * fault-injecting HTTP proxy in front of the fake Bot API.
 */
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import type { Message } from "grammy/types";
import { storePaths } from "../../src/store/engine/load.js";
import { emptyDb, type Db, type StoredSignupEvent } from "../../src/store/schema.js";
import { openStore } from "../../src/store/engine/store.js";
import type { FakeBotApi } from "../../tools/fake-bot-api/index.js";
import { ROOT, spawnBot, until, type Spawned } from "./process.js";
import { eventsOf, readStoreFiles } from "./store-files.js";

export const TOKEN = "4242:E2EcrashTOKEN_value";
export const ADMIN = 1;
const SEED_AT = "2026-01-01T00:00:00.000Z";

/** `n` consecutive ids from `first`. */
export const ids = (first: number, n: number): number[] => Array.from({ length: n }, (_, i) => first + i);

export interface StoreSeed {
  /** private chats, subscribed and active (each with a user record) */
  subscribers?: number[];
  admins?: number[];
  /** this many past sign-up joins (distinct users from 10,000,000 up), written to the sign-up log */
  signupEvents?: number;
}

/** A store's content: the document, and the sign-up events kept in their log beside it. */
export interface StoreContent {
  db: Db;
  events: StoredSignupEvent[];
}

/** The store a bot would have after these residents subscribed, in the layout of `src/store/schema.ts`. */
export function seedDb(seed: StoreSeed): StoreContent {
  const db = emptyDb();
  for (const id of seed.subscribers ?? []) {
    db.chats[String(id)] = { id, type: "private", subscribed: true, active: true, lang: "zh", since: SEED_AT, updatedAt: SEED_AT };
    db.users[String(id)] = { id, firstName: `居民${id}`, lang: "zh", seenAt: SEED_AT };
  }
  for (const id of seed.admins ?? []) db.roles[String(id)] = "admin";
  const past = ["cleanup-day:2026-10-31", "cleanup-day:2026-09-26", "cleanup-day:2026-08-29", "cleanup-day:2026-07-25"];
  const events: StoredSignupEvent[] = [];
  for (let i = 0; i < (seed.signupEvents ?? 0); i++) {
    events.push({ seq: i + 1, at: SEED_AT, userId: 10_000_000 + i, occurrenceId: past[i % past.length] as string, type: "join", via: "button" });
  }
  return { db, events };
}

/**
 * Writes the files of a store as the bot leaves them after a clean stop (the layout of
 * `src/store/engine/load.ts`): the snapshot `file` and the sign-up log beside it, with no journal.
 */
export async function writeStoreFiles(file: string, db: Db, events: readonly StoredSignupEvent[] = []): Promise<void> {
  const paths = storePaths(file);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(db));
  await writeFile(paths.signups, events.map((e) => JSON.stringify(e) + "\n").join(""));
  await rm(paths.journal, { force: true });
  await rm(paths.previous, { force: true });
}

/** Writes a store before the bot starts (the files the bot itself writes). */
export async function writeStore(file: string, seed: StoreSeed): Promise<StoreContent> {
  const content = seedDb(seed);
  await writeStoreFiles(file, content.db, content.events);
  return content;
}

/** What the store's files hold now, without opening the store (for a running or killed bot). */
export const readStore = (file: string): Promise<StoreContent> => readStoreFiles(file);

/** Opens the files the way the bot does (lock, parse, migrate, replay, validate), then closes them. */
export async function openedByStore(file: string): Promise<StoreContent> {
  const store = await openStore({ file });
  try {
    return { db: structuredClone(store.data) as Db, events: await eventsOf(store) };
  } finally {
    await store.close();
  }
}

/** A calendar date `days` from today in the community time zone, as YYYY-MM-DD. */
export function localDate(days: number, tz = "Asia/Shanghai"): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + days * 86_400_000));
}

/**
 * A copy of the repo's data/ where cleanup-day happens once, on `date` at `time`, with these
 * reminders, and the other notices are gone: what is due does not depend on the day the tests run.
 */
export async function writeDataDir(dir: string, cleanup: { date: string; time: string; reminders: { id: string; dayOffset: number; time: string }[] }): Promise<string> {
  await cp(join(ROOT, "data"), dir, { recursive: true });
  const file = join(dir, "notices.json");
  const catalog = JSON.parse(await readFile(file, "utf8")) as { notices: { id: string; rule: unknown; reminders: unknown }[] };
  const notice = catalog.notices.find((n) => n.id === "cleanup-day");
  if (!notice) throw new Error("data/notices.json has no cleanup-day");
  notice.rule = { kind: "once", date: cleanup.date, time: cleanup.time };
  notice.reminders = cleanup.reminders;
  catalog.notices = [notice];
  await writeFile(file, JSON.stringify(catalog, null, 2));
  return dir;
}

/** The environment of one bot process (only these, plus PATH and HOME). */
export function botEnv(apiRoot: string, dbFile: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    DB_FILE: dbFile,
    DATA_DIR: join(ROOT, "data"),
    ADMIN_IDS: String(ADMIN),
    LOG_LEVEL: "warn",
    ...extra,
  };
}

/**
 * Starts the bot as `npm start` does and resolves once it polls: main calls deleteWebhook right before the
 * first getUpdates, after the store is open, the sender started and the scheduler's first tick ran.
 */
export async function startBot(api: FakeBotApi, env: Record<string, string>, cwd: string, timeoutMs = 20_000): Promise<Spawned> {
  const since = api.calls.length;
  const bot = spawnBot(env, cwd);
  const ready = api.waitForCall((c) => c.method === "deleteWebhook", timeoutMs, since);
  const died = bot.waitForExit(timeoutMs).then((e) => {
    throw new Error(`the bot exited (${e.code ?? e.signal}) before polling:\n${bot.output()}`);
  });
  await Promise.race([ready, died]);
  died.catch(() => undefined);
  return bot;
}

/** The pid in `<file>.lock`, if any. */
export function lockPid(dbFile: string): number | undefined {
  if (!existsSync(`${dbFile}.lock`)) return undefined;
  const pid = Number(readFileSync(`${dbFile}.lock`, "utf8").trim().split(" ")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Whether a pid is a process that has exited but was not reaped yet (Linux). */
export function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8"); // "pid (comm) STATE ..."
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * kill -9 of the whole process group, then waits until the pid in the lock file is gone from the
 * process table: src/store/engine/lock.ts counts a process that exited but was not reaped yet (a zombie)
 * as alive (see faults.test.ts), so restarting earlier would be refused.
 */
export async function crash(bot: Spawned, dbFile: string): Promise<void> {
  bot.kill("SIGKILL");
  await bot.waitForExit(10_000);
  const pid = lockPid(dbFile);
  if (pid !== undefined) await until(() => !pidExists(pid), `the killed bot's process ${pid} to be reaped`, 10_000);
}

/** Messages the bot sent into a chat whose plain text (entities parsed) satisfies `match`. */
export function received(api: FakeBotApi, chatId: number, match: (text: string) => boolean): Message[] {
  return api.sentMessages(chatId).filter((m) => match(m.text ?? ""));
}

/** Calls `onEach` for every recorded call from now on (until `stop()`), synchronously as it is recorded. */
export function watchCalls(api: FakeBotApi, onEach: (call: FakeBotApi["calls"][number]) => void): { stop(): void } {
  let stopped = false;
  void api
    .waitForCall((c) => {
      if (!stopped) onEach(c);
      return stopped;
    }, 600_000)
    .catch(() => undefined);
  return {
    stop() {
      stopped = true;
    },
  };
}

/** What the proxy does with one request. */
export type ProxyFault = "502" | "drop" | "drop-response" | { delayMs: number } | undefined;

export interface FaultProxy {
  url: string;
  /** how many of each fault were injected, by method */
  injected: Map<string, number>;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });

/**
 * An HTTP proxy in front of the fake Bot API that injects faults the fake server cannot (its
 * `behaviour` never sees getUpdates): a 502, a socket dropped before the request reaches the server,
 * a socket dropped after the server answered (the updates are lost on the way), or a delay.
 */
export async function createFaultProxy(target: string, decide: (method: string) => ProxyFault): Promise<FaultProxy> {
  const injected = new Map<string, number>();
  const count = (key: string): void => void injected.set(key, (injected.get(key) ?? 0) + 1);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const method = /\/bot[^/]+\/(\w+)/.exec(req.url ?? "")?.[1] ?? "";
      const fault = decide(method);
      if (fault !== undefined) count(`${method}:${typeof fault === "object" ? "delay" : fault}`);
      if (fault === "502") {
        res.writeHead(502, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error_code: 502, description: "Bad Gateway" }));
        return;
      }
      if (fault === "drop") return void req.socket.destroy();
      if (typeof fault === "object") await new Promise((r) => setTimeout(r, fault.delayMs));
      const abort = new AbortController();
      res.on("close", () => abort.abort());
      const upstream = await fetch(target + (req.url ?? "/"), {
        method: req.method ?? "POST",
        headers: req.headers["content-type"] ? { "content-type": req.headers["content-type"] } : {},
        ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
        signal: abort.signal,
      });
      const text = await upstream.text();
      if (fault === "drop-response") return void req.socket.destroy();
      res.writeHead(upstream.status, { "content-type": "application/json" });
      res.end(text);
    })().catch(() => {
      if (!res.headersSent) req.socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    injected,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A small deterministic PRNG (mulberry32), so a faulty run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
