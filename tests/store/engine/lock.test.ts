/**
 * The store's lock (issue 13): a stale lock is taken over by an atomic step, so processes starting
 * at once never both take it; the lock names its host, and a lock from another host is never
 * judged stale by its pid.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deadPid } from "../../helpers/process.js";
import { StoreLockedError, acquireLock, type LockOwner } from "../../../src/store/engine/lock.js";

let dir: string;
let file: string;
const sleepers: ChildProcess[] = [];

/** Owners as separate processes on this host would be: each pid alive, each its own instance. */
let owners: LockOwner[] = [];
/** A pid no process has (spawning one per use is slow). */
let dead: number;

beforeAll(async () => {
  dead = await deadPid();
  for (let i = 0; i < 6; i++) sleepers.push(spawn("sleep", ["60"], { stdio: "ignore" }));
  owners = sleepers.map((c) => ({ pid: c.pid!, instance: randomUUID(), host: hostname() }));
});
afterAll(() => {
  for (const c of sleepers) c.kill("SIGKILL");
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "lock-test-"));
  file = join(dir, "db.json");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lockText = (): Promise<string> => readFile(`${file}.lock`, "utf8");

describe("lock: who holds it", () => {
  it("names the pid, the instance and the host", async () => {
    const release = await acquireLock(file);
    const [pid, instance, host] = (await lockText()).split(" ");
    expect(pid).toBe(String(process.pid));
    expect(instance).toMatch(/^[0-9a-f-]{36}$/);
    expect(host).toBe(hostname());
    await release();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("a lock from another host is never taken for stale, even when its pid is not running here", async () => {
    const text = `${await deadPid()} ${randomUUID()} build-server-7`;
    await writeFile(`${file}.lock`, text);
    const err = await acquireLock(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreLockedError);
    const message = (err as Error).message;
    expect(message).toContain("build-server-7");
    expect(message).toContain(`${file}.lock`);
    expect(await lockText()).toBe(text);
    expect((await readdir(dir)).sort()).toEqual(["db.json.lock"]);
  });

  it("a lock of this host whose process is gone is taken over (also one of an earlier version, without a host)", async () => {
    await writeFile(`${file}.lock`, `${await deadPid()} ${randomUUID()} ${hostname()}`);
    const release = await acquireLock(file, owners[0]);
    expect(await lockText()).toBe(`${owners[0]!.pid} ${owners[0]!.instance} ${hostname()}`);
    await release();
    await writeFile(`${file}.lock`, `${await deadPid()} 00000000-0000-4000-8000-000000000000`);
    await (await acquireLock(file, owners[1]))();
    expect((await readdir(dir)).sort()).toEqual([]);
  });

  it("a lock of this host whose process runs is refused, naming the process", async () => {
    await writeFile(`${file}.lock`, `${owners[2]!.pid} ${owners[2]!.instance} ${hostname()}`);
    const err = await acquireLock(file, owners[3]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreLockedError);
    expect((err as Error).message).toContain(`process ${owners[2]!.pid}`);
  });
});

describe("lock: taking over a stale one", () => {
  it("processes starting at once never both take it (30 rounds of 6)", async () => {
    for (let round = 0; round < 30; round++) {
      const path = join(dir, `race-${round}.json`);
      await writeFile(`${path}.lock`, `${dead} ${randomUUID()} ${hostname()}`);
      const results = await Promise.allSettled(owners.map((o) => acquireLock(path, o)));
      const won = results.filter((r) => r.status === "fulfilled");
      expect(won, `round ${round}`).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(StoreLockedError);
      const holder = (await readFile(`${path}.lock`, "utf8")).split(" ")[1];
      const winner = owners[results.findIndex((r) => r.status === "fulfilled")]!;
      expect(holder).toBe(winner.instance);
    }
    // nothing left beside the locks but the locks
    expect((await readdir(dir)).every((f) => /^race-\d+\.json\.lock$/.test(f))).toBe(true);
  });

  it("a takeover whose taker died half-way (its claim left behind) is taken over in turn", async () => {
    const stale = randomUUID();
    await writeFile(`${file}.lock`, `${await deadPid()} ${stale} ${hostname()}`);
    await writeFile(`${file}.lock.${stale}`, `${await deadPid()} ${randomUUID()} ${hostname()}`);
    const release = await acquireLock(file, owners[4]);
    expect((await lockText()).split(" ")[1]).toBe(owners[4]!.instance);
    await release();
    expect(await readdir(dir)).toEqual([]);
  });

  it("a takeover under way by a running process is not interfered with", async () => {
    const stale = randomUUID();
    await writeFile(`${file}.lock`, `${await deadPid()} ${stale} ${hostname()}`);
    await writeFile(`${file}.lock.${stale}`, `${owners[5]!.pid} ${owners[5]!.instance} ${hostname()}`);
    const err = await acquireLock(file, owners[0]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreLockedError);
    expect((err as Error).message).toContain(`process ${owners[5]!.pid}`);
    expect((await lockText()).split(" ")[1]).toBe(stale);
  });
});

describe("lock: separate processes racing for a stale lock", () => {
  it("exactly one of four processes takes it, in each of 15 rounds", { timeout: 60_000 }, async () => {
    const script = `
      import { createInterface } from "node:readline";
      import { acquireLock } from ${JSON.stringify(join(process.cwd(), "src/store/engine/lock.ts"))};
      console.log("ready");
      for await (const line of createInterface({ input: process.stdin })) {
        const path = line.trim();
        try { await acquireLock(path); console.log("won " + process.pid); }
        catch (e) { console.log("lost " + path + " " + e.name); }
      }
    `;
    const children = Array.from({ length: 4 }, () =>
      spawn(join(process.cwd(), "node_modules/.bin/tsx"), ["--input-type=module", "-e", script], { stdio: ["pipe", "pipe", "inherit"] }),
    );
    const lines: string[][] = children.map(() => []);
    const seen = (): number => lines.reduce((n, l) => n + l.length, 0);
    children.forEach((c, i) => c.stdout.on("data", (d: Buffer) => lines[i]!.push(...d.toString().split("\n").filter(Boolean))));
    const until = async (n: number): Promise<void> => {
      for (const end = Date.now() + 30_000; seen() < n; ) {
        if (Date.now() > end) throw new Error(`children answered ${seen()} of ${n}: ${JSON.stringify(lines)}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    try {
      await until(4); // all ready
      for (let round = 0; round < 15; round++) {
        const path = join(dir, `proc-race-${round}.json`);
        await writeFile(`${path}.lock`, `${dead} ${randomUUID()} ${hostname()}`);
        for (const c of children) c.stdin.write(`${path}\n`);
        await until(4 + 4 * (round + 1));
        const answers = lines.map((l) => l[l.length - 1]!);
        expect(answers.filter((a) => a.startsWith("won ")), `round ${round}: ${answers.join("; ")}`).toHaveLength(1);
        expect(answers.filter((a) => a.startsWith("lost ")).every((a) => a.endsWith("StoreLockedError"))).toBe(true);
        const holder = Number((await readFile(`${path}.lock`, "utf8")).split(" ")[0]);
        expect(answers.find((a) => a.startsWith("won "))).toBe(`won ${holder}`);
      }
    } finally {
      for (const c of children) c.kill("SIGKILL");
    }
  });
});
