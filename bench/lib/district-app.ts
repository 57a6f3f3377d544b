/**
 * One instance of the bot for the district benchmark, in this process: createApp on the
 * PostgreSQL repositories of one community (its own pool, as each instance has), every Bot API call
 * answered by a recording API (no network) unless an API root and fetch are given (the broadcast
 * runs against the fake server). `send` drives the real bot with `bot.handleUpdate`.
 */
import type { Update } from "grammy/types";
import pino from "pino";
import { createApp, type App } from "../../src/app.js";
import { pgRepositories } from "../../src/app-repos-pg.js";
import { parseConfig, type Config } from "../../src/config.js";
import type { ApiFetch } from "../../src/bot/transport/api-fetch.js";
import { createPgDatabase, type PgDb } from "../../src/store/postgres/database.js";
import { createRecordingApi, createRecordingFetch, type RecordingApi, type UpdateInput } from "../../tools/fake-bot-api/index.js";

export const TOKEN = "123:TEST";
/** The admin of the bench's community (ADMIN_IDS). */
export const ADMIN = 1;

export interface DistrictInstance {
  app: App;
  db: PgDb;
  rec: RecordingApi;
  config: Config;
  /** handles one update (ids count up per instance from `firstUpdateId`) */
  send(u: UpdateInput): Promise<void>;
  close(): Promise<void>;
}

export interface InstanceOptions {
  url: string;
  community: string;
  now?: () => Date;
  /** pool size (default 10, as main opens it) */
  max?: number;
  apiRoot?: string;
  fetch?: ApiFetch;
  delivery?: Config["delivery"];
  firstUpdateId?: number;
}

export function districtConfig(community: string, apiRoot?: string): Config {
  return parseConfig({
    BOT_TOKEN: TOKEN, DATA_DIR: "data", ADMIN_IDS: String(ADMIN), COMMUNITY: community, LOG_LEVEL: "silent",
    ...(apiRoot ? { TELEGRAM_API_ROOT: apiRoot } : {}),
  });
}

export async function openInstance(o: InstanceOptions): Promise<DistrictInstance> {
  const db = createPgDatabase(o.url, { max: o.max ?? 10 });
  const base = districtConfig(o.community, o.apiRoot);
  const config: Config = o.delivery ? { ...base, delivery: o.delivery } : base;
  const rec = createRecordingApi({ maxCalls: 1_000_000 });
  const app = await createApp({
    config, log: pino({ level: "silent" }), repositories: pgRepositories(db, o.community),
    ...(o.now ? { now: o.now } : {}),
    fetch: o.fetch ?? createRecordingFetch(rec),
  });
  app.bot.botInfo = rec.botInfo;
  let updateId = o.firstUpdateId ?? 1;
  return {
    app, db, rec, config,
    async send(u) {
      const update = { update_id: updateId++, ...u } as Update;
      rec.observeUpdate(update);
      await app.bot.handleUpdate(update);
    },
    async close() {
      app.stopFeatures();
      await app.scheduler.stop();
      await app.sender.stop();
      await db.destroy();
    },
  };
}

/** Runs `task` over 0 … count-1 with at most `limit` in flight; answers each one's milliseconds. */
export async function timedPool(count: number, limit: number, task: (i: number) => Promise<void>): Promise<number[]> {
  const ms = new Array<number>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const t = performance.now();
      await task(i);
      ms[i] = performance.now() - t;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return ms;
}

export const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
};
