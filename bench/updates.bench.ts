/**
 * Update throughput with 100,000 records in the store (issue 6; goal: ≥ 0.8 of a bare grammY bot).
 *
 * One local fake Bot API server (HTTP, in a worker thread so it does not share the bots' thread)
 * serves every bot in turn. Each bot long-polls it; the benchmark queues N updates from N different
 * users at once and times, on the server, from the push to the last user's reply.
 *
 *  - real: createApp (every feature) over a store of 50,000 subscribers (chat + user records) and
 *    50,000 sign-up events written directly as JSON, driven as main drives it: createPoller +
 *    createUpdateQueue (updates of different chats at once, up to 64; an update confirmed to
 *    Telegram only once its effects are on disk), Bot API calls over createApiFetch (undici).
 *  - bare, same poller: `new Bot(token)` + `bot.on("message", ctx => ctx.reply("ok"))`, stock
 *    grammY (node-fetch), driven by the same createPoller + createUpdateQueue over an empty store.
 *    This is the baseline of the ratio: both bots get their updates the same way.
 *  - references (read-only workload only, no goal):
 *    - bare, bot.start(): the bare bot with grammY's built-in long polling (one update at a time);
 *    - bare, createApiFetch: the bare "ok" bot over the real bot's HTTP client, which tells what
 *      the client is worth apart from the rest;
 *    - bare, same replies as real: a bare bot (same client) sending exactly what the real bot sent
 *      for the same update (learnt from its warm-up round): it tells the cost of the replies' size
 *      (a 1,600-character /progress against "ok") from the cost of the bot's own work.
 *
 * Workloads: (a) read-only: /progress and plain-language questions from residents already in the
 * store (the goal's figure); (b) /start from new users (each subscribes: store writes); (c) the
 * same questions from users not yet in the store (their name is remembered: store writes).
 * Each: a warm-up round, then ROUNDS rounds (the bots taking turns); the median rate is reported.
 *
 *   npx tsx bench/updates.bench.ts        (UPDATES=2000, UPDATES_WRITING=500 for the workloads that write; ROUNDS=5)
 *   profile one side:  BENCH_UPDATES=real BENCH_WORKLOAD=progress node --cpu-prof --import tsx bench/updates.bench.ts
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Bot } from "grammy";
import pino from "pino";
import { createApp } from "../src/app.js";
import { createApiFetch, type ApiFetch } from "../src/bot/transport/api-fetch.js";
import type { BotContext } from "../src/bot/context.js";
import { createPoller, type Poller } from "../src/bot/transport/poller.js";
import { createUpdateQueue, type UpdateQueue } from "../src/bot/transport/update-queue.js";
import type { Config } from "../src/config.js";
import { openStore, type Store } from "../src/store/engine/store.js";
import { createUpdatesRepo } from "../src/store/updates-repo.js";
import { command, makeUser, privateMessage, type FakeBotApiOptions, type UpdateInput } from "../tools/fake-bot-api/index.js";
import { writeBigStore } from "./lib/big-store.js";
import type { WorkerIn, WorkerOut } from "./lib/updates-api-worker.js";
import type { BenchRow } from "./run.js";
import { startTsWorker } from "./lib/ts-worker.js";

const TOKEN = "123:TEST";
const GOAL_RATIO = 0.8;
const SUBSCRIBERS = 50_000;
const EVENTS = 50_000;
const FIRST_USER = 100_000;
const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;
const QUESTIONS = ["知晓率是多少？", "清运垃圾多少车了", "how many truckloads of garbage were cleared?", "本月拆除违章建筑多少间", "what is the awareness rate?", "创文进度怎么样"];
const log = pino({ level: "silent" });

interface ApiServer {
  url: string;
  /** Queues the updates; resolves once every one of `chats` got a reply (time on the server). */
  run(updates: UpdateInput[], chats: number[]): Promise<{ ms: number; replies: number }>;
  stats(): Promise<Record<string, number>>;
  /** What each chat of the last push was sent (sendMessage parameters, in order). */
  replies(): Promise<Map<number, Record<string, unknown>[]>>;
  stop(): Promise<void>;
}

