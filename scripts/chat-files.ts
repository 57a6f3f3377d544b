/**
 * `npm run chat` keeps what the bot sends as files (a /export CSV, a /progress chart) so they can be
 * opened: each upload the fake Bot API received is written to a folder and its path printed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

/** What the fake Bot API's multipart reader makes of an uploaded file. */
interface Upload {
  filename?: string;
  bytes: Buffer;
}

const isUpload = (v: unknown): v is Upload => typeof v === "object" && v !== null && Buffer.isBuffer((v as { bytes?: unknown }).bytes);

/** A file name safe on every system, kept recognisable (`progress.csv`, `photo.png`). */
const safeName = (name: string): string => basename(name).replace(/[^\p{L}\p{N}._-]+/gu, "_").slice(0, 80) || "file";

/**
 * Saves the document or photo of a sendDocument / sendPhoto call into `dir` (created when needed),
 * numbered so nothing is overwritten; returns the path, or undefined when the call carried no upload
 * (a file_id or URL is not a file here).
 */
export function saveUpload(dir: string, method: string, params: Record<string, unknown>, counter: { n: number }): string | undefined {
  const upload = method === "sendDocument" ? params.document : method === "sendPhoto" ? params.photo : undefined;
  if (!isUpload(upload)) return undefined;
  mkdirSync(dir, { recursive: true });
  const fallback = method === "sendPhoto" ? "photo.png" : "document";
  const path = join(dir, `${String(++counter.n).padStart(3, "0")}-${safeName(upload.filename ?? fallback)}`);
  writeFileSync(path, upload.bytes);
  return path;
}
