import { addDays, isLocalDate } from "./zoned-time.js";

/** A date as staff type it, read against today (`YYYY-MM-DD` in the community zone). */
export type TypedDate = { date: string } | { error: "bad-date"; value: string } | { error: "past" };

const RELATIVE: Record<string, number> = { 今天: 0, 今日: 0, today: 0, 明天: 1, 明日: 1, tomorrow: 1, 后天: 2, 後天: 2 };

/**
 * Reads `2026-06-05`, `2026/6/5`, `6月5日` (`6月5号`), `6-5`, `6/5`, 今天 / 明天 / 后天, today /
 * tomorrow. A month and day without a year mean the next such day from today (6-5 typed in
 * December is next June). A date before today is `past`; anything else unreadable is `bad-date`.
 */
export function parseTypedDate(typed: string, today: string): TypedDate {
  const value = typed.trim();
  const word = RELATIVE[value.toLowerCase()];
  if (word !== undefined) return { date: addDays(today, word) };
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
  if (full) return checked(Number(full[1]), Number(full[2]), Number(full[3]), today, value);
  const short = /^(\d{1,2})(?:月(\d{1,2})[日号]?|[-/.](\d{1,2}))$/.exec(value);
  if (!short) return { error: "bad-date", value };
  const month = Number(short[1]);
  const day = Number(short[2] ?? short[3]);
  const year = Number(today.slice(0, 4));
  const thisYear = checked(year, month, day, today, value);
  // a month and day already gone this year mean next year's
  return "error" in thisYear && thisYear.error === "past" ? checked(year + 1, month, day, today, value) : thisYear;
}

function checked(year: number, month: number, day: number, today: string, value: string): TypedDate {
  const date = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (!isLocalDate(date)) return { error: "bad-date", value };
  return date < today ? { error: "past" } : { date };
}
