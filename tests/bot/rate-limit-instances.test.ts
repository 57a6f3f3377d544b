/**
 * The per-user limit over several instances on PostgreSQL: a resident whose updates a load balancer
 * spreads over two instances meets one limit (30 in 10 s), not one per instance.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Composer } from "grammy";
import type { Update } from "grammy/types";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { createPeopleRepos } from "../../src/store/people-repos.js";
import { createPgRateWindows } from "../../src/store/postgres/rate-windows-pg.js";
import { command, createRecordingApi, makeUser } from "../../tools/fake-bot-api/index.js";
import { createLimitedBot } from "../helpers/limited-bot.js";
import { usePgCluster, usePgPools } from "../helpers/pg-cluster.js";

describe("the per-user limit over two instances", () => {
  const pg = usePgCluster();
  const pools = usePgPools(pg);
  let dir: string | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("30 pings spread over both are answered; the 31st, on either, is told to slow down; then silence", async () => {
    dir = await mkdtemp(join(tmpdir(), "ratelimit-instances-"));
    store = await openStore({ file: join(dir, "db.json") });
    const people = createPeopleRepos(store, () => new Date());
    const deps = { store, ...people, log: pino({ level: "silent" }), now: () => new Date(), adminIds: [1], timezone: "Asia/Shanghai" };
    const rec = createRecordingApi();
    const clock = { t: 5_000_000 };
    const dbs = await pools(2);
    const probe = new Composer<BotContext>();
    probe.command("ping", (ctx) => ctx.reply("pong"));
    const bots = dbs.map((db) => createLimitedBot(deps, rec, { windows: createPgRateWindows(db, "a", () => clock.t) }, probe));
    let updateId = 1;
    const ping = async (i: number): Promise<string | undefined> => {
      const update = { update_id: updateId++, ...command(makeUser(700, { language_code: "en" }), "/ping") } as Update;
      rec.observeUpdate(update);
      const before = rec.calls.length;
      await bots[i % 2]!.handleUpdate(update);
      const sent = rec.calls.slice(before).find((c) => c.method === "sendMessage");
      return sent ? String(sent.params.text) : undefined;
    };
    for (let i = 0; i < 30; i++) expect(await ping(i)).toBe("pong");
    expect(await ping(30)).toMatch(/slow down|too many|wait/i);
    expect(await ping(31)).toBeUndefined();
    clock.t += 10_000;
    expect(await ping(32)).toBe("pong");
  });
});
