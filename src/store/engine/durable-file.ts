import { link, readFile, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Adapter } from "lowdb";
import { openFile, writeAll, type OpenFile } from "./file-io.js";

/** A store file that exists but cannot be read or parsed. Names the file; the file is left as is. */
export class StoreFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`The store file ${file} cannot be used: ${reason}. It was left untouched.`);
    this.name = "StoreFileError";
  }
}

/**
 * A lowdb adapter that writes durably: the JSON goes to a temporary file beside the target, is
 * fsync'ed, renamed over the target, and the folder is fsync'ed so the rename itself survives a
 * power cut. A crash at any point leaves either the old or the new file, never half of one.
 * Before replacing, the previous good file is kept as `<file>.bak` (a documented way back).
 * A write that fails (a full disk) removes its temporary file, so it does not hold the space.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly keepBackup = true,
    private readonly open: OpenFile = openFile,
  ) {}

  /** Reads and parses the file; `null` only when it does not exist yet (lowdb's Adapter contract). A file that holds no JSON object is an error. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw new StoreFileError(this.file, (err as Error).message);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new StoreFileError(
        this.file,
        `not valid JSON (${(err as Error).message}); the last good copy, if any, is ${this.file}.bak`,
      );
    }
    // lowdb's Low.read keeps its default data when the adapter returns anything falsy: `null` here
    // must mean "no file yet" only, never a file holding `null` (that would open as an empty store)
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new StoreFileError(this.file, `it does not hold a JSON object (it holds ${parsed === null ? "null" : Array.isArray(parsed) ? "an array" : typeof parsed}); the last good copy, if any, is ${this.file}.bak`);
    }
    return parsed as T;
  }

  /** Writes the serialised data durably (see the class comment); resolves once it is on disk. */
  async write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    const dir = dirname(this.file);
    const tmp = tempFileOf(this.file);
    try {
      const handle = await this.open(tmp, "w");
      try {
        await writeAll(handle, Buffer.from(text, "utf8"), tmp);
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (this.keepBackup) await this.backupCurrent();
      await rename(tmp, this.file);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    await syncDir(dir, this.open);
  }

  /**
   * Keeps the file being replaced as `.bak` with a hard link (no copy, and the target never goes
   * missing: the rename that follows replaces it atomically).
   */
  private async backupCurrent(): Promise<void> {
    const bak = `${this.file}.bak`;
    await unlink(bak).catch(() => undefined);
    try {
      await link(this.file, bak);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
}

/** Syncs a folder, so a rename inside it survives a power cut (where the file system allows). */
export async function syncDir(dir: string, open: OpenFile = openFile): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } catch {
    // some file systems refuse fsync on a directory; the rename is still atomic there
  } finally {
    await handle.close();
  }
}

/** A file's size in bytes; 0 when it does not exist. */
export const fileSize = (file: string): Promise<number> => stat(file).then((s) => s.size, () => 0);

/** Where a new version of `file` is written before it is renamed over it (beside it, hidden). */
export const tempFileOf = (file: string): string => join(dirname(file), `${tempPrefixOf(file)}${process.pid}.tmp`);

/** How every temporary file of `file` starts: a killed process's leftovers are found by it. */
export const tempPrefixOf = (file: string): string => `.${basename(file)}.`;
