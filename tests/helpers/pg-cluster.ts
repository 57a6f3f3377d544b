/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temporary folder, postgres listening on a
 * Unix socket in that folder and on 127.0.0.1 with a free port, stopped and removed by `stop()`.
 * Finds the binaries in /usr/lib/postgresql/<version>/bin (the newest); when they are missing and
 * we are root (as CI is), installs Debian's `postgresql` package once. As root, initdb and postgres
 * run as the `postgres` user (postgres refuses to run as root).
 *
 * `usePgCluster()` shares one cluster per test file (started at first use, stopped afterAll) and hands each test
 * a fresh database `t_<random>`.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach } from "vitest";
import { createPgDatabase, type PgDatabaseOptions, type PgDb } from "../../src/store/postgres/database.js";
import { migrateToLatest } from "../../src/store/postgres/migrations.js";

const run = promisify(execFile);
const ROOT = "/usr/lib/postgresql";

export interface PgCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication). */
  readonly url: string;
  /** The folder holding the Unix socket (`host=` for a socket connection). */
  readonly socketDir: string;
  /** Creates an empty database `t_<random>` and answers its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

/** The newest /usr/lib/postgresql/<version>/bin holding initdb, pg_ctl and postgres, if any. */
export function findPgBin(root = ROOT): string | undefined {
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(root, v, "bin");
    if (["initdb", "pg_ctl", "postgres", "psql"].every((b) => existsSync(join(bin, b)))) return bin;
  }
  return undefined;
}

const isRoot = (): boolean => process.getuid?.() === 0;

let installing: Promise<void> | undefined;

/** Finds the binaries, installing Debian's postgresql package first when missing and root. */
export async function ensurePgBin(): Promise<string> {
  const found = findPgBin();
  if (found) return found;
  if (!isRoot()) {
    throw new Error(
      `PostgreSQL binaries not found under ${ROOT}/*/bin; install Debian's postgresql package ` +
        "(apt-get install postgresql) or run the tests as root so they can install it",
    );
  }
  installing ??= (async () => {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    await run("apt-get", ["update"], { env });
    await run("apt-get", ["install", "-y", "--no-install-recommends", "postgresql"], { env });
  })();
  await installing;
  const bin = findPgBin();
  if (!bin) throw new Error(`installed postgresql, yet no binaries under ${ROOT}/*/bin`);
  return bin;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a binary, as the postgres user when we are root. */
async function asPostgres(cmd: string, args: string[]): Promise<string> {
  const [file, argv] = isRoot() ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
  try {
    return (await run(file, argv, { maxBuffer: 8 << 20 })).stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} failed: ${e.stderr?.trim() || e.message}`);
  }
}

/** Starts a fresh cluster. */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = await ensurePgBin();
  const dir = await mkdtemp(join(tmpdir(), "pgc-"));
  const data = join(dir, "data");
  if (isRoot()) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = await freePort();
  await asPostgres(join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const opts = [
    `-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", "-c fsync=off",
    "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=200",
  ].join(" ");
  await asPostgres(join(bin, "pg_ctl"), ["-D", data, "-l", join(dir, "log"), "-o", opts, "-w", "-t", "60", "start"]);
  const base = `postgres://postgres@127.0.0.1:${port}`;
  let stopped = false;
  return {
    url: `${base}/postgres`,
    socketDir: dir,
    async createDatabase() {
      const name = `t_${Math.random().toString(36).slice(2, 12)}`;
      await asPostgres(join(bin, "psql"), ["-h", dir, "-p", String(port), "-U", "postgres", "-d", "postgres",
        "-v", "ON_ERROR_STOP=1", "-qc", `CREATE DATABASE ${name}`]);
      return `${base}/${name}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await asPostgres(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Shares one cluster per test file: call at collection time (top of a file or describe). The
 * cluster starts at the first `cluster()`/`freshDatabase()` (a file that never asks starts none) and
 * stops after the file's tests.
 */
export function usePgCluster(): { cluster(): Promise<PgCluster>; freshDatabase(): Promise<string> } {
  let starting: Promise<PgCluster> | undefined;
  afterAll(async () => {
    await (await starting)?.stop();
  }, 60_000);
  const cluster = (): Promise<PgCluster> => (starting ??= startPgCluster());
  return { cluster, freshDatabase: async () => (await cluster()).createDatabase() };
}

/**
 * `n` pools on one fresh, migrated database, as `n` instances of the bot would open it; every pool
 * is ended after each test. Call inside a `describe`, with that file's `usePgCluster()`.
 */
export function usePgPools(pg: ReturnType<typeof usePgCluster>): (n: number, options?: PgDatabaseOptions) => Promise<PgDb[]> {
  const open: PgDb[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.destroy()));
  });
  return async (n, options = {}) => {
    const url = await pg.freshDatabase();
    const dbs = Array.from({ length: n }, () => createPgDatabase(url, options));
    open.push(...dbs);
    await migrateToLatest(dbs[0]!);
    return dbs;
  };
}
