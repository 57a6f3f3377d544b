/**
 * A small tmpfs for tests of a full disk with the real process. Mounting needs root (or
 * CAP_SYS_ADMIN); where it is not allowed, `mountTmpfs` says why and the test is skipped.
 */
import { execFileSync } from "node:child_process";
import { statfsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";

/** Mounts a tmpfs of `size` (e.g. "1m") on `dir` (created); resolves with why not, or undefined once mounted. */
export async function mountTmpfs(dir: string, size: string): Promise<string | undefined> {
  await mkdir(dir, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size},mode=0700`, "tmpfs", dir], { stdio: "pipe" });
    return undefined;
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
    return `mounting a tmpfs is not permitted here (${stderr || (err as Error).message})`;
  }
}

/** Unmounts (lazily, should a file still be open) and removes the folder. */
export async function unmountTmpfs(dir: string): Promise<void> {
  try {
    execFileSync("umount", ["-l", dir], { stdio: "pipe" });
  } catch {
    // not mounted
  }
  await rm(dir, { recursive: true, force: true });
}

/** Bytes still free on the file system holding `dir`. */
export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}
