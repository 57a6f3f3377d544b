/** `/event <YYYY-MM-DD> <HH:MM> <title> [place=…] [cap=N] [to=…] [at=YYYY-MM-DD HH:MM]`, read and checked. */
import { parseLocalAt, readOptions, type LocalAt } from "./office-args.js";
import { isLocalDate, isLocalTime, localToInstant } from "./zoned-time.js";

/** Longest title (it heads the announcement and labels buttons). */
export const MAX_EVENT_TITLE = 100;
/** Longest place. */
export const MAX_EVENT_PLACE = 200;
/** More places than this is a typo. */
export const MAX_EVENT_CAPACITY = 10_000;

/** An event as typed, checked but for the compounds (the caller knows them). */
export interface EventArgs {
  date: string;
  time: string;
  title: string;
  place?: string;
  capacity?: number;
  /** the raw `to=` list */
  to?: string;
  at?: LocalAt;
}

/** What is wrong, for the caller to say in the user's language. */
export type EventArgsError =
  | { error: "usage" }
  | { error: "twice"; name: string }
  | { error: "bad-date" | "bad-time" | "bad-cap" | "bad-at"; value: string }
  | { error: "past" | "title-empty" | "title-long" | "place-long" | "at-past" | "at-after" };

const OPTION_START = /(?:^|\s)(place|cap|to|at)=/i;

/** A typed time, `H:MM` or `HH:MM`, as `HH:MM`; undefined when not a real time. */
export function normalizeTime(value: string): string | undefined {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(value.trim());
  const time = m ? `${m[1]!.padStart(2, "0")}:${m[2]}` : "";
  return isLocalTime(time) ? time : undefined;
}

/** Checks a date: a real `YYYY-MM-DD`, and the event not yet begun at `now`. */
export function checkEventDate(date: string, time: string, tz: string, now: Date): EventArgsError | undefined {
  if (!isLocalDate(date)) return { error: "bad-date", value: date };
  return localToInstant(date, time, tz).getTime() <= now.getTime() ? { error: "past" } : undefined;
}

/** Checks a title: not empty, not over MAX_EVENT_TITLE characters; the trimmed title or the error. */
export function checkTitle(title: string): string | EventArgsError {
  const t = title.trim().replace(/\s+/g, " ");
  if (t === "") return { error: "title-empty" };
  return [...t].length > MAX_EVENT_TITLE ? { error: "title-long" } : t;
}

/** Checks a capacity: a whole number from 1 to MAX_EVENT_CAPACITY. */
export function parseCapacity(value: string): number | EventArgsError {
  const n = /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= MAX_EVENT_CAPACITY ? n : { error: "bad-cap", value };
}

/** Splits the title from the options after (or before) it. */
function split(rest: string): { title: string; options: Record<string, string> } | EventArgsError {
  const allowed = ["place", "cap", "to", "at"];
  const front = readOptions(rest, allowed);
  if ("error" in front) return { error: "twice", name: front.name };
  const m = OPTION_START.exec(front.rest);
  const title = m ? front.rest.slice(0, m.index) : front.rest;
  const tail = m ? readOptions(front.rest.slice(m.index), allowed) : { options: {}, rest: "" };
  if ("error" in tail) return { error: "twice", name: tail.name };
  for (const name of Object.keys(tail.options)) if (front.options[name] !== undefined) return { error: "twice", name };
  // anything after the options is part of a place or title typed without quotes: say how to write it
  if (tail.rest.trim() !== "") return { error: "usage" };
  return { title, options: { ...front.options, ...tail.options } };
}

/** Reads the arguments of `/event …` at `now` in the zone `tz`. */
export function parseEventArgs(input: string, tz: string, now: Date): EventArgs | EventArgsError {
  const m = /^\s*(\S+)\s+(\S+)\s+([\s\S]*)$/.exec(input);
  if (!m) return { error: "usage" };
  const date = m[1]!;
  const time = normalizeTime(m[2]!);
  if (!isLocalDate(date)) return { error: "bad-date", value: date };
  if (!time) return { error: "bad-time", value: m[2]! };
  const dateError = checkEventDate(date, time, tz, now);
  if (dateError) return dateError;
  const parts = split(m[3]!);
  if ("error" in parts) return parts;
  const title = checkTitle(parts.title);
  if (typeof title !== "string") return title;
  const args: EventArgs = { date, time, title };
  const { place, cap, to, at } = parts.options;
  if (place !== undefined) {
    if ([...place.trim()].length > MAX_EVENT_PLACE) return { error: "place-long" };
    if (place.trim() !== "") args.place = place.trim();
  }
  if (cap !== undefined) {
    const n = parseCapacity(cap);
    if (typeof n !== "number") return n;
    args.capacity = n;
  }
  if (to !== undefined) args.to = to;
  if (at !== undefined) {
    const local = checkAt(at, date, time, tz, now);
    if ("error" in local) return local;
    args.at = local;
  }
  return args;
}

/** Reads an announcement time `YYYY-MM-DD HH:MM` for an event at `date time`: later than now, before the event. */
export function checkAt(at: string, date: string, time: string, tz: string, now: Date): NonNullable<EventArgs["at"]> | EventArgsError {
  const local = parseLocalAt(at);
  if (!local) return { error: "bad-at", value: at };
  const instant = localToInstant(local.date, local.time, tz).getTime();
  if (instant <= now.getTime()) return { error: "at-past" };
  if (instant >= localToInstant(date, time, tz).getTime()) return { error: "at-after" };
  return local;
}
