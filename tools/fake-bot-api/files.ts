/**
 * The files the fake server knows, as Telegram does: a file_id is only good if the bot received it
 * in an update or got it back from an upload; sending it with the wrong method (a document's id to
 * sendPhoto) is refused, as Telegram refuses it.
 */
import type { Message } from "grammy/types";
import type { ApiReply } from "./faults.js";

export type FileKind = "photo" | "document" | "video" | "audio" | "voice" | "animation" | "sticker" | "video_note";

export interface KnownFile {
  kind: FileKind;
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface FileRegistry {
  /** Remembers the files of a message (a user's, or one the server built). */
  observe(message: Message): void;
  /** The file a sent parameter names: a known file_id, a new upload, or an error. URLs are taken as they come. */
  resolve(kind: FileKind, value: unknown): KnownFile | ApiReply;
}

const bad = (description: string): ApiReply => ({ ok: false, error_code: 400, description: `Bad Request: ${description}` });
const URL_RE = /^https?:\/\//i;

export function createFileRegistry(): FileRegistry {
  const byId = new Map<string, KnownFile>();
  let uploads = 0;
  const remember = (kind: FileKind, f: Omit<KnownFile, "kind">): void => {
    byId.set(f.file_id, { kind, ...f });
  };
  const registry: FileRegistry = {
    observe(m) {
      const biggest = m.photo?.at(-1);
      if (m.photo) for (const size of m.photo) remember("photo", { file_id: size.file_id, file_unique_id: biggest?.file_unique_id ?? size.file_unique_id });
      for (const kind of ["document", "video", "audio", "voice", "animation", "sticker", "video_note"] as const) {
        const f = m[kind] as Omit<KnownFile, "kind"> | undefined;
        if (f?.file_id) remember(kind, f);
      }
    },
    resolve(kind, value) {
      if (typeof value === "string") {
        if (URL_RE.test(value) || value.startsWith("attach://")) return { kind, file_id: `${kind}-url-${++uploads}`, file_unique_id: `uurl${uploads}` };
        const known = byId.get(value);
        if (!known) return bad("wrong file identifier/HTTP URL specified");
        if (known.kind !== kind) return bad("type of file mismatch");
        return known;
      }
      const f = typeof value === "object" && value !== null ? (value as { filename?: unknown; size?: unknown; contentType?: unknown }) : {};
      const file: KnownFile = { kind, file_id: `${kind}-${++uploads}`, file_unique_id: `u${kind}${uploads}` };
      if (typeof f.filename === "string") file.file_name = f.filename;
      if (typeof f.size === "number") file.file_size = f.size;
      byId.set(file.file_id, file);
      return file;
    },
  };
  return registry;
}

/** The part of a message that carries a known file (as Telegram returns it). */
export function fileField(file: KnownFile): Record<string, unknown> {
  const { kind, ...info } = file;
  if (kind === "photo") return { photo: [{ file_id: info.file_id, file_unique_id: info.file_unique_id, width: 800, height: 600 }] };
  return { [kind]: info };
}
