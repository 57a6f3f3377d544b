/**
 * The real process on PostgreSQL (DATABASE_URL, one instance polling): a resident subscribes and
 * asks how the campaign stands, staff record progress and broadcast to every subscriber after the
 * preview; after a restart the subscription, the record and the broadcast are all still there and
 * nothing is sent twice.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase } from "../../src/store/postgres/database.js";
import { migrateToLatest } from "../../src/store/postgres/migrations.js";
import { callbackQuery, command, createFakeBotApi, makeUser, privateMessage, type FakeBotApi } from "../../tools/fake-bot-api/index.js";
import { ADMIN, TOKEN, received, startBot } from "../helpers/e2e-store.js";
import { usePgCluster } from "../helpers/pg-cluster.js";
import { ROOT, killAll, until } from "../helpers/process.js";

let dir: string;
let api: FakeBotApi | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "e2e-pg-journey-"));
});
afterEach(async () => {
  await killAll();
  await api?.stop();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the bot on PostgreSQL", () => {
  const pg = usePgCluster();

  it("subscribes, answers, records and broadcasts; a restart keeps everything and sends nothing twice", { timeout: 120_000 }, async () => {
    const url = await pg.freshDatabase();
    const db = createPgDatabase(url);
    try {
      await migrateToLatest(db);
      const fake = createFakeBotApi({ token: TOKEN });
      api = fake;
      await fake.start();
      const env = { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url!, DATABASE_URL: url, COMMUNITY: "lianhua", DATA_DIR: join(ROOT, "data"), ADMIN_IDS: String(ADMIN), LOG_LEVEL: "warn" };
      let bot = await startBot(fake, env, dir, 60_000);
      const resident = makeUser(5001, { first_name: "王阿姨", language_code: "zh" });
      const admin = makeUser(ADMIN, { first_name: "社区主任" });

      fake.pushUpdate(command(resident, "/start"));
      await until(() => fake.sentMessages(5001).length >= 1, "the welcome", 30_000);
      fake.pushUpdate(privateMessage(resident, "知晓率是多少？"));
      await until(() => received(fake, 5001, (t) => t.includes("知晓率")).length >= 1, "the answer", 30_000);

      // the seed figures are in the database; a record moves them, and /progress reads it back
      const garbage = (n: number) => (t: string) => t.includes(`清运垃圾：${n}/350 车`);
      fake.pushUpdate(command(resident, "/progress"));
      await until(() => received(fake, 5001, garbage(300)).length === 1, "the seeded figure", 30_000);
      fake.pushUpdate(command(admin, "/record", "清运垃圾 12车"));
      await until(() => fake.sentMessages(ADMIN).length >= 1, "the record's answer", 30_000);
      fake.pushUpdate(command(resident, "/progress"));
      await until(() => received(fake, 5001, garbage(312)).length === 1, "the recorded figure", 30_000);

      fake.pushUpdate(command(admin, "/broadcast", "周六上午9点清理楼道杂物"));
      await until(() => fake.sentMessages(ADMIN).some((m) => m.reply_markup !== undefined && m.text?.includes("周六上午9点")), "the preview", 30_000);
      const preview = fake.sentMessages(ADMIN).find((m) => m.reply_markup !== undefined && m.text?.includes("周六上午9点"))!;
      const ok = preview.reply_markup!.inline_keyboard[0]![0] as { callback_data: string };
      fake.pushUpdate(callbackQuery(admin, ok.callback_data, preview));
      const notice = (t: string) => t.includes("周六上午9点清理楼道杂物");
      await until(() => received(fake, 5001, notice).length === 1, "the broadcast", 30_000);

      // what is kept is in PostgreSQL, under this community
      const chats = await sql<{ n: number }>`SELECT count(*)::int AS n FROM chats WHERE community = 'lianhua' AND id = 5001 AND subscribed`.execute(db);
      expect(chats.rows[0]?.n).toBe(1);

      bot.kill("SIGTERM");
      await bot.waitForExit(15_000);
      bot = await startBot(fake, env, dir, 60_000);
      fake.pushUpdate(command(resident, "/progress"));
      await until(() => received(fake, 5001, garbage(312)).length === 2, "the record, after the restart", 30_000);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(received(fake, 5001, notice)).toHaveLength(1);
      bot.kill("SIGTERM");
      expect((await bot.waitForExit(15_000)).code).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});
