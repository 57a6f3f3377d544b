import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { link, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";

/** Who holds a lock: written into it as `<pid> <instance> <host>`. */
export interface LockOwner {
  pid: number;
  /** tells this process's locks from a dead earlier process that had the same pid (pid 1 in containers) */
  instance: string;
  host: string;
}

/** Another running process owns the store, or one on another machine may (its pid means nothing here). */
export class StoreLockedError extends Error {
  constructor(file: string, pid: number, host?: string, lockFile = `${file}.lock`) {
    super(
      host === undefined
        ? `The store ${file} is in use by another running bot (process ${pid}). ` +
            `Stop that one first, or give this one its own DB_FILE.`
        : `The store ${file} is locked by a bot on another machine, ${host} (process ${pid} there; lock file ${lockFile}). ` +
            `Whether it still runs cannot be told from here: stop it, or if it is gone, delete ${lockFile}.`,
    );
    this.name = "StoreLockedError";
  }
}

/**
 * Takes `<file>.lock` for this process: one process owns a store. A lock left by a process of this
 * host that is no longer running (a crash, kill -9) is taken over; a lock from another host (a
 * shared disk) never is. `owner` is for tests (default: this process on this host). Returns the
 * release function.
 */
export async function acquireLock(file: string, owner: LockOwner = thisProcess()): Promise<() => Promise<void>> {
  const lockFile = `${file}.lock`;
  await take(lockFile, owner, (holder) => judge(file, lockFile, holder, owner));
  return async () => {
    await unlink(lockFile).catch(() => undefined);
  };
}

let self: LockOwner | undefined;
const thisProcess = (): LockOwner => (self ??= { pid: process.pid, instance: randomUUID(), host: hostname() });

/**
 * Creates `path` holding `owner`, or replaces it when `stale` says its holder is gone (else `stale`
 * throws). Every step is atomic: the file appears with its owner already in it (written beside it,
 * then linked into place), and a stale one is replaced only by whoever first claims its succession
 * (`<path>.<its instance>`, created the same way, itself taken over if its claimant died), so two
 * processes starting at once never both take it.
 */
async function take(path: string, owner: LockOwner, stale: (holder: LockOwner | undefined) => void): Promise<void> {
  const content = `${owner.pid} ${owner.instance} ${owner.host}`;
  for (let attempt = 0; attempt < 5; attempt++) {
    const draft = `${path}.${owner.pid}.${randomUUID()}.draft`;
    await writeFile(draft, content);
    try {
      try {
        await link(draft, path);
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      const holder = await readOwner(path);
      if (holder === null) continue; // released meanwhile: try again
      stale(holder); // throws when it is held
      const claim = `${path}.${holder?.instance || "unknown"}`;
      // a claimant is judged as a holder: one that runs is another bot taking the store right now
      await take(claim, owner, stale);
      try {
        // still the lock we found stale? Only the claimant may replace it, so it cannot change now
        const now = await readOwner(path);
        if (now === null || now?.instance !== holder?.instance) continue;
        await rename(draft, path);
        return;
      } finally {
        await unlink(claim).catch(() => undefined);
      }
    } finally {
      await unlink(draft).catch(() => undefined);
    }
  }
  throw new Error(`Could not take the lock ${path}`);
}

/** The lock's holder; undefined for a lock that says nothing usable; null when there is no lock. */
async function readOwner(path: string): Promise<LockOwner | undefined | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  const [pidText, instance = "", host] = text.trim().split(" ");
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  // a lock of an earlier version names no host: it was written on a machine running this bot, this one
  return { pid, instance, host: host ?? hostname() };
}

/** Throws unless the store's lock holder is gone (its process ended, on this host). */
function judge(file: string, lockFile: string, holder: LockOwner | undefined, me: LockOwner): void {
  if (holder === undefined) return; // empty or garbled: a lock is never written so, only left so by a power cut
  if (holder.host !== me.host) throw new StoreLockedError(file, holder.pid, holder.host, lockFile);
  if (isHeld(holder, me)) throw new StoreLockedError(file, holder.pid);
}

const isHeld = (holder: LockOwner, me: LockOwner): boolean =>
  holder.pid === me.pid ? holder.instance === me.instance : isAlive(holder.pid);

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
