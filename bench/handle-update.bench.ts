/**
 * The bot's own work per update, apart from HTTP and polling (issue 12's throughput goal): the real
 * bot (createApp over the updates bench's 50k-subscriber store) and a bare grammY bot, each fed the
 * read-only workload's updates (/progress and questions) straight into `bot.handleUpdate`, 64 at a
 * time, with the Bot API answered in process. Reported: CPU time per update and bytes allocated per
 * update (collected ones included). Both barely depend on the machine's load, unlike the updates
 * bench's wall-clock ratio on a shared 2-core machine, so they tell whether a change to the hot path
 * helped. No goal: a reference for the ratio's cause.
 *
 *   npx tsx bench/handle-update.bench.ts        (UPDATES=3000)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Bot, type Transformer } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import pino from "pino";
import { createApp } from "../src/app.js";
import type { BotContext } from "../src/bot/context.js";
import type { Config } from "../src/config.js";
import { openStore } from "../src/store/engine/store.js";
import { command, makeUser, privateMessage } from "../tools/fake-bot-api/index.js";
import { writeBigStore } from "./lib/big-store.js";
import type { BenchRow } from "./run.js";

const QUESTIONS = ["知晓率是多少？", "清运垃圾多少车了", "how many truckloads of garbage were cleared?", "本月拆除违章建筑多少间", "what is the awareness rate?", "创文进度怎么样"];
const SUBSCRIBERS = 50_000;
const FIRST_USER = 100_000;
const ME = { id: 42, is_bot: true, first_name: "Bench", username: "bench_bot" } as UserFromGetMe;

/** The Bot API answered in process: every call succeeds, a sent message gets an id. */
const answered = (): Transformer => {
  let id = 0;
  return (async (_prev, method, payload) => {
    const chat = { id: (payload as { chat_id?: number }).chat_id ?? 0, type: "private" };
    return { ok: true, result: method === "sendMessage" ? { message_id: ++id, date: 0, chat, text: "" } : true };
  }) as Transformer;
};

/** Runs n updates of the read-only workload through the bot, 64 at a time (as the update queue allows). */
async function feed(bot: Bot<BotContext>, from: number, n: number): Promise<void> {
  const running: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const user = makeUser(FIRST_USER + ((from + i) % SUBSCRIBERS), { language_code: i % 3 ? "zh" : "en" });
    const input = i % 2 === 0 ? command(user, "/progress") : privateMessage(user, QUESTIONS[i % QUESTIONS.length]!);
    running.push(bot.handleUpdate({ ...input, update_id: from + i + 1 } as Update));
    if (running.length >= 64) await Promise.all(running.splice(0));
  }
  await Promise.all(running);
}

/** CPU µs and allocated bytes per update over n updates (after a warm-up of n / 2). */
async function measure(bot: Bot<BotContext>, n: number): Promise<{ cpuUs: number; bytes: number }> {
  await feed(bot, 0, Math.floor(n / 2));
  const cpu0 = process.cpuUsage();
  await feed(bot, n, n);
  const cpu = process.cpuUsage(cpu0);
  const session = new Session();
  session.connect();
  await session.post("HeapProfiler.startSampling", { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  await feed(bot, 2 * n, n);
  const { profile } = await session.post("HeapProfiler.stopSampling");
  session.disconnect();
  let bytes = 0;
  const walk = (node: typeof profile.head): void => {
    bytes += node.selfSize;
    node.children.forEach(walk);
  };
  walk(profile.head);
  return { cpuUs: (cpu.user + cpu.system) / n, bytes: bytes / n };
}

/** Runs the benchmark; returns rows for bench/run.ts. */
export default async function run(): Promise<BenchRow[]> {
  const n = Number(process.env.UPDATES ?? 3000);
  const dir = await mkdtemp(join(tmpdir(), "bench-handle-"));
  try {
    const file = join(dir, "big.json");
    await writeBigStore(file, { subscribers: SUBSCRIBERS, events: 50_000, firstUserId: FIRST_USER });
    // the API root is never reached: the transformer answers every call
    const config: Config = { token: "123:TEST", apiRoot: "http://127.0.0.1:9", adminIds: [1], districtIds: [], dbFile: file, dataDir: "data", logLevel: "silent", community: "default", delivery: { perSecond: 30, groupPerMinute: 20, concurrency: 8 } };
    const store = await openStore({ file });
    const app = await createApp({ config, store, log: pino({ level: "silent" }) });
    app.bot.botInfo = ME;
    app.bot.api.config.use(answered());
    const real = await measure(app.bot, n);
    app.stopFeatures();
    await store.close();
    const bare = new Bot<BotContext>("123:TEST", { botInfo: ME });
    bare.on("message", (ctx) => ctx.reply("ok"));
    bare.api.config.use(answered());
    const base = await measure(bare, n);
    const note = `${n} updates (/progress and questions), handleUpdate only, Bot API answered in process (reference, no goal)`;
    return [
      { metric: "real bot: CPU per update", value: Math.round(real.cpuUs), unit: "µs", note },
      { metric: "real bot: allocated per update", value: Math.round(real.bytes / 1024), unit: "KB", note: "collected objects included (sampled)" },
      { metric: "bare grammY bot: CPU per update", value: Math.round(base.cpuUs), unit: "µs", note },
      { metric: "bare grammY bot: allocated per update", value: Math.round(base.bytes / 1024), unit: "KB", note: "collected objects included (sampled)" },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await run()) console.log(`${row.metric}: ${row.value} ${row.unit}  [${row.note}]`);
}
