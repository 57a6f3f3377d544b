/**
 * Starting on PostgreSQL (DATABASE_URL): the real process refuses with one clear line, never
 * showing the database's password, when the schema is not migrated, when the database cannot be
 * reached, and when it would poll while another instance holds the leader lease.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase } from "../../src/store/postgres/database.js";
import { createPgLease } from "../../src/store/postgres/lease.js";
import { migrateToLatest } from "../../src/store/postgres/migrations.js";
import { usePgCluster } from "../helpers/pg-cluster.js";
import { ROOT, closedPort, killAll, spawnBot } from "../helpers/process.js";

const TOKEN = "4242:SECRETtokenValue_e2e";
const PASSWORD = "hunter2-secret";
let dir: string;

/** The URL with a password in it (the test cluster trusts every connection, so it is ignored). */
const withPassword = (url: string): string => url.replace("postgres://postgres@", `postgres://postgres:${PASSWORD}@`);

const env = (url: string, extra: Record<string, string> = {}): Record<string, string> => ({
  BOT_TOKEN: TOKEN,
  TELEGRAM_API_ROOT: "http://127.0.0.1:9", // never reached: each refusal comes first
  DATABASE_URL: url,
  DATA_DIR: join(ROOT, "data"),
  ADMIN_IDS: "1",
  LOG_LEVEL: "info",
  ...extra,
});

/** Runs the bot until it exits; answers its code and its stderr's non-empty lines. */
async function refusal(settings: Record<string, string>): Promise<{ code: number | null; lines: string[]; output: string }> {
  const p = spawnBot(settings, dir);
  const { code } = await p.waitForExit(30_000);
  return { code, lines: p.stderr().split("\n").filter((l) => l.trim() !== ""), output: p.output() };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "e2e-pg-start-"));
});

afterAll(async () => {
  await killAll();
  await rm(dir, { recursive: true, force: true });
});

describe("starting with DATABASE_URL", () => {
  const pg = usePgCluster();

  it("an unmigrated database: one line saying to run npm run db:migrate, exit 1, no password", async () => {
    const url = withPassword(await pg.freshDatabase());
    const { code, lines, output } = await refusal(env(url));
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^The PostgreSQL schema at 127\.0\.0\.1:\d+\/t_\w+ is not at the latest migration \(missing 001_initial, .*\): run npm run db:migrate first\.$/);
    expect(output).not.toContain(PASSWORD);
  }, 60_000);

  it("a database that cannot be reached: one line naming where, no password", async () => {
    const { code, lines, output } = await refusal(env(`postgres://bot:${PASSWORD}@127.0.0.1:${await closedPort()}/office`));
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot reach PostgreSQL at 127\.0\.0\.1:\d+\/office: .*ECONNREFUSED.*Check DATABASE_URL/);
    expect(output).not.toContain(PASSWORD);
  }, 60_000);

  it("polling while another live instance leads this community: refused, pointing to webhook mode", async () => {
    const url = await pg.freshDatabase();
    const db = createPgDatabase(url);
    try {
      await migrateToLatest(db);
      const other = createPgLease(db, { holder: "other-host:99", name: "leader:lianhua", community: "lianhua", ttlMs: 60_000 });
      expect(await other.tryAcquire()).toBe(1);
      const { code, lines } = await refusal(env(url, { COMMUNITY: "lianhua" }));
      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Polling refused: another instance \(other-host:99\) holds the leader lease.*webhook mode \(set WEBHOOK_URL\)/);
    } finally {
      await db.destroy();
    }
  }, 60_000);

  it("a migrated database gets past the schema check, to the Bot API (unreachable here)", async () => {
    const url = await pg.freshDatabase();
    const db = createPgDatabase(url);
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
    const { code, lines } = await refusal(env(url));
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/db:migrate|Cannot reach PostgreSQL/);
    expect(lines[0]).toMatch(/Bot API/);
  }, 60_000);
});
