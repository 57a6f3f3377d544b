/**
 * Runs in a fresh child process for bench/memory.bench.ts (helper; not a benchmark), so the
 * figures hold only what the bot holds, and with `--expose-gc` they are taken after a full GC.
 *
 *   node --expose-gc --import tsx bench/lib/memory-probe.ts <store file> app|parts
 *
 * app:   opens the store and builds createApp as main does; memory at each step and the peak.
 * parts: what takes the memory: the snapshot's JSON text while loading, the parsed document, of
 *        which chats and users, the store as opened, and the roster book folded from the sign-up
 *        log (streamed from disk: the events themselves are never held in memory).
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
import { openStore } from "../../src/store/engine/store.js";

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
    districtIds: [],
    dbFile: file,
    dataDir,
    logLevel: "silent", community: "default",
    delivery: { perSecond: 30, groupPerMinute: 20, concurrency: 8 },
  };
  const t1 = performance.now();
  const app = await createApp({ config, store, log: pino({ level: "silent" }) });
  const appMs = performance.now() - t1;
  const afterApp = mem();
  // counted by streaming the log (after the figures above: the events are not in memory)
  let events = 0;
  await store.signups.replay(() => void events++);
  const counts = {
    chats: Object.keys(store.data.chats).length,
    events,
    records: store.data.campaign.records.length,
  };
  const writes = store.writes;
  app.stopFeatures();
  await store.close();
  console.log(JSON.stringify({ gc: typeof globalThis.gc === "function", baseline, afterOpen, afterApp, peakAfterOpen, peak: peakMb(), openMs, appMs, counts, writes }));
} else {
  // Every step runs in its own function and leaves its result only in `h`: a value left in a
  // register of this (top-level) frame would stay reachable and spoil the figures.
  const h: { text?: string; raw?: Db; textChars?: number } = {};
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
  // chats and users: drop them and see what is freed
  h.raw!.chats = {};
  h.raw!.users = {};
  const withoutPeople = mem();
  delete h.raw;
  const empty = mem();
  const textChars = h.textChars ?? 0;

  // the real store (after the parts above are gone): snapshot parsed and validated, journal replayed
  const store = await openStore({ file, keepBackup: false });
  const opened = mem();
  // the sign-up log streamed once without folding: what reading and parsing it costs in time
  const t0 = performance.now();
  let events = 0;
  await store.signups.replay(() => void events++);
  const replayMs = performance.now() - t0;
  const afterReplay = mem();
  // the roster book folded from the log
  const catalog = await loadNoticeCatalog(dataDir);
  const t1 = performance.now();
  const repo = await createSignupRepo({ store, catalog, timezone: catalog.timezone, now: () => new Date() });
  const foldMs = performance.now() - t1;
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
      withoutPeople,
      empty,
      opened,
      afterReplay,
      withBook,
      events,
      replayMs,
      foldMs,
      rosters,
      entries,
      indexed,
      peak: peakMb(),
    }),
  );
}
