import { open, type FileHandle } from "node:fs/promises";

/**
 * Opens a file the store writes: `fs.promises.open`, or in tests a disk that fills up. Everything
 * the store appends or replaces goes through one of these, so a test can make any write fail.
 */
export type OpenFile = (path: string, flags: string) => Promise<FileHandle>;

/** The real file system. */
export const openFile: OpenFile = (path, flags) => open(path, flags);

/** A write that could not put all its bytes on disk (a full disk hands back part of a write). */
export class ShortWriteError extends Error {
  readonly code = "ENOSPC";
  constructor(file: string, written: number, wanted: number) {
    super(`ENOSPC: only ${written} of ${wanted} bytes could be written to ${file}`);
    this.name = "ShortWriteError";
  }
}

/**
 * Writes every byte at the file's current position (the end, for a file opened to append). One
 * `write` may put only part of the bytes on disk when it fills up: the rest is written on, and a
 * write that makes no progress is an error. Either all bytes are written or it throws, and then
 * the caller must cut the file back to where it was.
 */
export async function writeAll(handle: FileHandle, bytes: Uint8Array, file: string): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
    if (bytesWritten <= 0) throw new ShortWriteError(file, done, bytes.length);
    done += bytesWritten;
  }
}
