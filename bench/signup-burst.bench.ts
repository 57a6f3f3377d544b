/**
 * Sign-up burst: 1,000 different volunteers press "报名" on one reminder within one second, against
 * a store that already holds 100,000 sign-up events. Every press goes through the real bot
 * (`bot.handleUpdate`, recording transformer: no network), so latency covers decide + append + the
 * durable group-commit write + answerCallbackQuery. Then the store is closed, reopened and folded
 * again (the sign-up log streamed from disk), and all 1,000 must be on the roster.
 *
 *   npx tsx bench/signup-burst.bench.ts
 */
import { createLocaleService } from "../src/store/locales.js";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { createBot } from "../src/bot/create-bot.js";
import { createSignupFeature } from "../src/bot/features/signups.js";
import { createI18n } from "../src/bot/i18n.js";
import { signupCallbackData, signupKeyboard } from "../src/domain/signups/buttons.js";
import { nextOccurrence } from "../src/domain/recurrence.js";
import { loadNoticeCatalog } from "../src/store/notice-catalog.js";
import { storePaths } from "../src/store/engine/load.js";
import { createSignupRepo } from "../src/store/signup-repo.js";
import { openStore } from "../src/store/engine/store.js";
import { callbackQuery, createRecordingApi, makeUser } from "../tools/fake-bot-api/index.js";
import { createUsersRepo } from "../src/store/users-repo.js";
import { createPeopleRepos } from "../src/store/people-repos.js";

const PREFILL = 100_000;
const PRESSES = 1_000;
const SPREAD_MS = 1_000;
const GOAL_P95_MS = 500;
const TZ = "Asia/Shanghai";
const NOW = new Date("2026-11-27T11:00:00.000Z"); // 19:00 the eve of cleanup day 2026-11-28
const TARGET = "cleanup-day:2026-11-28";
const GROUP = -100123;

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  ok?: boolean;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

