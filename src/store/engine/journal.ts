import { readFile, rename, truncate, unlink, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { StoreFileError, syncDir } from "./durable-file.js";
import { openFile, writeAll, type OpenFile } from "./file-io.js";
import type { Op } from "./tracker.js";

/** One commit in the journal: its number, the document changes, and the events it appended. */
export interface JournalEntry {
  n: number;
  ops: Op[];
  ev?: unknown[];
}

/**
 * Reads a journal file: every complete entry, oldest first. A last line cut short (the process died
 * while appending it, so nobody was told it was saved) is skipped, and with `repair` (only the
 * store's owner, holding the lock) cut off the file; a bad line before the end means the file was
 * damaged, which is reported, and the file is left as it is.
 */
export async function readJournal(file: string, repair: boolean): Promise<JournalEntry[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new StoreFileError(file, (err as Error).message);
  }
  const entries: JournalEntry[] = [];
  let start = 0;
  let line = 0;
  while (start < text.length) {
    const end = text.indexOf("\n", start);
    line++;
    const entry = end === -1 ? undefined : parseEntry(text.slice(start, end));
    if (!entry) {
      if (end === -1 || text.indexOf("\n", end + 1) === -1) {
        // the torn tail: never confirmed to anyone, so dropping it loses nothing acknowledged
        if (repair) await truncate(file, Buffer.byteLength(text.slice(0, start)));
        break;
      }
      throw new StoreFileError(file, `line ${line} of the journal is damaged`);
    }
    entries.push(entry);
    start = end + 1;
  }
  return entries;
}

function parseEntry(line: string): JournalEntry | undefined {
  try {
    const value = JSON.parse(line) as Partial<JournalEntry> | null;
    if (!value || typeof value.n !== "number" || !Array.isArray(value.ops)) return undefined;
    if (value.ev !== undefined && !Array.isArray(value.ev)) return undefined;
    return value as JournalEntry;
  } catch {
    return undefined;
  }
}

/** The journal being written: entries are appended and synced one group commit at a time. */
export interface JournalWriter {
  /**
   * Appends entries and syncs them to disk. A write that fails, also one that put only part of the
   * entries on disk (a full disk), is cut back to the last whole entry and rejects: nothing of it
   * counts, and what follows is never appended onto a cut line.
   */
  append(text: string): Promise<void>;
  /** Bytes of whole entries in the current file. */
  readonly size: number;
  /** Moves the current file to `previous` (replacing it), starts an empty one and syncs the folder. */
  rotate(previous: string): Promise<void>;
  /** Empties the journal and deletes `previous` (after a snapshot that holds everything). */
  purge(previous: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens the journal for appending (creating it); its files are opened with `open` (tests inject a full disk). */
export async function openJournal(file: string, open: OpenFile = openFile): Promise<JournalWriter> {
  const dir = dirname(file);
  let handle: FileHandle | undefined = await open(file, "a");
  // the length of the whole entries: a failed append is cut back to it
  let size = (await handle.stat()).size;
  // a failed append whose cut failed too: cut before anything else is written
  let torn = false;

  const current = async (): Promise<FileHandle> => {
    // after a rotation whose new file could not be created, it is created with the next append
    handle ??= await open(file, "a");
    if (torn) {
      await handle.truncate(size);
      torn = false;
    }
    return handle;
  };

  return {
    get size() {
      return size;
    },
    async append(text) {
      const bytes = Buffer.from(text, "utf8");
      const h = await current();
      try {
        await writeAll(h, bytes, file);
        await h.datasync();
      } catch (err) {
        torn = true;
        await h.truncate(size).then(() => (torn = false), () => undefined);
        throw err;
      }
      size += bytes.length;
    },
    async rotate(previous) {
      const h = await current();
      await rename(file, previous);
      handle = undefined;
      size = 0;
      await h.close().catch(() => undefined);
      // the rename must survive a power cut before the journal it moved is let go by a later one
      await syncDir(dir, open);
      handle = await open(file, "a");
    },
    async purge(previous) {
      const h = await current();
      await unlink(previous).catch(() => undefined);
      await h.truncate(0);
      await h.sync();
      size = 0;
      await syncDir(dir, open);
    },
    close: async () => {
      await handle?.close();
      handle = undefined;
    },
  };
}
