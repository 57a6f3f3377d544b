/**
 * The throwaway PostgreSQL cluster helper: it finds the installed binaries, starts a server that
 * answers a query (over TCP on 127.0.0.1 and over its Unix socket), hands out fresh databases, and
 * removes everything on stop.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { findPgBin, startPgCluster } from "../../helpers/pg-cluster.js";

const run = promisify(execFile);

async function psql(bin: string, args: string[], sql: string): Promise<string> {
  const argv = [join(bin, "psql"), ...args, "-v", "ON_ERROR_STOP=1", "-XAtqc", sql];
  const asRoot = process.getuid?.() === 0;
  const { stdout } = asRoot ? await run("runuser", ["-u", "postgres", "--", ...argv]) : await run(argv[0]!, argv.slice(1));
  return stdout.trim();
}

describe("pg-cluster helper", () => {
  it("finds the newest /usr/lib/postgresql/<version>/bin, and nothing in a folder without one", async () => {
    const bin = findPgBin();
    expect(bin).toMatch(/^\/usr\/lib\/postgresql\/\d+(\.\d+)?\/bin$/);
    const fake = await mkdtemp(join(tmpdir(), "nopg-"));
    await mkdir(join(fake, "15", "bin"), { recursive: true });
    expect(findPgBin(fake)).toBeUndefined();
    expect(findPgBin(join(fake, "missing"))).toBeUndefined();
    await rm(fake, { recursive: true });
  });

  it("starts a cluster that answers a query, gives fresh databases, and is removed on stop", async () => {
    const c = await startPgCluster();
    const bin = findPgBin()!;
    try {
      const tcp = await psql(bin, ["-d", c.url], "SELECT 40 + 2");
      expect(tcp).toBe("42");
      const url = await c.createDatabase();
      expect(url).toMatch(/\/t_[a-z0-9]+$/);
      await psql(bin, ["-d", url], "CREATE TABLE x (v text); INSERT INTO x VALUES ('社区')");
      const port = new URL(c.url).port;
      const viaSocket = await psql(bin, ["-h", c.socketDir, "-p", port, "-U", "postgres", "-d", url.split("/").pop()!], "SELECT v FROM x");
      expect(viaSocket).toBe("社区");
      const other = await c.createDatabase();
      expect(other).not.toBe(url);
      expect(await psql(bin, ["-d", other], "SELECT count(*) FROM pg_tables WHERE tablename = 'x'")).toBe("0");
    } finally {
      await c.stop();
    }
    expect(existsSync(c.socketDir)).toBe(false);
  }, 120_000);
});
