/**
 * Two (or more) real bot processes in webhook mode on one PostgreSQL database (issue 16): each
 * listens on a port of its own (WEBHOOK_PORT=0), updates are posted to their webhook endpoints with
 * the secret, as Telegram (or a load balancer in front of several instances) would.
 */
import { join } from "node:path";
import type { Update } from "grammy/types";
import type { PgDb } from "../../src/store/postgres/database.js";
import type { FakeBotApi, UpdateInput } from "../../tools/fake-bot-api/index.js";
import { ADMIN, TOKEN } from "./e2e-store.js";
import { ROOT, spawnBot, webhookPort, type Spawned } from "./process.js";

export const SECRET = "two-instances_secret_0123456789";
export const COMMUNITY = "lianhua";
const SEED_AT = "2026-01-01T00:00:00.000Z";

export interface Instance {
  readonly bot: Spawned;
  readonly port: number;
  /** Posts one update to this instance's webhook with the secret; answers the HTTP status. */
  post(update: Update): Promise<number>;
  /** What /healthz says. */
  health(): Promise<{ ok: boolean; leader: boolean }>;
}

/** The environment of one instance: webhook mode on a free port, the database and community given. */
export function instanceEnv(api: FakeBotApi, databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url!, DATABASE_URL: databaseUrl, COMMUNITY,
    DATA_DIR: join(ROOT, "data"), ADMIN_IDS: String(ADMIN), LOG_LEVEL: "info",
    WEBHOOK_URL: "https://bot.example.org/tg", WEBHOOK_PORT: "0", WEBHOOK_HOST: "127.0.0.1", WEBHOOK_SECRET: SECRET,
    ...extra,
  };
}

/** Starts one instance and resolves once it receives updates by webhook. */
export async function startInstance(env: Record<string, string>, cwd: string, timeoutMs = 60_000): Promise<Instance> {
  const bot = spawnBot(env, cwd);
  await bot.waitForOutput(/receiving updates by webhook/, timeoutMs);
  const port = webhookPort(bot);
  return {
    bot,
    port,
    async post(update) {
      const res = await fetch(`http://127.0.0.1:${port}/tg`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(update),
      });
      await res.arrayBuffer();
      return res.status;
    },
    async health() {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return (await res.json()) as { ok: boolean; leader: boolean };
    },
  };
}

/** Makes updates as Telegram would post them (ids counting up; the fake API learns the chat). */
export function updateMaker(api: FakeBotApi, first = 50_000): (input: UpdateInput) => Update {
  let next = first;
  return (input) => {
    const u = { update_id: next++, ...input } as Update;
    api.observeUpdate(u);
    return u;
  };
}

/** sendMessage calls into one chat. */
export const sendsTo = (api: FakeBotApi, chatId: number): FakeBotApi["calls"] =>
  api.calls.filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chatId);

/** Private chats subscribed and active (with their users), written straight into PostgreSQL. */
export async function seedSubscribers(db: PgDb, chatIds: readonly number[]): Promise<void> {
  for (let i = 0; i < chatIds.length; i += 500) {
    const ids = chatIds.slice(i, i + 500);
    await db.insertInto("chats").values(ids.map((id) => ({
      community: COMMUNITY, id, type: "private", title: null, subscribed: true, active: true, inactive_reason: null,
      lang: "zh", compound: null, received: null, since: SEED_AT, updated_at: SEED_AT,
    }))).execute();
    await db.insertInto("users").values(ids.map((id) => ({
      community: COMMUNITY, id, first_name: `居民${id}`, last_name: null, username: null, lang: "zh",
      party_member: null, compound: null, seen_at: SEED_AT,
    }))).execute();
  }
}

/**
 * Runs `task` over every item with at most `limit` in flight (Telegram opens at most
 * setWebhook's max_connections, 40, to one webhook; the server accepts 100 connections).
 */
export async function inPool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
