/**
 * Broadcast delivery rate (issue 3). Two runs of the real sender (its Bot API calls over
 * createApiFetch, the HTTP client main gives the bot), each with a fresh temporary
 * store holding the recipients' chat records and one broadcast with a progress message, against
 * the local fake Bot API server running in a worker thread (so Telegram's side does not share the
 * bot's thread):
 *  1. the server allows 30 messages/s (429 beyond): 1,000 recipients (the issue's figure), about
 *     33 s worth. The rate is measured on the server over the steady part (after the first second,
 *     whose burst the sliding window allows); the busiest 1-second window of calls and the 429
 *     share are shown.
 *  2. no server limit and no sender limit, 10,000 recipients: what the bot itself can push.
 * BENCH_BROADCAST=unlimited skips run 1 (for profiling).
 */
import type { Benchmark, BenchRow } from "./run.js";
import { runBroadcast as broadcast } from "./lib/broadcast-run.js";
import { busiestSecond } from "./lib/busiest-second.js";

const LIMITED_RECIPIENTS = 1_000;

const bench: Benchmark = {
  name: "broadcast",
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    if (process.env.BENCH_BROADCAST !== "unlimited") {
      const r = await broadcast({ rateLimit: { perSecond: 30, perGroupPerMinute: 20 } }, LIMITED_RECIPIENTS, { perSecond: 30, concurrency: 4 });
      const first = Math.min(...r.delivered);
      const last = Math.max(...r.delivered);
      const steady = r.delivered.filter((t) => t >= first + 1000).length;
      rows.push(
        {
          metric: "rate, server allows 30/s",
          value: steady / ((last - first - 1000) / 1000),
          unit: "msg/s",
          goal: { min: 28.5 },
          note: `${LIMITED_RECIPIENTS.toLocaleString("en")} recipients, ${r.delivered.length} delivered in ${(r.elapsedMs / 1000).toFixed(1)} s, concurrency 4`,
        },
        { metric: "busiest 1 s window, all calls", value: busiestSecond(r.calls.map((c) => c.at)), unit: "calls", goal: { max: 30 }, note: "progress edits included" },
        { metric: "429 share", value: (100 * r.tooMany) / (r.delivered.length + r.tooMany), unit: "%", goal: { max: 1 }, note: `${r.tooMany} × 429` },
        { metric: "store writes, limited run", value: r.writes, unit: "writes" },
      );
    }
    const r = await broadcast({ maxMessagesPerChat: 10 }, 10_000, { perSecond: Infinity, concurrency: 64 });
    rows.push(
      {
        metric: "rate, no limit",
        value: (r.delivered.length / r.elapsedMs) * 1000,
        unit: "msg/s",
        goal: { min: 2000 },
        note: `${r.delivered.length} of 10,000 delivered in ${(r.elapsedMs / 1000).toFixed(2)} s, concurrency 64`,
      },
      { metric: "store writes, unlimited run", value: r.writes, unit: "writes" },
    );
    return rows;
  },
};
export default bench;
