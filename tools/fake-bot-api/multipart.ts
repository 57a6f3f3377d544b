/**
 * Just enough multipart/form-data to read what grammY uploads. Node's `Request.formData()` refuses
 * grammY's parts (unquoted `filename=`, no space after the header colon), so we split it ourselves.
 */
export interface UploadedFile {
  filename: string;
  contentType: string;
  size: number;
  bytes: Buffer;
}

const HEADER_END = Buffer.from("\r\n\r\n");

function dispositionParam(header: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}=(?:"([^"]*)"|([^;]*))`, "i").exec(header);
  return m === null ? undefined : (m[1] ?? m[2] ?? "").trim();
}

/** The form's fields; file parts become UploadedFile and replace the `attach://id` values that name them. */
export function parseMultipart(body: Buffer, contentType: string): Record<string, unknown> | undefined {
  const b = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = b?.[1] ?? b?.[2];
  if (boundary === undefined) return undefined;
  const delimiter = Buffer.from(`--${boundary.trim()}`);
  const fields: Record<string, unknown> = {};
  const files = new Map<string, UploadedFile>();
  let pos = body.indexOf(delimiter);
  if (pos === -1) return undefined;
  for (;;) {
    pos += delimiter.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing "--"
    const headerStart = pos + 2; // CRLF after the delimiter
    const headerEnd = body.indexOf(HEADER_END, headerStart);
    if (headerEnd === -1) return undefined;
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), headerEnd);
    if (next === -1) return undefined;
    const headers = body.toString("utf8", headerStart, headerEnd).split("\r\n");
    const disposition = headers.find((h) => /^content-disposition\s*:/i.test(h)) ?? "";
    const type = headers.find((h) => /^content-type\s*:/i.test(h))?.replace(/^[^:]*:\s*/, "") ?? "application/octet-stream";
    const name = dispositionParam(disposition, "name") ?? "";
    const filename = dispositionParam(disposition, "filename");
    const data = body.subarray(headerEnd + 4, next);
    if (filename !== undefined) {
      const file = { filename, contentType: type, size: data.length, bytes: Buffer.from(data) };
      files.set(name, file);
      fields[name] = file;
    } else {
      fields[name] = data.toString("utf8");
    }
    pos = next + 2;
  }
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string" && v.startsWith("attach://")) {
      const file = files.get(v.slice(9));
      if (file) {
        fields[k] = file;
        delete fields[v.slice(9)];
      }
    }
  }
  return fields;
}