export default async function signupBurst(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), "signup-burst-"));
  const file = join(dir, "db.json");
  const catalog = await loadNoticeCatalog("data");
  const cleanup = catalog.notices.find((n) => n.id === "cleanup-day");
  if (!cleanup) throw new Error("data/notices.json has no cleanup-day");
  try {
    // 1. 100,000 past events: 200 monthly cleanup days × 500 (joins, cancels, attendance), 5,000 known users
    let store = await openStore({ file, keepBackup: false });
    await store.write((db) => {
      let at = new Date("2010-01-01T00:00:00.000Z");
      let seq = 0;
      while (seq < PREFILL) {
        const occ = nextOccurrence(cleanup, TZ, at);
        if (!occ) throw new Error("no occurrence");
        const id = `cleanup-day:${occ.date}`;
        for (let i = 0; i < 500 && seq < PREFILL; i++) {
          const userId = 10_000 + ((i * 7 + seq) % 5_000);
          const type = i < 400 ? "join" : i < 450 ? "cancel" : "attended";
          // the store numbers them 1, 2, … in this order
          store.signups.append({ at: new Date(occ.startsAt.getTime() - 86_400_000).toISOString(), userId, occurrenceId: id, type, via: i % 2 ? "button" : "text" });
          seq++;
        }
        at = new Date(occ.startsAt.getTime() + 60_000);
      }
      for (let u = 10_000; u < 15_000; u++) db.users[String(u)] = { id: u, firstName: `居民${u}`, seenAt: NOW.toISOString() };
    }, "durable");
    await store.close();
    const sizeMb = (await stat(file)).size / 1e6;
    const logMb = (await stat(storePaths(file).signups)).size / 1e6;

    // 2. the bot, as main builds it, on the reopened store
    store = await openStore({ file, keepBackup: true });
    const foldStart = performance.now();
    const repo = await createSignupRepo({ store, catalog, timezone: TZ, now: () => NOW });
    const foldMs = performance.now() - foldStart;
    const rec = createRecordingApi({ maxCalls: 10_000 });
    const feature = createSignupFeature({ repo, users: createUsersRepo(store), locales: createLocaleService(store) });
    const bot = createBot({
      token: "123:TEST",
      botInfo: rec.botInfo,
      i18n: createI18n("locales"),
      deps: { ...createPeopleRepos(store, () => NOW), log: pino({ level: "silent" }), now: () => NOW, adminIds: [], timezone: TZ },
      features: [feature],
      transformers: [rec.transformer],
    });
    const reminder = await bot.api.sendMessage(GROUP, "【柳河社区周末卫生日】", { reply_markup: signupKeyboard(TARGET) });
    store.write((db) => void (db.liveMessages[TARGET] = [{ chatId: GROUP, messageId: reminder.message_id }]), "batched");
    await store.flush();
    const writesBefore = store.writes;

    // 3. the burst: one press per millisecond, each timed until its answerCallbackQuery
    const answeredAt = new Map<string, number>();
    bot.api.config.use(async (prev, method, payload, signal) => {
      const res = await prev(method, payload, signal);
      if (method === "answerCallbackQuery") answeredAt.set(String((payload as { callback_query_id: string }).callback_query_id), performance.now());
      return res;
    });
    const startedAt = new Map<string, number>();
    const data = signupCallbackData("join", TARGET);
    const runs: Promise<void>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < PRESSES; i++) {
      const due = t0 + (i * SPREAD_MS) / PRESSES;
      while (performance.now() < due) await new Promise((r) => setImmediate(r));
      const update = { update_id: i + 1, ...callbackQuery(makeUser(500_000 + i), data, reminder) } as Update;
      const id = update.callback_query?.id ?? "";
      startedAt.set(id, performance.now());
      runs.push(bot.handleUpdate(update));
    }
    await Promise.all(runs);
    const burstMs = performance.now() - t0;
    const latencies = [...startedAt].map(([id, start]) => (answeredAt.get(id) ?? Infinity) - start).sort((a, b) => a - b);
    const writes = store.writes - writesBefore;
    feature.live.stop();
    await store.close();

    // 4. after a restart: all 1,000 on the roster
    const reopened = await openStore({ file, keepBackup: false });
    const again = await createSignupRepo({ store: reopened, catalog, timezone: TZ, now: () => NOW });
    const onRoster = Array.from({ length: PRESSES }, (_, i) => 500_000 + i).filter((u) => again.book.rosters.get(TARGET)?.confirmed.has(u)).length;
    let events = 0;
    let lastSeq = 0;
    await reopened.signups.replay((e) => {
      events++;
      lastSeq = e.seq;
    });
    await reopened.close();

    const p95 = pct(latencies, 95);
    return [
      { name: "signup-burst: store snapshot size", value: Math.round(sizeMb * 10) / 10, unit: "MB" },
      { name: "signup-burst: sign-up log size", value: Math.round(logMb * 10) / 10, unit: "MB" },
      { name: "signup-burst: fold 100k events at start", value: Math.round(foldMs), unit: "ms" },
      { name: "signup-burst: presses answered", value: latencies.filter(Number.isFinite).length, unit: "of 1000", goal: "1000", ok: latencies.every(Number.isFinite) },
      { name: "signup-burst: answer latency p50", value: Math.round(pct(latencies, 50)), unit: "ms" },
      { name: "signup-burst: answer latency p95", value: Math.round(p95), unit: "ms", goal: `< ${GOAL_P95_MS}`, ok: p95 < GOAL_P95_MS },
      { name: "signup-burst: answer latency max", value: Math.round(latencies.at(-1) ?? NaN), unit: "ms" },
      { name: "signup-burst: burst duration", value: Math.round(burstMs), unit: "ms" },
      { name: "signup-burst: disk writes for the burst", value: writes, unit: "writes" },
      { name: "signup-burst: on the roster after restart", value: onRoster, unit: "of 1000", goal: "1000", ok: onRoster === PRESSES && events === PREFILL + PRESSES && lastSeq === events },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  signupBurst()
    .then((rows) => {
      for (const r of rows) console.log(`${r.ok === false ? "FAIL" : "ok  "} ${r.name}: ${r.value} ${r.unit}${r.goal ? ` (goal ${r.goal})` : ""}`);
      if (rows.some((r) => r.ok === false)) process.exitCode = 1;
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
