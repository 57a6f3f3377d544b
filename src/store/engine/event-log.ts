import { createReadStream } from "node:fs";
import { open as openRead, rename, truncate, unlink, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { StoreFileError, syncDir, tempFileOf } from "./durable-file.js";
import { openFile, writeAll, type OpenFile } from "./file-io.js";

/** An event of an append-only log: numbered in the order it happened. */
export interface LoggedEvent {
  seq: number;
}

/**
 * An append-only log of events kept on disk, one JSON line each, and never held in memory: it is
 * read once at start (folded into what is needed) and streamed for exports. Its entries are first
 * committed through the store's journal, which is what makes them durable; the log is synced
 * before the journal that holds them is let go.
 */
export interface EventLog<E extends LoggedEvent> {
  readonly file: string;
  /** The highest `seq` in the log (0 when empty). */
  readonly lastSeq: number;
  /**
   * Appends events (those at or below `lastSeq` are already there and skipped). A failed append,
   * also one that wrote part of a line (a full disk), is cut back to the last whole line and rejects.
   */
  append(events: readonly E[]): Promise<void>;
  /** Makes everything appended so far durable. */
  sync(): Promise<void>;
  /** Streams every event, oldest first (safe while appends go on: it stops at the last whole line). */
  replay(fn: (event: E) => void): Promise<void>;
  /** Rewrites the log durably with each event mapped (undefined drops it); resolves with how many were dropped. */
  rewrite(map: (event: E) => E | undefined): Promise<number>;
  close(): Promise<void>;
}

/**
 * Opens (or creates) a log. A last line cut short by a crash is cut off: the journal still has it.
 * Files are opened for writing with `open` (tests inject a full disk).
 */
export async function openEventLog<E extends LoggedEvent>(file: string, open: OpenFile = openFile): Promise<EventLog<E>> {
  let lastSeq = await recoverTail(file);
  let handle: FileHandle = await open(file, "a");
  // the length of the whole lines: a failed append is cut back to it
  let size = (await handle.stat()).size;
  // a failed append whose cut failed too: cut before anything else is written
  let torn = false;

  const replay = async (fn: (event: E) => void): Promise<void> => {
    let rest = "";
    let line = 0;
    const take = (text: string) => {
      line++;
      let event: E;
      try {
        event = JSON.parse(text) as E;
      } catch {
        throw new StoreFileError(file, `line ${line} of the event log is damaged`);
      }
      fn(event);
    };
    for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
      const text = rest + (chunk as string);
      let start = 0;
      for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
        if (end > start) take(text.slice(start, end));
        start = end + 1;
      }
      rest = text.slice(start);
    }
    // every saved line ends with a newline: a tail without one is a line being appended right now
  };

  return {
    file,
    get lastSeq() {
      return lastSeq;
    },
    async append(events) {
      const fresh = events.filter((e) => e.seq > lastSeq);
      if (fresh.length === 0) return;
      const bytes = Buffer.from(fresh.map((e) => JSON.stringify(e) + "\n").join(""), "utf8");
      if (torn) {
        await handle.truncate(size);
        torn = false;
      }
      try {
        await writeAll(handle, bytes, file);
      } catch (err) {
        torn = true;
        await handle.truncate(size).then(() => (torn = false), () => undefined);
        throw err;
      }
      size += bytes.length;
      lastSeq = fresh[fresh.length - 1]!.seq;
    },
    sync: () => handle.sync(),
    replay,
    async rewrite(map) {
      const tmp = tempFileOf(file);
      const out = await open(tmp, "w");
      let dropped = 0;
      let written = 0;
      try {
        let buffer: string[] = [];
        // one write at a time (a file handle must not take overlapping writes), in batches
        let writing: Promise<unknown> = Promise.resolve();
        const write = (lines: string[]) => {
          const bytes = Buffer.from(lines.join(""), "utf8");
          written += bytes.length;
          writing = writing.then(() => writeAll(out, bytes, tmp));
          writing.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
          return writing;
        };
        await replay((event) => {
          const kept = map(event);
          if (kept === undefined) dropped++;
          else buffer.push(JSON.stringify(kept) + "\n");
          if (buffer.length >= 10_000) {
            void write(buffer); // chained on `writing`, which the last write below awaits
            buffer = [];
          }
        });
        await write(buffer);
        await out.sync();
      } catch (err) {
        // a full disk: the log stays as it was, and the half-written copy must not hold the space
        await out.close().catch(() => undefined);
        await unlink(tmp).catch(() => undefined);
        throw err;
      }
      await out.close();
      await handle.close();
      await rename(tmp, file);
      await syncDir(dirname(file), open);
      handle = await open(file, "a");
      size = written;
      torn = false;
      return dropped;
    },
    close: () => handle.close(),
  };
}

/** Cuts a torn last line off and returns the last event's seq (reads only the file's tail). */
async function recoverTail(file: string): Promise<number> {
  let handle: FileHandle;
  try {
    handle = await openRead(file, "r");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw new StoreFileError(file, (err as Error).message);
  }
  try {
    const { size } = await handle.stat();
    for (let span = 64 * 1024; ; span *= 4) {
      const from = Math.max(0, size - span);
      const buf = Buffer.alloc(size - from);
      await handle.read(buf, 0, buf.length, from);
      const end = buf.lastIndexOf(0x0a);
      // the last complete line must start inside what was read: else read further back
      const start = end === -1 ? -1 : buf.lastIndexOf(0x0a, end - 1);
      if (from > 0 && start === -1) continue;
      if (end !== buf.length - 1) await truncate(file, from + end + 1);
      if (end === -1) return 0;
      try {
        return (JSON.parse(buf.subarray(start + 1, end).toString("utf8")) as LoggedEvent).seq;
      } catch {
        throw new StoreFileError(file, "its last line is damaged");
      }
    }
  } finally {
    await handle.close();
  }
}
