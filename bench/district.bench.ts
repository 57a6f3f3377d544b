/**
 * A district on PostgreSQL (issue 16's benchmarks): one community seeded with COPY to 500,000
 * subscribers and 5,000,000 progress and sign-up records, then, on it:
 *  - `/progress`, `/progress <metric>` and questions through the real bot (p95 ≤ 20 ms);
 *  - a sign-up burst through one instance, then two (two ≤ one);
 *  - the resident memory of a real instance process serving it (≤ 300 MB);
 *  - a broadcast at 30/s against a server allowing 30/s (≥ 28.5 msg/s, no 429) and one unlimited
 *    (≥ 1,000 msg/s).
 * Opt-in (a few minutes and a few GB of disk): `npm run bench -- district`; `npm run bench` alone
 * does not run it. A throwaway cluster is started (tests/helpers/pg-cluster.ts; Debian's
 * postgresql installed when missing and root) unless BENCH_DATABASE_URL names a scratch database.
 * Sizes: BENCH_SUBSCRIBERS (500000), BENCH_RECORDS (5000000), BENCH_MINUTES of the 30/s broadcast
 * (1; the issue's is 10), BENCH_UNLIMITED recipients (20000), BENCH_PRESSES (2000, capacity a
 * quarter), BENCH_RUNS per query kind (500), BENCH_UPDATES posted to the process (1000).
 * BENCH_PARTS=queries,burst,rss,broadcast (any of them, comma-separated) runs only those after seeding.
 */
import { sql } from "kysely";
import type { Benchmark, BenchRow } from "./run.js";
import { loadCampaign } from "../src/store/campaign-catalog.js";
import { createPgDatabase } from "../src/store/postgres/database.js";
import { migrateToLatest } from "../src/store/postgres/migrations.js";
import { startPgCluster, type PgCluster } from "../tests/helpers/pg-cluster.js";
import { openInstance } from "./lib/district-app.js";
import { runBroadcasts } from "./lib/district-broadcast.js";
import { runBurst } from "./lib/district-burst.js";
import { runQueries } from "./lib/district-queries.js";
import { runRss } from "./lib/district-rss.js";
import { seedDistrict } from "./lib/district-seed.js";

const COMMUNITY = "district-bench";
const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

async function seed(url: string, subscribers: number, records: number): Promise<BenchRow[]> {
  const db = createPgDatabase(url, { max: 2 });
  try {
    await migrateToLatest(db);
    const taken = await db.selectFrom("chats").select("id").where("community", "=", COMMUNITY).limit(1).executeTakeFirst();
    if (taken) throw new Error(`community "${COMMUNITY}" already has rows in this database: give BENCH_DATABASE_URL an empty scratch database`);
    const { campaign } = await loadCampaign("data");
    const t0 = performance.now();
    const s = await seedDistrict(db, url, COMMUNITY, campaign, "Asia/Shanghai", { subscribers, records });
    const ms = performance.now() - t0;
    const copied = 2 * subscribers + s.progress + s.signupEvents + s.rosterRows;
    const { rows } = await sql<{ mb: number }>`SELECT pg_database_size(current_database()) / 1048576.0 AS mb`.execute(db);
    console.log(`seeded ${subscribers.toLocaleString("en")} subscribers, ${s.progress.toLocaleString("en")} progress records, ${s.signupEvents.toLocaleString("en")} sign-up events (+ their roster rows) in ${(ms / 1000).toFixed(1)} s`);
    return [
      { metric: "seed: COPY", value: s.copyMs / 1000, unit: "s", note: `${copied.toLocaleString("en")} rows (chats, users, records, sign-up events, roster), ${Math.round(copied / (s.copyMs / 1000)).toLocaleString("en")} rows/s` },
      { metric: "seed: campaign figures rebuilt", value: s.figuresMs / 1000, unit: "s", note: `from ${s.progress.toLocaleString("en")} records` },
      { metric: "seed: ANALYZE", value: s.analyzeMs / 1000, unit: "s" },
      { metric: "seed: total", value: ms / 1000, unit: "s", note: `${subscribers.toLocaleString("en")} subscribers + ${(s.progress + s.signupEvents).toLocaleString("en")} progress and sign-up records` },
      { metric: "database size", value: Number(rows[0]?.mb ?? NaN), unit: "MB" },
    ];
  } finally {
    await db.destroy();
  }
}

const bench: Benchmark & { optIn: true } = {
  name: "district",
  optIn: true,
  async run() {
    const subscribers = env("BENCH_SUBSCRIBERS", 500_000);
    const records = env("BENCH_RECORDS", 5_000_000);
    const presses = env("BENCH_PRESSES", 2_000);
    let cluster: PgCluster | undefined;
    let url = process.env.BENCH_DATABASE_URL;
    if (!url) {
      cluster = await startPgCluster();
      url = await cluster.createDatabase();
    }
    try {
      const rows = await seed(url, subscribers, records);
      const parts = process.env.BENCH_PARTS?.split(",") ?? ["queries", "burst", "rss", "broadcast"];
      const part = async (name: string, run: () => Promise<BenchRow[]>) => {
        if (!parts.includes(name)) return;
        console.log(`${name} …`);
        rows.push(...(await run()));
      };
      await part("queries", async () => {
        const inst = await openInstance({ url, community: COMMUNITY });
        try {
          return await runQueries(inst, subscribers, env("BENCH_RUNS", 500));
        } finally {
          await inst.close();
        }
      });
      await part("burst", () => runBurst(url, COMMUNITY, subscribers, presses, Math.max(1, Math.floor(presses / 4))));
      await part("rss", () => runRss(url, COMMUNITY, subscribers, env("BENCH_UPDATES", 1_000)));
      await part("broadcast", () => runBroadcasts(url, COMMUNITY, subscribers, env("BENCH_MINUTES", 1), env("BENCH_UNLIMITED", 20_000)));
      return rows;
    } finally {
      await cluster?.stop();
    }
  },
};
export default bench;
