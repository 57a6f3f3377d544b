/** The options staff put before a text (`to=…`, `at=…`, `place=…`, `cap=…`), read off the front. */
import { isLocalDate, isLocalTime, localToInstant } from "./zoned-time.js";

/** A local date and time typed after `at=` (`2026-12-05 19:00`). */
export interface LocalAt {
  date: string;
  time: string;
}

/** An option given twice. */
export type OptionError = { error: "twice"; name: string };

/** What `readOptions` returns: the options found (raw values) and the text after them. */
export interface ReadOptions {
  options: Record<string, string>;
  rest: string;
}

/** `at=` takes a date, a space (or `T`) and a time: both are part of the value. */
const AT = /^at=(\S+)(?:[ T](\d{1,2}:\d{2}))?(?=\s|$)/i;
const OPTION = /^([a-z]+)=("[^"]*"|“[^”]*”|\S+)(?=\s|$)/i;

/**
 * Reads `name=value` options off the front of a text, for the names allowed; the first word that is
 * not one of them starts the text (kept as typed, newlines included). A value may be quoted ("…" or
 * “…”) to hold spaces; `at=` takes `YYYY-MM-DD HH:MM`.
 */
export function readOptions(input: string, allowed: readonly string[]): ReadOptions | OptionError {
  const options: Record<string, string> = {};
  let rest = input.trimStart();
  for (;;) {
    const at = AT.exec(rest);
    const m = at ?? OPTION.exec(rest);
    const name = at ? "at" : m?.[1]?.toLowerCase();
    if (!m || name === undefined || !allowed.includes(name)) break;
    if (options[name] !== undefined) return { error: "twice", name };
    const value = at ? `${at[1]}${at[2] ? ` ${at[2]}` : ""}` : (m[2] ?? "");
    options[name] = value.replace(/^["“](.*)["”]$/s, "$1");
    rest = rest.slice(m[0].length).trimStart();
  }
  return { options, rest };
}

/** A typed `YYYY-MM-DD HH:MM` (hour may be one digit), or undefined when it is not a real date and time. */
export function parseLocalAt(value: string): LocalAt | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const time = `${m[2]!.padStart(2, "0")}:${m[3]}`;
  return isLocalDate(m[1]!) && isLocalTime(time) ? { date: m[1]!, time } : undefined;
}

/** The instant of a local date and time in a zone. */
export function instantOf(at: LocalAt, tz: string): Date {
  return localToInstant(at.date, at.time, tz);
}
