/** A CSV cell: text, a number, a boolean, or empty. */
export type Cell = string | number | boolean | undefined | null;

/** UTF-8 byte order mark: without it Excel opens UTF-8 CSV as the local code page and garbles Chinese. */
const BOM = "\uFEFF";

/**
 * One cell, RFC 4180: quoted when it holds a comma, a quote, CR or LF (quotes doubled). Text that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'`, since
 * names are typed by anyone. Numbers are left as numbers.
 */
export function csvCell(value: Cell): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file as bytes: BOM, header, rows, CRLF line ends (what Excel expects). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): Buffer {
  const lines = [header.map(csvCell).join(","), ...rows.map((r) => r.map(csvCell).join(","))];
  return Buffer.from(BOM + lines.join("\r\n") + "\r\n", "utf8");
}

/** One exported table, ready to send as a document. */
export interface CsvFile {
  name: string;
  rows: number;
  data: Buffer;
}

/** A named CSV file of a table (see `toCsv`). */
export function csvFile(name: string, header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): CsvFile {
  return { name, rows: rows.length, data: toCsv(header, rows) };
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as people in the community read it, with the zone's offset so a spreadsheet elsewhere
 * stays unambiguous: `2026-12-05 15:52 +08:00`. Empty for a missing or bad instant.
 */
export function csvTime(iso: string | undefined | null, tz: string): string {
  if (iso === undefined || iso === null) return "";
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  let fmt = offsetFormats.get(tz);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", timeZoneName: "longOffset" });
    offsetFormats.set(tz, fmt);
  }
  const parts = fmt.formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? "";
  const offset = get("timeZoneName").replace(/^GMT/, "") || "+00:00";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")} ${offset}`;
}

/** Column headers in the reader's language: `export-col-<id>` of each column id. */
export function headers(t: (key: string) => string, ids: readonly string[]): string[] {
  return ids.map((id) => t(`export-col-${id.replace(/_/g, "-")}`));
}
