import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** The repository root (tests run from it). */
export const ROOT = process.cwd();
export const MAIN = join(ROOT, "src/main.ts");

export interface Spawned {
  child: ChildProcess;
  /** stdout and stderr so far */
  stdout(): string;
  stderr(): string;
  output(): string;
  /** Resolves once the output matches, or rejects (with the output) after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or signal name) once the process exits, or rejects after `timeoutMs`. */
  waitForExit(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  readonly exited: boolean;
  /** Sends a signal if the process still runs. */
  kill(signal?: NodeJS.Signals): void;
}

const live = new Set<Spawned>();

/**
 * Spawns a process with only the environment given (plus PATH and HOME), so nothing from the
 * developer's shell or a `.env` leaks in. stdin is a pipe when `stdin` is true.
 */
export function spawnProcess(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; stdin?: boolean } = {},
): Spawned {
  // a suite run on a shifted clock (tools/shift-date.mjs) shifts the processes it starts too
  const shifted = process.env.DATE_SHIFT_MS ? { NODE_OPTIONS: process.env.NODE_OPTIONS ?? "", DATE_SHIFT_MS: process.env.DATE_SHIFT_MS } : {};
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...shifted, ...options.env };
  const startedAt = Date.now();
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env,
    stdio: [options.stdin ? "pipe" : "ignore", "pipe", "pipe"],
    detached: process.platform !== "win32", // its own process group, so kill() reaches grandchildren (npm → tsx → node)
  });
  let out = "";
  let err = "";
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const l of listeners) l();
  };
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
    changed();
  });
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
    changed();
  });
  let exit: { code: number | null; signal: NodeJS.Signals | null; ms: number } | undefined;
  const exitPromise = new Promise<NonNullable<typeof exit>>((resolve) => {
    child.once("exit", (code, signal) => {
      exit = { code, signal, ms: Date.now() - startedAt };
      live.delete(spawned);
      // let the last output arrive before waiters look at it
      setTimeout(() => {
        resolve(exit!);
        changed();
      }, 20);
    });
  });

  const spawned: Spawned = {
    child,
    stdout: () => out,
    stderr: () => err,
    output: () => out + err,
    get exited() {
      return exit !== undefined;
    },
    waitForOutput(pattern, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (pattern.test(out + err)) {
            cleanup();
            resolve();
          } else if (exit) {
            cleanup();
            reject(new Error(`process exited (${exit.code ?? exit.signal}) before printing ${pattern}:\n${out}${err}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${pattern} within ${timeoutMs} ms; output so far:\n${out}${err}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    waitForExit(timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`still running after ${timeoutMs} ms; output:\n${out}${err}`)), timeoutMs);
        void exitPromise.then((e) => {
          clearTimeout(timer);
          resolve(e);
        });
      });
    },
    kill(signal = "SIGTERM") {
      if (exit || child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal); // the whole group
      } catch {
        child.kill(signal);
      }
    },
  };
  live.add(spawned);
  return spawned;
}

/** tsx's loader, by path: the bot runs in a temp folder, where `--import tsx` would not resolve. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Starts the real bot as `npm start` does (`node --import tsx src/main.ts`) with exactly these settings. */
export function spawnBot(env: Record<string, string>, cwd?: string): Spawned {
  return spawnProcess(process.execPath, ["--import", TSX_LOADER, MAIN], { env: { TSX_TSCONFIG_PATH: join(ROOT, "tsconfig.json"), ...env }, ...(cwd ? { cwd } : {}) });
}

/** Kills every process spawned here that still runs (call from afterEach/afterAll). */
export async function killAll(): Promise<void> {
  const running = [...live];
  for (const p of running) p.kill("SIGKILL");
  await Promise.all(running.map((p) => p.waitForExit(5000).catch(() => undefined)));
}

/** Polls `check` until it returns true. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The port a bot started with WEBHOOK_PORT=0 listens on, from its "receiving updates by webhook" log line. */
export function webhookPort(bot: Spawned): number {
  const line = bot.output().split("\n").find((l) => l.includes("receiving updates by webhook"));
  const port = Number(/"port":(\d+)/.exec(line ?? "")?.[1]);
  if (!port) throw new Error(`no webhook port in the output:\n${bot.output()}`);
  return port;
}

/** A TCP port on 127.0.0.1 that nothing listens on (just released). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A process id that is certainly not running: a child that has exited. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  const pid = child.pid;
  await new Promise((r) => child.once("exit", r));
  if (pid === undefined) throw new Error("no pid");
  return pid;
}
