import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { link, readFile, unlink, writeFile } from "node:fs/promises";

// tells this process's locks from a dead earlier process that had the same pid (pid 1 in containers)
const INSTANCE = randomUUID();

/** Another live process owns the store. */
export class StoreLockedError extends Error {
  constructor(file: string, pid: number) {
    super(
      `The store ${file} is in use by another running bot (process ${pid}). ` +
        `Stop that one first, or give this one its own DB_FILE.`,
    );
    this.name = "StoreLockedError";
  }
}

/**
 * Takes `<file>.lock` for this process: one process owns a store. A lock left by a process that is
 * no longer running (a crash, kill -9) is taken over. Returns the release function.
 */
export async function acquireLock(file: string): Promise<() => Promise<void>> {
  const lockFile = `${file}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    // written beside it, then linked into place: the lock appears with its owner already in it, so
    // a second process starting at the same moment never reads an empty lock and takes it as stale
    const draft = `${lockFile}.${process.pid}.${randomUUID()}`;
    await writeFile(draft, `${process.pid} ${INSTANCE}`);
    try {
      await link(draft, lockFile);
      return async () => {
        await unlink(lockFile).catch(() => undefined);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const [pidText, instance] = (await readFile(lockFile, "utf8").catch(() => "")).trim().split(" ");
      const pid = Number(pidText);
      const held = pid === process.pid ? instance === INSTANCE : Number.isInteger(pid) && pid > 0 && isAlive(pid);
      if (held) throw new StoreLockedError(file, pid);
      await unlink(lockFile).catch(() => undefined); // stale: its owner is gone
    } finally {
      await unlink(draft).catch(() => undefined);
    }
  }
  throw new Error(`Could not take the lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  // kill(pid, 0) also succeeds on a zombie (killed, not yet reaped by its parent), which holds nothing
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8"); // "pid (comm) STATE ..."
    const close = stat.lastIndexOf(")");
    return stat.slice(close + 2, close + 3) !== "Z";
  } catch {
    return true; // no /proc (macOS): trust kill(pid, 0)
  }
}
