/**
 * Writes a large store directly in the store's layout (`src/store/engine/load.ts`), streamed in chunks
 * (helper for benchmarks, not a benchmark): the snapshot `file` (schema v2) with `subscribers`
 * private chats, their user records and the campaign's seed records (marked seeded, so opening it
 * writes nothing), and beside it the sign-up log (`<stem>.signups.ndjson`, one event a line) with
 * `events` events spread over real occurrences of the notices that take sign-ups. No journal: the
 * files a clean stop leaves. Memory stays small however large the files.
 */
import { open, rm, stat } from "node:fs/promises";
import { occurrencesBetween } from "../../src/domain/recurrence.js";
import { loadCampaign } from "../../src/store/campaign-catalog.js";
import { storePaths } from "../../src/store/engine/load.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";
import { SCHEMA_VERSION, type ChatRecord, type StoredSignupEvent, type UserRecord } from "../../src/store/schema.js";

export interface BigStoreSpec {
  subscribers: number;
  events: number;
  /** the first subscriber's id (default 100,000); ids are consecutive */
  firstUserId?: number;
  /** admins' ids (default [1]) */
  adminIds?: number[];
  dataDir?: string;
}

/** The user a subscriber id stands for, as `makeUser(id)` builds it: its profile matches the stored one. */
export const subscriberName = (id: number): string => `User ${id}`;

const CHUNK = 5_000;
const SEQ_TYPES: StoredSignupEvent["type"][] = ["join", "join", "join", "join", "join", "join", "join", "cancel", "attended", "join"];

/** Writes the files; resolves with the snapshot's and the log's sizes in bytes and how long writing took. */
export async function writeBigStore(file: string, spec: BigStoreSpec): Promise<{ bytes: number; logBytes: number; ms: number }> {
  const t0 = performance.now();
  const dataDir = spec.dataDir ?? "data";
  const first = spec.firstUserId ?? 100_000;
  const catalog = await loadNoticeCatalog(dataDir);
  const { seedRecords } = await loadCampaign(dataDir);
  const tz = catalog.timezone;
  // every occurrence of the sign-up notices over ten years: events are spread over them
  const occurrences = catalog.notices
    .filter((n) => n.signup?.enabled)
    .flatMap((n) => occurrencesBetween(n, tz, new Date("2016-01-01T00:00:00Z"), new Date("2026-10-01T00:00:00Z")).map((o) => ({ id: `${n.id}:${o.date}`, at: o.startsAt.getTime() })));
  if (occurrences.length === 0) throw new Error(`${dataDir}/notices.json has no notice taking sign-ups`);
  const since = "2024-01-01T00:00:00.000Z";

  const paths = storePaths(file);
  // a journal left from an earlier store in the same place would be replayed over this one
  await rm(paths.journal, { force: true });
  await rm(paths.previous, { force: true });
  const fh = await open(file, "w");
  try {
    const put = (s: string) => fh.write(s);
    await put(`{"version":${SCHEMA_VERSION},"commit":0,"chats":{`);
    for (let i = 0; i < spec.subscribers; i += CHUNK) {
      const parts: string[] = [];
      for (let id = first + i; id < first + Math.min(spec.subscribers, i + CHUNK); id++) {
        const chat: ChatRecord = { id, type: "private", subscribed: true, active: true, since, updatedAt: since, ...(id % 5 === 0 ? { lang: "en" as const } : {}) };
        parts.push(`"${id}":${JSON.stringify(chat)}`);
      }
      await put((i > 0 ? "," : "") + parts.join(","));
    }
    await put(`},"users":{`);
    for (let i = 0; i < spec.subscribers; i += CHUNK) {
      const parts: string[] = [];
      for (let id = first + i; id < first + Math.min(spec.subscribers, i + CHUNK); id++) {
        const user: UserRecord = { id, firstName: subscriberName(id), seenAt: since, ...(id % 5 === 0 ? { lang: "en" as const } : {}) };
        parts.push(`"${id}":${JSON.stringify(user)}`);
      }
      await put((i > 0 ? "," : "") + parts.join(","));
    }
    const roles = Object.fromEntries((spec.adminIds ?? [1]).map((id) => [String(id), "admin"]));
    await put(`},"roles":${JSON.stringify(roles)},"inbox":{},"handledUpdates":[],"broadcasts":{},"enqueued":{},"liveMessages":{},`);
    const campaign = { seeded: true, records: seedRecords, targets: {}, nextId: 1 };
    await put(`"campaign":${JSON.stringify(campaign)}}`);
  } finally {
    await fh.close();
  }

  // the sign-up log, in seq order (the store replays it oldest first)
  const log = await open(paths.signups, "w");
  try {
    const perOccurrence = Math.ceil(spec.events / occurrences.length);
    for (let i = 0; i < spec.events; i += CHUNK) {
      let lines = "";
      for (let k = i; k < Math.min(spec.events, i + CHUNK); k++) {
        const occ = occurrences[Math.min(occurrences.length - 1, Math.floor(k / perOccurrence))]!;
        const event: StoredSignupEvent = {
          seq: k + 1,
          at: new Date(occ.at - 86_400_000 + (k % perOccurrence) * 1000).toISOString(),
          userId: first + ((k * 7919) % Math.max(1, spec.subscribers)),
          occurrenceId: occ.id,
          type: SEQ_TYPES[k % SEQ_TYPES.length]!,
          via: k % 3 === 0 ? "text" : "button",
        };
        lines += JSON.stringify(event) + "\n";
      }
      await log.write(lines);
    }
  } finally {
    await log.close();
  }
  return { bytes: (await stat(file)).size, logBytes: (await stat(paths.signups)).size, ms: performance.now() - t0 };
}
