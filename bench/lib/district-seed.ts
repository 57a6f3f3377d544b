/**
 * Seeds one community of the district benchmark straight into PostgreSQL with `COPY … FROM STDIN`
 * (pg-copy-streams: rows are generated here and streamed in PostgreSQL's text format, so it works
 * against any server the bench is given, superuser or not, local or not, and holds no file or
 * array of rows): subscribers (a private chat and its user each), campaign records and sign-up
 * rows (past occurrences: the log's join events and the confirmed roster rows they made). Then the
 * campaign's figures are rebuilt from the records (rebuildPgCampaignFigures, as after an import)
 * and the tables analysed.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { sql } from "kysely";
import type { Campaign } from "../../src/domain/campaign/index.js";
import type { PgDb } from "../../src/store/postgres/database.js";
import { rebuildPgCampaignFigures } from "../../src/store/postgres/campaign-pg.js";

/** Subscriber k (0-based) has chat and user id FIRST_ID + k. */
export const FIRST_ID = 1_000_000;
/** Past occurrences get this many sign-ups each (fewer when there are fewer subscribers). */
const PER_OCCURRENCE = 5_000;
const SEEDED_AT = "2026-01-01T00:00:00Z";
const START = Date.parse("2024-01-01T00:00:00Z");
const SPAN = Date.parse("2026-11-01T00:00:00Z") - START;

export interface SeedSizes {
  subscribers: number;
  /** campaign records + sign-up events (60 % / 40 %) */
  records: number;
}

export interface SeedResult {
  progress: number;
  signupEvents: number;
  rosterRows: number;
  copyMs: number;
  figuresMs: number;
  analyzeMs: number;
}

/** Yields `count` lines from `line(i)`, joined in chunks so the stream is not a string per row. */
function* chunks(count: number, line: (i: number) => string): Generator<string> {
  const size = 20_000;
  for (let from = 0; from < count; from += size) {
    const parts: string[] = [];
    for (let i = from; i < Math.min(count, from + size); i++) parts.push(line(i));
    yield parts.join("\n") + "\n";
  }
}

async function copy(url: string, target: string, lines: Iterable<string>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await pipeline(Readable.from(lines), client.query(copyFrom(`COPY ${target} FROM STDIN`)));
  } finally {
    await client.end();
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** A past cleanup day (a Saturday two weeks apart from 2024-01-06), as an occurrence id. */
const pastOccurrence = (n: number): string => `cleanup-day:${iso(Date.parse("2024-01-06T00:00:00Z") + n * 14 * 86_400_000).slice(0, 10)}`;

export async function seedDistrict(db: PgDb, url: string, community: string, campaign: Campaign, timezone: string, sizes: SeedSizes): Promise<SeedResult> {
  const c = community;
  const n = sizes.subscribers;
  const progress = Math.round(sizes.records * 0.6);
  const perOcc = Math.min(PER_OCCURRENCE, n);
  const signupEvents = sizes.records - progress;
  const metrics = campaign.metrics;
  const t0 = performance.now();
  await copy(url, "chats (community, id, type, title, subscribed, active, inactive_reason, lang, compound, received, since, updated_at)",
    chunks(n, (k) => `${c}\t${FIRST_ID + k}\tprivate\t\\N\tt\tt\t\\N\t${k % 10 === 0 ? "en" : "zh"}\t\\N\t\\N\t${SEEDED_AT}\t${SEEDED_AT}`));
  await copy(url, "users (community, id, first_name, last_name, username, lang, party_member, compound, seen_at)",
    chunks(n, (k) => `${c}\t${FIRST_ID + k}\t居民${k}\t\\N\t\\N\t${k % 10 === 0 ? "en" : "zh"}\t${k % 20 === 0 ? "t" : "\\N"}\t\\N\t${SEEDED_AT}`));
  await copy(url, "campaign_records (community, id, metric_id, amount, aware, at, by, note, source)",
    chunks(progress, (i) => {
      const m = metrics[i % metrics.length]!;
      const at = iso(START + Math.floor((i / progress) * SPAN));
      const amount = m.kind === "rate" ? "20\t18" : `${1 + (i % 7)}\t\\N`;
      return `${c}\td${i + 1}\t${m.id}\t${amount}\t${at}\t${1 + (i % 20)}\t${i % 5 === 0 ? "柳东新村" : "\\N"}\tstaff`;
    }));
  const occurrenceOf = (i: number): number => Math.floor(i / perOcc);
  const userOf = (i: number): number => FIRST_ID + ((occurrenceOf(i) * 7_919 + (i % perOcc)) % n);
  const joinedAt = (i: number): string => iso(Date.parse("2024-01-01T00:00:00Z") + occurrenceOf(i) * 14 * 86_400_000 + (i % perOcc) * 1000);
  await copy(url, "signup_events (community, at, user_id, occurrence_id, type, via)",
    chunks(signupEvents, (i) => `${c}\t${joinedAt(i)}\t${userOf(i)}\t${pastOccurrence(occurrenceOf(i))}\tjoin\t${i % 2 ? "button" : "text"}`));
  await copy(url, "roster (community, occurrence_id, user_id, status, headcount, joined_at)",
    chunks(signupEvents, (i) => `${c}\t${pastOccurrence(occurrenceOf(i))}\t${userOf(i)}\tc\t1\t${joinedAt(i)}`));
  await copy(url, "occurrences (community, id)", chunks(Math.ceil(signupEvents / perOcc), (o) => `${c}\t${pastOccurrence(o)}`));
  const copyMs = performance.now() - t0;
  const t1 = performance.now();
  await rebuildPgCampaignFigures(db, c, { campaign, timezone });
  const figuresMs = performance.now() - t1;
  const t2 = performance.now();
  await sql`ANALYZE`.execute(db);
  return { progress, signupEvents, rosterRows: signupEvents, copyMs, figuresMs, analyzeMs: performance.now() - t2 };
}
