/** The span a report covers: a calendar month or year in the community time zone. */
export interface ReportPeriod {
  kind: "month" | "year";
  /** `YYYY-MM` or `YYYY` */
  key: string;
  year: number;
  /** first local date, `YYYY-MM-DD` */
  from: string;
  /** first local date after it (exclusive) */
  until: string;
  /** the `YYYY-MM` keys of its months */
  months: string[];
}

const pad = (n: number): string => String(n).padStart(2, "0");

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
}

/**
 * Parses the argument of /report: "" (the year of `today`), "YYYY" or "YYYY-MM". Undefined for
 * anything else (a bad month, another format, a year outside 2000–2100).
 */
export function parseReportPeriod(arg: string, today: string): ReportPeriod | undefined {
  const text = arg.trim() === "" ? today.slice(0, 4) : arg.trim();
  const year = /^(\d{4})$/.exec(text);
  if (year) {
    const y = Number(year[1]);
    if (y < 2000 || y > 2100) return undefined;
    return { kind: "year", key: text, year: y, from: `${y}-01-01`, until: `${y + 1}-01-01`, months: Array.from({ length: 12 }, (_, i) => `${y}-${pad(i + 1)}`) };
  }
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (!month) return undefined;
  const y = Number(month[1]);
  if (y < 2000 || y > 2100) return undefined;
  return { kind: "month", key: text, year: y, from: `${text}-01`, until: `${nextMonth(text)}-01`, months: [text] };
}

/** The month before `YYYY-MM` (the monthly report on the 1st is about it). */
export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}
