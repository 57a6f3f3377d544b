/**
 * The real process serving two communities with one bot (COMMUNITY=a,b on PostgreSQL, polling):
 * /start a and /start b from two residents bind their chats to their communities; a broadcast made
 * in a reaches a's subscriber and never b's.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase } from "../../src/store/postgres/database.js";
import { migrateToLatest } from "../../src/store/postgres/migrations.js";
import { callbackQuery, command, createFakeBotApi, makeUser, type FakeBotApi } from "../../tools/fake-bot-api/index.js";
import { ADMIN, TOKEN, received, startBot } from "../helpers/e2e-store.js";
import { usePgCluster } from "../helpers/pg-cluster.js";
import { ROOT, killAll, until } from "../helpers/process.js";

let dir: string;
let api: FakeBotApi | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "e2e-pg-communities-"));
});
afterEach(async () => {
  await killAll();
  await api?.stop();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("one bot serving two communities on PostgreSQL", () => {
  const pg = usePgCluster();

  it("binds each resident to the community of their link; a broadcast in a reaches only a's subscribers", { timeout: 120_000 }, async () => {
    const url = await pg.freshDatabase();
    const db = createPgDatabase(url);
    try {
      await migrateToLatest(db);
      const fake = createFakeBotApi({ token: TOKEN });
      api = fake;
      await fake.start();
      const env = { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url!, DATABASE_URL: url, COMMUNITY: "a,b", DATA_DIR: join(ROOT, "data"), ADMIN_IDS: String(ADMIN), LOG_LEVEL: "warn" };
      const bot = await startBot(fake, env, dir, 60_000);
      const inA = makeUser(5001, { first_name: "王阿姨", language_code: "zh" });
      const inB = makeUser(5002, { first_name: "李叔", language_code: "zh" });
      const admin = makeUser(ADMIN, { first_name: "社区主任" });

      fake.pushUpdate(command(inA, "/start", "a"));
      fake.pushUpdate(command(inB, "/start", "b"));
      fake.pushUpdate(command(admin, "/start", "a"));
      await until(() => [5001, 5002, ADMIN].every((id) => fake.sentMessages(id).length >= 1), "the welcomes", 30_000);
      const chats = await sql<{ community: string; id: string }>`SELECT community, id FROM chats WHERE subscribed ORDER BY id`.execute(db);
      expect(chats.rows.map((r) => [r.community, Number(r.id)])).toEqual([["a", ADMIN], ["a", 5001], ["b", 5002]]);

      fake.pushUpdate(command(admin, "/broadcast", "周六上午9点清理楼道杂物"));
      const isPreview = (m: { reply_markup?: unknown; text?: string }) => m.reply_markup !== undefined && m.text?.includes("周六上午9点") === true;
      await until(() => fake.sentMessages(ADMIN).some(isPreview), "the preview", 30_000);
      const preview = fake.sentMessages(ADMIN).find(isPreview)!;
      const ok = preview.reply_markup!.inline_keyboard[0]![0] as { callback_data: string };
      fake.pushUpdate(callbackQuery(admin, ok.callback_data, preview));
      const notice = (t: string) => t.includes("周六上午9点清理楼道杂物");
      await until(() => received(fake, 5001, notice).length === 1, "the broadcast in a", 30_000);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(received(fake, 5002, notice)).toEqual([]);
      bot.kill("SIGTERM");
      expect((await bot.waitForExit(15_000)).code).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});
