/**
 * Resident memory with 100,000 subscribers and 1,000,000 sign-up events (issue 6; goal ≤ 300 MB).
 * The store is written directly in its on-disk layout (streamed, a few seconds): the snapshot JSON
 * and the sign-up log beside it. Then a fresh child process (`node --expose-gc --import tsx`, so
 * figures are after a full GC and hold only the bot) opens the store and builds createApp as main
 * does (sign-up log streamed and folded into rosters, campaign aggregates). A second child breaks
 * the memory down: the snapshot's JSON text, the parsed document, of which chats and users, the
 * store as opened, and the roster book (the events themselves stay on disk).
 *
 *   npx tsx bench/memory.bench.ts                 (SUBSCRIBERS=… EVENTS=… to resize)
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeBigStore } from "./lib/big-store.js";
import type { Mem } from "./lib/memory-probe.js";
import type { BenchRow } from "./run.js";

const GOAL_MB = 300;
const PROBE = fileURLToPath(new URL("./lib/memory-probe.ts", import.meta.url));

interface AppProbe {
  gc: boolean;
  baseline: Mem;
  afterOpen: Mem;
  afterApp: Mem;
  peakAfterOpen: number;
  peak: number;
  openMs: number;
  appMs: number;
  counts: { chats: number; events: number; records: number };
  writes: number;
}
interface PartsProbe {
  gc: boolean;
  textChars: number;
  baseline: Mem;
  withText: Mem;
  withTextAndParsed: Mem;
  parsed: Mem;
  withoutPeople: Mem;
  empty: Mem;
  opened: Mem;
  afterReplay: Mem;
  withBook: Mem;
  events: number;
  replayMs: number;
  foldMs: number;
  rosters: number;
  entries: number;
  indexed: number;
  peak: number;
}

function probe<T>(file: string, mode: "app" | "parts"): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--max-old-space-size=4096", "--import", "tsx", PROBE, file, mode], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`memory probe (${mode}) exited ${code}:\n${out}${err}`));
      else resolve(JSON.parse(line) as T);
    });
  });
}

const r = (n: number): number => Math.round(n);

/** Runs the benchmark; returns rows for bench/run.ts. */
export default async function run(): Promise<BenchRow[]> {
  const subscribers = Number(process.env.SUBSCRIBERS ?? 100_000);
  const events = Number(process.env.EVENTS ?? 1_000_000);
  const dir = await mkdtemp(join(tmpdir(), "memory-bench-"));
  const file = join(dir, "db.json");
  try {
    const written = await writeBigStore(file, { subscribers, events });
    const sizeMb = written.bytes / 2 ** 20;
    const logMb = written.logBytes / 2 ** 20;
    console.log(`store: ${subscribers.toLocaleString()} subscribers + ${events.toLocaleString()} events, ${sizeMb.toFixed(0)} MB snapshot + ${logMb.toFixed(0)} MB sign-up log written in ${(written.ms / 1000).toFixed(1)} s`);
    const app = await probe<AppProbe>(file, "app");
    const parts = await probe<PartsProbe>(file, "parts");
    const gcNote = app.gc ? "after GC" : "no --expose-gc: without a forced GC";
    console.log(
      [
        `app: baseline ${r(app.baseline.rssMb)} MB RSS; after openStore ${r(app.afterOpen.rssMb)} MB RSS / ${r(app.afterOpen.heapUsedMb)} MB heap (${r(app.openMs)} ms);`,
        `after createApp ${r(app.afterApp.rssMb)} MB RSS / ${r(app.afterApp.heapUsedMb)} MB heap (${r(app.appMs)} ms); peak ${r(app.peak)} MB (${r(app.peakAfterOpen)} MB by the end of openStore)`,
      ].join(" "),
    );
    const heap = (a: Mem, b: Mem) => r(a.heapUsedMb - b.heapUsedMb);
    if (process.env.BENCH_DEBUG) console.log(JSON.stringify({ app, parts }, null, 1));
    const breakdown = {
      jsonText: heap(parts.withText, parts.baseline),
      parsedDocument: heap(parts.parsed, parts.baseline),
      chatsAndUsers: heap(parts.parsed, parts.withoutPeople),
      openedStore: heap(parts.opened, parts.empty),
      // the book keeps its lists in typed arrays, outside the JS heap: count both
      rosterBook: r(parts.withBook.heapUsedMb + parts.withBook.externalMb - parts.afterReplay.heapUsedMb - parts.afterReplay.externalMb),
    };
    console.log(
      `what takes the heap (MB): ${JSON.stringify(breakdown)}; sign-up log: ${parts.events.toLocaleString()} events streamed in ${r(parts.replayMs)} ms, ` +
        `folded in ${r(parts.foldMs)} ms into ${parts.rosters} rosters`,
    );
    const note = `${subscribers / 1000}k subscribers + ${events / 1e6}M events, ${gcNote}`;
    return [
      { metric: "RSS after open + createApp", value: r(app.afterApp.rssMb), unit: "MB", goal: { max: GOAL_MB }, note },
      { metric: "heap used after open + createApp", value: r(app.afterApp.heapUsedMb), unit: "MB", note: gcNote },
      { metric: "peak RSS while opening", value: r(app.peak), unit: "MB", note: "snapshot JSON text + parsed + validated copy at once" },
      { metric: "store snapshot size", value: r(sizeMb), unit: "MB" },
      { metric: "sign-up log size", value: r(logMb), unit: "MB", note: "on disk, never in memory" },
      { metric: "open time (read, parse, validate, replay journal)", value: r(app.openMs), unit: "ms" },
      { metric: "createApp time (stream the log, fold rosters, aggregates)", value: r(app.appMs), unit: "ms" },
      { metric: "heap: JSON text while loading", value: breakdown.jsonText, unit: "MB", note: `${(parts.textChars / 1e6).toFixed(0)}M chars` },
      { metric: "heap: parsed document", value: breakdown.parsedDocument, unit: "MB" },
      { metric: "heap: of which chats + users", value: breakdown.chatsAndUsers, unit: "MB" },
      { metric: "heap: store as opened (validated)", value: breakdown.openedStore, unit: "MB" },
      { metric: "sign-up log replay (stream + parse)", value: r(parts.replayMs), unit: "ms", note: `${parts.events.toLocaleString()} events` },
      { metric: "heap: roster book (folded)", value: breakdown.rosterBook, unit: "MB", note: `${parts.rosters} rosters, ${parts.entries.toLocaleString()} roster entries, ${parts.indexed.toLocaleString()} user→occurrence index entries, ${r((breakdown.rosterBook * 2 ** 20) / Math.max(1, events))} B per event` },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await run();
  for (const row of rows) {
    const goal = typeof row.goal === "object" && row.goal.max !== undefined ? ` (goal ≤ ${row.goal.max}: ${row.value <= row.goal.max ? "ok" : "MISSED"})` : "";
    console.log(`${row.metric}: ${row.value} ${row.unit}${goal}${row.note ? `  [${row.note}]` : ""}`);
  }
  if (rows.some((row) => typeof row.goal === "object" && row.goal.max !== undefined && row.value > row.goal.max)) process.exitCode = 1;
}
