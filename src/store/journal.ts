import { open, readFile, rename, truncate, unlink, type FileHandle } from "node:fs/promises";
import { StoreFileError } from "./durable-file.js";
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
  /** Appends entries and syncs them to disk. On failure the file is cut back to where it was. */
  append(text: string): Promise<void>;
  /** Bytes in the current file. */
  readonly size: number;
  /** Moves the current file to `previous` (replacing it) and starts an empty one. */
  rotate(previous: string): Promise<void>;
  /** Empties the journal and deletes `previous` (after a snapshot that holds everything). */
  purge(previous: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens the journal for appending (creating it). */
export async function openJournal(file: string): Promise<JournalWriter> {
  let handle: FileHandle = await open(file, "a");
  let size = (await handle.stat()).size;
  const reopen = async (): Promise<void> => {
    await handle.close();
    handle = await open(file, "a");
    size = 0;
  };
  return {
    get size() {
      return size;
    },
    async append(text) {
      const bytes = Buffer.from(text, "utf8");
      try {
        await handle.write(bytes);
        await handle.datasync();
        size += bytes.length;
      } catch (err) {
        // a half-written entry must not stay in front of the entries written later
        await handle.truncate(size).catch(() => undefined);
        throw err;
      }
    },
    async rotate(previous) {
      await rename(file, previous);
      await reopen();
    },
    async purge(previous) {
      await unlink(previous).catch(() => undefined);
      await handle.truncate(0);
      await handle.sync();
      await reopen();
    },
    close: () => handle.close(),
  };
}
