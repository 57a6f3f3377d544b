/**
 * Runs every benchmark in bench/ in turn and prints one table.
 *
 * Convention: a benchmark is a file `bench/<name>.bench.ts` whose default export is either an async
 * function returning rows, or a `Benchmark` object `{ name, run }`. Rows are figures, each with its
 * goal when it has one (`goal: { min | max }`, or a number with `ok` set by the benchmark itself).
 * Files are run one after another in name order, in this process, so no two compete for the CPU.
 * `npm run bench` runs them all but the opt-in ones (`optIn: true`, long or heavy: `district`);
 * `npm run bench -- broadcast` runs those whose name contains "broadcast", opt-in or not.
 * The process exits non-zero when a figure misses its goal.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";

export interface BenchRow {
  /** what was measured, e.g. "rate, server limit 30/s" (`name` is accepted too) */
  metric?: string;
  name?: string;
  value: number;
  unit: string;
  /** the figure the value must reach (`min`) or stay under (`max`) */
  goal?: { min?: number; max?: number } | number;
  /** set by the benchmark when the goal is a bare number */
  ok?: boolean;
  /** extra words (sizes, settings) */
  note?: string;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchRow[]>;
  /** run only when named (`npm run bench -- <name>`), not by a bare `npm run bench` */
  optIn?: boolean;
}

const dir = fileURLToPath(new URL(".", import.meta.url));
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (!filter || f.includes(filter)))
  .sort();

const table: (BenchRow & { bench: string; ok: boolean | undefined })[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default?: Benchmark | (() => Promise<BenchRow[]>) };
  const exported = mod.default;
  const bench: Benchmark | undefined =
    typeof exported === "function" ? { name: file.replace(/\.bench\.ts$/, ""), run: exported } : exported;
  if (!bench || typeof bench.run !== "function") {
    console.error(`${file}: no default export (a function or { name, run }); skipped`);
    continue;
  }
  if (bench.optIn && !filter) {
    console.log(`${bench.name} (${file}) is opt-in: npm run bench -- ${bench.name}`);
    continue;
  }
  console.log(`running ${bench.name} (${file}) …`);
  for (const row of await bench.run()) {
    const g = row.goal;
    const ok =
      row.ok ?? (typeof g === "object" ? (g.min === undefined || row.value >= g.min) && (g.max === undefined || row.value <= g.max) : undefined);
    table.push({ ...row, bench: bench.name, ok });
  }
}

const goalText = (g: BenchRow["goal"]): string =>
  g === undefined ? "" : typeof g === "number" ? String(g) : [g.min !== undefined ? `≥ ${g.min}` : "", g.max !== undefined ? `≤ ${g.max}` : ""].filter(Boolean).join(", ");
const rows = [
  ["benchmark", "metric", "value", "goal", "ok", "note"],
  ...table.map((r) => [r.bench, r.metric ?? r.name ?? "", `${round(r.value)} ${r.unit}`, goalText(r.goal), r.ok === undefined ? "" : r.ok ? "yes" : "NO", r.note ?? ""]),
];
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log("");
for (const [i, r] of rows.entries()) {
  console.log(r.map((c, j) => c.padEnd(widths[j]!)).join("  ").trimEnd());
  if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
}
if (table.some((r) => r.ok === false)) process.exitCode = 1;

function round(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1);
}
