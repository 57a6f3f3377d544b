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
