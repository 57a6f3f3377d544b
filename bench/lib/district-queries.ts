/**
 * `/progress`, `/progress <metric>` and plain-language questions through the real bot on the
 * PostgreSQL repositories (one instance, recording API): each update from another seeded resident
 * (as in life; the per-user rate limit stays on), one after another, timed around handleUpdate.
 * The first updates warm up the JIT and the pool and are not counted.
 */
import type { BenchRow } from "../run.js";
import { loadCampaign } from "../../src/store/campaign-catalog.js";
import { command, makeUser, privateMessage } from "../../tools/fake-bot-api/index.js";
import { quantile, type DistrictInstance } from "./district-app.js";
import { FIRST_ID } from "./district-seed.js";

const GOAL_MS = 20;
const WARMUP = 30;
const QUESTIONS = ["知晓率是多少？", "清运垃圾多少车了", "how many truckloads of garbage were cleared?", "本月拆除违章建筑多少间", "what is the awareness rate?", "创文进度怎么样"];

export async function runQueries(inst: DistrictInstance, subscribers: number, runs: number): Promise<BenchRow[]> {
  const { campaign } = await loadCampaign("data");
  const metric = campaign.metrics.find((m) => m.kind === "rate")?.id ?? campaign.metrics[0]!.id;
  let nextUser = 0;
  const resident = () => {
    const k = (nextUser++ * 9_973) % subscribers;
    return makeUser(FIRST_ID + k, { language_code: k % 10 === 0 ? "en" : "zh" });
  };
  const time = async (make: (i: number) => Parameters<DistrictInstance["send"]>[0]): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < runs + WARMUP; i++) {
      const update = make(i);
      const t = performance.now();
      await inst.send(update);
      if (i >= WARMUP) out.push(performance.now() - t);
    }
    return out;
  };
  const before = inst.rec.calls.filter((c) => c.method === "sendMessage").length;
  const kinds: [string, number[]][] = [
    ["/progress", await time(() => command(resident(), "/progress"))],
    [`/progress ${metric}`, await time(() => command(resident(), "/progress", metric))],
    ["question 知晓率是多少？", await time(() => privateMessage(resident(), "知晓率是多少？"))],
    ["questions (6 kinds, zh + en)", await time((i) => privateMessage(resident(), QUESTIONS[i % QUESTIONS.length]!))],
  ];
  const replies = inst.rec.calls.filter((c) => c.method === "sendMessage").length - before;
  if (replies < kinds.length * (runs + WARMUP)) throw new Error(`only ${replies} replies for ${kinds.length * (runs + WARMUP)} updates`);
  const rows: BenchRow[] = [];
  for (const [what, ms] of kinds) {
    rows.push(
      { metric: `${what} p50`, value: quantile(ms, 0.5), unit: "ms", note: `${runs} updates, one at a time, ${subscribers.toLocaleString("en")} subscribers` },
      { metric: `${what} p95`, value: quantile(ms, 0.95), unit: "ms", goal: { max: GOAL_MS }, note: `max ${Math.max(...ms).toFixed(1)} ms` },
    );
  }
  return rows;
}
