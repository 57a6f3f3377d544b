/**
 * Runs in a fresh child process for bench/memory.bench.ts (helper; not a benchmark), so the
 * figures hold only what the bot holds, and with `--expose-gc` they are taken after a full GC.
 *
 *   node --expose-gc --import tsx bench/lib/memory-probe.ts <store file> app|parts
 *
 * app:   opens the store and builds createApp as main does; memory at each step and the peak.
 * parts: what takes the memory: the JSON text, the parsed document, the events array, chats and
 *        users, the roster book, and the same events held in columns (typed arrays) for comparison.
 * Prints one JSON line on stdout.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import pino from "pino";
import { createApp } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";
import type { Db } from "../../src/store/schema.js";
import { createSignupRepo } from "../../src/store/signup-repo.js";
import { openStore } from "../../src/store/store.js";

export interface Mem {
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
}

const MB = 2 ** 20;
const gc = (): void => {
  // twice: the first pass can leave what weak maps and finalizers free for the second
  globalThis.gc?.();
  globalThis.gc?.();
};
const mem = (): Mem => {
  gc();
  const m = process.memoryUsage();
  return { rssMb: m.rss / MB, heapUsedMb: m.heapUsed / MB, externalMb: m.external / MB };
};
const peakMb = (): number => process.resourceUsage().maxRSS / 1024;

const [file, mode] = process.argv.slice(2);
if (!file || (mode !== "app" && mode !== "parts")) throw new Error("usage: memory-probe.ts <store file> app|parts");
const dataDir = resolve("data");

if (mode === "app") {
  const baseline = mem();
  const t0 = performance.now();
  const store = await openStore({ file, keepBackup: false });
  const openMs = performance.now() - t0;
  const peakAfterOpen = peakMb();
  const afterOpen = mem();
  const config: Config = {
    token: "123:TEST",
    apiRoot: "http://127.0.0.1:9",
    adminIds: [1],
    dbFile: file,
    dataDir,
    logLevel: "silent",
    delivery: { perSecond: 30, groupPerMinute: 20, concurrency: 8 },
  };
  const t1 = performance.now();
  const app = await createApp({ config, store, log: pino({ level: "silent" }) });
  const appMs = performance.now() - t1;
  const afterApp = mem();
  const counts = {
    chats: Object.keys(store.data.chats).length,
    events: store.data.signups.events.length,
    records: store.data.campaign.records.length,
  };
  const writes = store.writes;
  app.stopFeatures();
  await store.close();
  console.log(JSON.stringify({ gc: typeof globalThis.gc === "function", baseline, afterOpen, afterApp, peakAfterOpen, peak: peakMb(), openMs, appMs, counts, writes }));
} else {
  // Every step runs in its own function and leaves its result only in `h`: a value left in a
  // register of this (top-level) frame would stay reachable and spoil the figures.
  const h: { text?: string; raw?: Db; cols?: Record<string, Float64Array | Uint32Array | Uint8Array>; textChars?: number } = {};
  const baseline = mem();
  await (async () => {
    h.text = await readFile(file, "utf8");
    h.textChars = h.text.length;
  })();
  const withText = mem();
  (() => void (h.raw = JSON.parse(h.text!) as Db))();
  const withTextAndParsed = mem();
  delete h.text;
  const parsed = mem();
  // the same events in columns (typed arrays): what an in-memory log could cost instead
  (() => {
    const events = h.raw!.signups.events;
    const n = events.length;
    const cols = { seq: new Float64Array(n), at: new Float64Array(n), userId: new Float64Array(n), occ: new Uint32Array(n), kind: new Uint8Array(n) };
    const occIds = new Map<string, number>();
    const kinds = ["join", "cancel", "attended", "unattended"];
    const vias = ["button", "text", "command", "staff"];
    events.forEach((e, i) => {
      cols.seq[i] = e.seq;
      cols.at[i] = Date.parse(e.at);
      cols.userId[i] = e.userId;
      let o = occIds.get(e.occurrenceId);
      if (o === undefined) occIds.set(e.occurrenceId, (o = occIds.size));
      cols.occ[i] = o;
      cols.kind[i] = kinds.indexOf(e.type) * 4 + vias.indexOf(e.via);
    });
    h.cols = cols;
  })();
  const columnBytes = Object.values(h.cols!).reduce((sum, a) => sum + a.byteLength, 0);
  const withColumns = mem();
  // the events array alone: drop it and see what is freed
  h.raw!.signups.events = [];
  const withoutEvents = mem();
  // then chats and users
  h.raw!.chats = {};
  h.raw!.users = {};
  const withoutPeople = mem();
  delete h.raw;
  delete h.cols;
  const empty = mem();
  const textChars = h.textChars ?? 0;

  // the roster book folded from the real store (after the parts above are gone)
  const store = await openStore({ file, keepBackup: false });
  const opened = mem();
  const catalog = await loadNoticeCatalog(dataDir);
  const t0 = performance.now();
  const repo = createSignupRepo({ store, catalog, timezone: catalog.timezone, now: () => new Date() });
  const foldMs = performance.now() - t0;
  const withBook = mem();
  const rosters = repo.book.rosters.size;
  let entries = 0;
  for (const r of repo.book.rosters.values()) entries += r.confirmed.size + r.waitlist.size + r.attended.size;
  let indexed = 0;
  for (const set of repo.book.byUser.values()) indexed += set.size;
  await store.close();
  console.log(
    JSON.stringify({
      gc: typeof globalThis.gc === "function",
      textChars,
      baseline,
      withText,
      withTextAndParsed,
      parsed,
      withColumns,
      withoutEvents,
      withoutPeople,
      columnBytes,
      empty,
      opened,
      withBook,
      foldMs,
      rosters,
      entries,
      indexed,
      peak: peakMb(),
    }),
  );
}
