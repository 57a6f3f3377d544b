/**
 * A disk that fills up, for the store's `openFile` injection: the real files, with writes limited
 * to `free` bytes. Like the kernel, a write that does not fit puts part of its bytes on disk and
 * reports how many; the next write gets ENOSPC. Every call is recorded in `ops`.
 */
import { open, type FileHandle } from "node:fs/promises";
import type { OpenFile } from "../../src/store/engine/file-io.js";

export interface FullDisk {
  open: OpenFile;
  /** bytes that may still be written to the limited files (Infinity: plenty) */
  free: number;
  /** sync/datasync fail while true (a disk that cannot write back what it accepted) */
  failSync: boolean;
  /** "open <path> <flags>", "write <path> <bytes written>", "sync <path>", "truncate <path> <len>" */
  ops: string[];
}

const enospc = (path: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: "ENOSPC", errno: -28, syscall: "write" });

/** A full disk over the real one; `limited` picks the files it limits (default: all). */
export function createFullDisk(options: { free?: number; limited?: (path: string) => boolean } = {}): FullDisk {
  const limited = options.limited ?? (() => true);
  const disk: FullDisk = {
    free: options.free ?? Infinity,
    failSync: false,
    ops: [],
    open: async (path, flags) => {
      disk.ops.push(`open ${path} ${flags}`);
      return wrap(path, await open(path, flags));
    },
  };

  /** How many of `wanted` bytes fit (all, for a file not limited); takes them from `free`. */
  const take = (path: string, wanted: number): number => {
    if (!limited(path)) return wanted;
    const n = Math.min(wanted, disk.free);
    disk.free -= n;
    return n;
  };

  const write = async (path: string, real: FileHandle, data: unknown, args: unknown[]) => {
    let bytes: Buffer;
    let position: number | null | undefined;
    if (typeof data === "string") {
      bytes = Buffer.from(data, (args[1] as BufferEncoding | undefined) ?? "utf8");
      position = args[0] as number | null | undefined;
    } else {
      const buf = Buffer.from((data as Uint8Array).buffer, (data as Uint8Array).byteOffset, (data as Uint8Array).byteLength);
      const offset = typeof args[0] === "number" ? args[0] : 0;
      const length = typeof args[1] === "number" ? args[1] : buf.length - offset;
      bytes = buf.subarray(offset, offset + length);
      position = args[2] as number | null | undefined;
    }
    const n = take(path, bytes.length);
    if (n === 0 && bytes.length > 0) throw enospc(path);
    const { bytesWritten } = await real.write(bytes, 0, n, position ?? null);
    disk.ops.push(`write ${path} ${bytesWritten}`);
    return { bytesWritten, buffer: data };
  };

  const wrap = (path: string, real: FileHandle): FileHandle =>
    new Proxy(real, {
      get(target, prop) {
        if (prop === "write") return (data: unknown, ...args: unknown[]) => write(path, target, data, args);
        if (prop === "writeFile" || prop === "appendFile") {
          return async (data: string | Uint8Array) => {
            const bytes = typeof data === "string" ? Buffer.from(data) : Buffer.from(data);
            let done = 0;
            while (done < bytes.length) done += (await write(path, target, bytes.subarray(done), [])).bytesWritten;
          };
        }
        if (prop === "sync" || prop === "datasync") {
          return async () => {
            disk.ops.push(`sync ${path}`);
            if (disk.failSync) throw Object.assign(new Error(`EIO: i/o error, fsync '${path}'`), { code: "EIO" });
            await target[prop]();
          };
        }
        if (prop === "truncate") {
          return async (len?: number) => {
            disk.ops.push(`truncate ${path} ${len ?? 0}`);
            await target.truncate(len);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });

  return disk;
}