async function startServer(options: FakeBotApiOptions): Promise<ApiServer> {
  const worker = startTsWorker(new URL("./lib/updates-api-worker.ts", import.meta.url), { ...options, token: TOKEN });
  const next = <T extends WorkerOut["type"]>(type: T): Promise<Extract<WorkerOut, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (msg: WorkerOut): void => {
        if (msg.type !== type) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        resolve(msg as Extract<WorkerOut, { type: T }>);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
  const send = (msg: WorkerIn): void => worker.postMessage(msg);
  const { url } = await next("ready");
  return {
    url,
    async run(updates, chats) {
      const done = next("done");
      send({ type: "push", updates, chats });
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no reply to every update within 120 s")), 120_000).unref());
      return Promise.race([done, timeout]);
    },
    async stats() {
      const answer = next("stats");
      send({ type: "stats" });
      return (await answer).calls;
    },
    async replies() {
      const answer = next("replies");
      send({ type: "replies" });
      return new Map((await answer).replies);
    },
    async stop() {
      send("stop");
      await new Promise((r) => worker.once("exit", r));
    },
  };
}

/**
 * A way of running a bot against the server. Bots take turns (only one may long-poll a token at a
 * time): `resume` starts its polling, `pause` stops it after the updates in hand; rounds of the
 * bots alternate, so a passing load on the machine hits them alike.
 */
interface Driver {
  name: string;
  /** Builds the bot (not polling yet). */
  start(): Promise<void>;
  resume(): Promise<void>;
  /** Stops polling once everything received is handled and saved. */
  pause(): Promise<void>;
  stop(): Promise<void>;
  store?: Store;
}

function pollerDriver(name: string, make: () => Promise<{ bot: Bot<BotContext>; store: Store; cleanup?: () => void }>): Driver {
  let poller: Poller | undefined;
  let running: Promise<void> | undefined;
  let made: Awaited<ReturnType<typeof make>> | undefined;
  const driver: Driver = {
    name,
    async start() {
      made = await make();
      const { bot, store } = made;
      driver.store = store;
      bot.botInfo = await bot.api.getMe();
      const updates = createUpdatesRepo(store);
      const queue: UpdateQueue = createUpdateQueue({ bot, updates, log });
      poller = createPoller({ bot, updates, log, queue, allowedUpdates: ALLOWED_UPDATES, onFatal: (err) => console.error(err.message) });
    },
    async resume() {
      running = poller?.run();
      await new Promise((r) => setTimeout(r, 20)); // its first getUpdates is waiting
    },
    async pause() {
      await poller?.stop(); // drains the queue and flushes the store
      await running;
    },
    async stop() {
      made?.cleanup?.();
      await made?.store.close();
    },
  };
  return driver;
}

function bareBot(url: string, fetch?: ApiFetch): Bot<BotContext> {
  const bot = new Bot(TOKEN, { client: { apiRoot: url, ...(fetch ? { fetch } : {}) } });
  bot.on("message", (ctx) => ctx.reply("ok"));
  return bot as unknown as Bot<BotContext>;
}

/** What decides the real bot's reply in the read-only workload: the text, and the user's language (stored or Telegram's). */
const replyKey = (text: string | undefined, from: { id: number; language_code?: string } | undefined): string =>
  `${text}|${from ? from.id % 5 === 0 : ""}|${from?.language_code}`;

/**
 * A bare bot that sends exactly what the real bot sent for the same update (learnt from the real
 * bot's warm-up round): the same bytes over the same HTTP, without the bot's work. It separates the
 * cost of the replies' size from the cost of the bot itself.
 */
function sameRepliesBot(url: string, fetch: ApiFetch, table: Map<string, Record<string, unknown>[]>, misses: { n: number }): Bot<BotContext> {
  const bot = new Bot(TOKEN, { client: { apiRoot: url, fetch } });
  bot.on("message", async (ctx) => {
    const replies = table.get(replyKey(ctx.message.text, ctx.from));
    if (!replies) misses.n++;
    for (const params of replies ?? [{ text: "ok" }]) await ctx.api.raw.sendMessage({ ...params, chat_id: ctx.chat.id } as Parameters<typeof ctx.api.raw.sendMessage>[0]);
  });
  return bot as unknown as Bot<BotContext>;
}

function bareStartDriver(url: string): Driver {
  const bot = new Bot(TOKEN, { client: { apiRoot: url } });
  bot.on("message", (ctx) => ctx.reply("ok"));
  let running: Promise<void> | undefined;
  return {
    name: "bare, bot.start()",
    start: () => bot.init(),
    async resume() {
      await new Promise<void>((resolve) => {
        running = bot.start({ allowed_updates: ["message"], onStart: () => resolve() });
      });
    },
    async pause() {
      await bot.stop();
      await running;
    },
    async stop() {},
  };
}

interface Workload {
  name: string;
  /** it writes the store: fewer updates a round (UPDATES_WRITING, default 500) keep the run short */
  writes?: boolean;
  /** the updates of one round, and the chats that must get a reply */
  round(index: number, n: number): { updates: UpdateInput[]; chats: number[] };
}

const existingQuestions: Workload = {
  name: "questions + /progress, residents in the store",
  round(index, n) {
    // users the store knows with the same profile: nothing to write
    const users = Array.from({ length: n }, (_, i) => makeUser(FIRST_USER + ((index * n + i) % SUBSCRIBERS), { language_code: i % 3 ? "zh" : "en" }));
    const updates = users.map((u, i) => (i % 2 === 0 ? command(u, "/progress") : privateMessage(u, QUESTIONS[i % QUESTIONS.length]!)));
    return { updates, chats: users.map((u) => u.id) };
  },
};

const newStarts: Workload = {
  name: "/start from new users",
  writes: true,
  round(index, n) {
    const users = Array.from({ length: n }, (_, i) => makeUser(10_000_000 + index * 100_000 + i));
    return { updates: users.map((u) => command(u, "/start")), chats: users.map((u) => u.id) };
  },
};

const newQuestions: Workload = {
  name: "questions from users not yet in the store",
  writes: true,
  round(index, n) {
    const users = Array.from({ length: n }, (_, i) => makeUser(20_000_000 + index * 100_000 + i));
    return { updates: users.map((u, i) => privateMessage(u, QUESTIONS[i % QUESTIONS.length]!)), chats: users.map((u) => u.id) };
  },
};

interface Measured {
  rate: number;
  rates: number[];
  writes: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** One round of n updates through one bot: the rate in updates/s and the store writes it took. */
async function round(server: ApiServer, driver: Driver, workload: Workload, index: number, n: number): Promise<{ rate: number; writes: number }> {
  const { updates, chats } = workload.round(index, n);
  await driver.resume();
  const writesBefore = driver.store?.writes ?? 0;
  const { ms } = await server.run(updates, chats);
  await driver.pause();
  return { rate: (n / ms) * 1000, writes: (driver.store?.writes ?? 0) - writesBefore };
}

/** Runs the benchmark; returns rows for bench/run.ts. */
export default async function run(): Promise<BenchRow[]> {
  const readN = Number(process.env.UPDATES ?? 2000);
  const writeN = Number(process.env.UPDATES_WRITING ?? 500);
  // five rounds: on a 2-core machine single rounds vary by ±20 %; the median of five steadies the ratio
  const rounds = Number(process.env.ROUNDS ?? 5);
  const only = process.env.BENCH_UPDATES; // "real" or "bare": profile one side
  const dir = await mkdtemp(join(tmpdir(), "bench-updates-"));
  const server = await startServer({});
  try {
    const bigFile = join(dir, "big.json");
    const written = await writeBigStore(bigFile, { subscribers: SUBSCRIBERS, events: EVENTS, firstUserId: FIRST_USER });
    const config: Config = {
      token: TOKEN,
      apiRoot: server.url,
      adminIds: [1],
      districtIds: [],
      dbFile: bigFile,
      dataDir: "data",
      logLevel: "silent", community: "default",
      delivery: { perSecond: 30, groupPerMinute: 20, concurrency: 8 },
    };
    // the real bot runs as main runs it: over createApiFetch's HTTP client
    const transport = createApiFetch();
    const real = pollerDriver("real (createApp), createPoller", async () => {
      const store = await openStore({ file: bigFile });
      const app = await createApp({ config, store, log, fetch: transport.fetch });
      return { bot: app.bot, store, cleanup: () => app.stopFeatures() };
    });
    const barePoller = pollerDriver("bare, createPoller", async () => ({ bot: bareBot(server.url), store: await openStore({ file: join(dir, "bare.json") }) }));
    const bareStart = bareStartDriver(server.url);
    const table = new Map<string, Record<string, unknown>[]>();
    const misses = { n: 0 };
    const bareSame = pollerDriver("bare, same replies as real", async () => ({ bot: sameRepliesBot(server.url, transport.fetch, table, misses), store: await openStore({ file: join(dir, "same.json") }) }));
    const bareTransport = pollerDriver("bare, createApiFetch", async () => ({ bot: bareBot(server.url, transport.fetch), store: await openStore({ file: join(dir, "bare-undici.json") }) }));

    const pick = process.env.BENCH_WORKLOAD; // a word of a workload's name: profile one workload
    const workloads = [existingQuestions, newStarts, newQuestions].filter((w) => !pick || w.name.includes(pick));
    const results = new Map<string, Map<string, Measured>>();
    const drivers = only === "real" ? [real] : only === "bare" ? [barePoller] : [barePoller, real, bareStart, bareSame, bareTransport];
    for (const d of drivers) await d.start();
    let index = 0;
    for (const w of workloads) {
      const n = w.writes ? writeN : readN;
      // the references only for the read-only figure: they are not the baseline
      const references = [bareStart, bareSame, bareTransport];
      const taking = drivers.filter((d) => !references.includes(d) || w === existingQuestions);
      const seen = new Map<Driver, Measured>(taking.map((d) => [d, { rate: 0, rates: [], writes: 0 }]));
      for (const d of taking) {
        const warm = Math.max(250, Math.floor(n / 2));
        await round(server, d, w, ++index, warm); // warm-up
        if (d === real && w === existingQuestions) {
          // the replies the same-replies bot will send: learnt from this round
          const sent = await server.replies();
          for (const u of w.round(index, warm).updates) {
            const msg = u.message;
            const chatId = msg?.chat.id;
            const replies = chatId === undefined ? undefined : sent.get(chatId);
            if (msg && replies) table.set(replyKey(msg.text, msg.from), replies.map(({ chat_id: _chat, ...rest }) => rest));
          }
        }
      }
      for (let r = 0; r < rounds; r++) {
        index++;
        for (const d of taking) {
          const one = await round(server, d, w, index, n);
          const m = seen.get(d)!;
          m.rates.push(one.rate);
          m.writes += one.writes;
        }
      }
      for (const [d, m] of seen) {
        m.rate = median(m.rates);
        if (!results.has(d.name)) results.set(d.name, new Map());
        results.get(d.name)!.set(w.name, m);
        console.log(`${d.name.padEnd(32)} ${w.name.padEnd(44)} ${m.rate.toFixed(0).padStart(6)} updates/s  (rounds ${m.rates.map((x) => x.toFixed(0)).join(", ")}; ${m.writes} store writes)`);
      }
    }
    for (const d of drivers) await d.stop();
    await transport.close();
    const calls = await server.stats();
    console.log(`Bot API calls seen: ${JSON.stringify(calls)}`);

    const rows: BenchRow[] = [];
    const sizeMb = (written.bytes / 2 ** 20).toFixed(1);
    const base = results.get(barePoller.name);
    const mine = results.get(real.name);
    for (const w of workloads) {
      const b = base?.get(w.name);
      const m = mine?.get(w.name);
      const n = w.writes ? writeN : readN;
      if (b) rows.push({ metric: `bare grammY bot: ${w.name}`, value: Math.round(b.rate), unit: "updates/s", note: `${n} updates a round, same poller` });
      if (m) rows.push({ metric: `real bot: ${w.name}`, value: Math.round(m.rate), unit: "updates/s", note: `${n} updates a round, ${m.writes} store writes in ${rounds} rounds` });
      if (b && m) {
        const ratio = m.rate / b.rate;
        rows.push({
          metric: `ratio real / bare: ${w.name}`,
          value: Math.round(ratio * 100) / 100,
          unit: "×",
          ...(w === existingQuestions ? { goal: { min: GOAL_RATIO } } : {}),
          note: w === existingQuestions ? `store ${SUBSCRIBERS / 1000}k subscribers + ${EVENTS / 1000}k events (${sizeMb} MB)` : "writes the store: reported, no goal",
        });
      }
    }
    const same = results.get(bareSame.name)?.get(existingQuestions.name);
    const okOverTransport = results.get(bareTransport.name)?.get(existingQuestions.name);
    const real1 = mine?.get(existingQuestions.name);
    if (okOverTransport && real1) {
      rows.push({ metric: "bare bot over createApiFetch: questions", value: Math.round(okOverTransport.rate), unit: "updates/s", note: `replies "ok" over the real bot's HTTP client (reference)` });
      rows.push({ metric: "ratio real / bare over the same HTTP client: questions", value: Math.round((real1.rate / okOverTransport.rate) * 100) / 100, unit: "×", note: "the bot's work and its replies' size, the client aside (reference, no goal)" });
    }
    if (same && real1 && okOverTransport) {
      rows.push({ metric: "bare bot sending the real bot's replies: questions", value: Math.round(same.rate), unit: "updates/s", note: `${(same.rate / okOverTransport.rate).toFixed(2)} × the bare "ok" bot over the same client: the cost of the replies' size${misses.n > 0 ? `; ${misses.n} updates without a learnt reply` : ""}` });
      rows.push({ metric: "ratio real / bare sending the same replies: questions", value: Math.round((real1.rate / same.rate) * 100) / 100, unit: "×", note: "the cost of the bot itself (reference, no goal)" });
    }
    const ref = results.get(bareStart.name)?.get(existingQuestions.name);
    if (ref) rows.push({ metric: "bare grammY bot, bot.start(): questions", value: Math.round(ref.rate), unit: "updates/s", note: "grammY's own polling, one update at a time (reference)" });
    if (mine) rows.push({ metric: "store file size", value: Number(((await stat(bigFile)).size / 2 ** 20).toFixed(1)), unit: "MB", note: "after the runs" });
    return rows;
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await run();
  for (const row of rows) {
    const goal = typeof row.goal === "object" && row.goal.min !== undefined ? ` (goal ≥ ${row.goal.min}: ${row.value >= row.goal.min ? "ok" : "MISSED"})` : "";
    console.log(`${row.metric}: ${row.value} ${row.unit}${goal}${row.note ? `  [${row.note}]` : ""}`);
  }
  if (rows.some((row) => typeof row.goal === "object" && row.goal.min !== undefined && row.value < row.goal.min)) process.exitCode = 1;
}
