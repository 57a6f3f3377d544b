/**
 * A short broadcast measured from outside (issue 13): the real bot process (as `npm start` runs
 * it) against the local fake Bot API, which allows 30 sends a second (429 beyond) and answers after
 * 20 ms. Staff send `/broadcast` and press Confirm; 240 subscribers get it. The figure is the rate
 * staff see: recipients / (from the moment the Confirm press is handed to the bot until the summary
 * is on the staff's screen), against the 30/s the bot is allowed; everything that happens in the
 * first and the last second (the preview's edit, the progress message and its edits, the outcomes
 * saved, the summary) is in it. Median of ROUNDS rounds (default 3).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { callbackQuery, command, createFakeBotApi, makeUser, type FakeBotApi } from "../tools/fake-bot-api/index.js";
import { ADMIN, TOKEN, botEnv, ids, startBot, writeStore } from "../tests/helpers/e2e-store.js";
import { until } from "../tests/helpers/process.js";
import type { BenchRow } from "./run.js";

const RECIPIENTS = 240;
const RATE = 30;
const FIRST = 1001;

interface Round {
  /** from the Confirm press handed to the bot until the summary was sent (ms) */
  summaryMs: number;
  lastRecipientMs: number;
  tooMany: number;
}

const ok = (c: FakeBotApi["calls"][number]): boolean => "ok" in c.response && c.response.ok;

async function round(dir: string): Promise<Round> {
  const api = createFakeBotApi({ token: TOKEN, latencyMs: 20, rateLimit: { perSecond: RATE } });
  await api.start();
  const dbFile = join(dir, "db.json");
  await writeStore(dbFile, { subscribers: ids(FIRST, RECIPIENTS), admins: [ADMIN] });
  const bot = await startBot(api, botEnv(api.url!, dbFile, { SEND_RATE_PER_SECOND: String(RATE) }), dir);
  try {
    const admin = makeUser(ADMIN);
    api.pushUpdate(command(admin, "/broadcast", "本周六卫生日，欢迎参加。"));
    await until(() => api.sentMessages(ADMIN).some((m) => m.reply_markup !== undefined), "the preview");
    const preview = api.sentMessages(ADMIN).find((m) => m.reply_markup !== undefined)!;
    const confirm = preview.reply_markup!.inline_keyboard[0]![0] as { callback_data: string };
    const since = api.calls.length;
    api.pushUpdate(callbackQuery(admin, confirm.callback_data, preview));
    await until(() => api.sentMessages(ADMIN).some((m) => m.text?.includes("发送完成")), "the summary", 60_000);
    const calls = api.calls.slice(since);
    // the getUpdates that handed the press over
    const handed = calls.find((c) => c.method === "getUpdates" && ok(c) && ((c.response as { result?: unknown[] }).result?.length ?? 0) > 0);
    const t0 = handed?.at ?? (calls[0] as { at: number }).at;
    const toStaff = calls.filter((c) => Number(c.params.chat_id) === ADMIN && ok(c) && String(c.params.text ?? "").includes("发送完成"));
    const sends = calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) >= FIRST && ok(c));
    return {
      summaryMs: (toStaff[0]?.at ?? NaN) - t0,
      lastRecipientMs: Math.max(...sends.map((c) => c.at)) - t0,
      tooMany: calls.filter((c) => "ok" in c.response && !c.response.ok && c.response.error_code === 429).length,
    };
  } finally {
    bot.kill("SIGTERM");
    await bot.waitForExit(12_000).catch(() => undefined);
    await api.stop();
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const percent = (ms: number): number => (100 * (RECIPIENTS / (ms / 1000))) / RATE;

export default async function shortBroadcast(): Promise<BenchRow[]> {
  const rounds: Round[] = [];
  for (let i = 0; i < Number(process.env.ROUNDS ?? 3); i++) {
    const dir = await mkdtemp(join(tmpdir(), "bench-short-broadcast-"));
    try {
      rounds.push(await round(dir));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const summary = median(rounds.map((r) => r.summaryMs));
  const last = median(rounds.map((r) => r.lastRecipientMs));
  return [
    {
      metric: `short broadcast (${RECIPIENTS}), confirm to summary`,
      value: percent(summary),
      unit: `% of ${RATE}/s`,
      goal: { min: 95 },
      note: `real process; median ${(summary / 1000).toFixed(2)} s (rounds ${rounds.map((r) => (r.summaryMs / 1000).toFixed(2)).join(", ")} s); 429s ${rounds.map((r) => r.tooMany).join(", ")}`,
    },
    {
      metric: `short broadcast (${RECIPIENTS}), confirm to last recipient`,
      value: percent(last),
      unit: `% of ${RATE}/s`,
      goal: { min: 95 },
      note: `median ${(last / 1000).toFixed(2)} s`,
    },
  ];
}
