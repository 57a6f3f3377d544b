import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { z } from "zod";
import type { Bulletin, NoticeCatalog, NoticeDef } from "../domain/notice.js";
import { NOTICE_PLACEHOLDERS, placeholdersIn } from "../domain/notice-text.js";
import { isLocalDate, isLocalTime, isRuleDate, isTimeZone } from "../domain/recurrence.js";

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "ids are 1–32 of a-z, 0-9 and -");
const time = z.string().refine(isLocalTime, "a time is HH:mm, 00:00 to 23:59");
const date = z.string().refine(isLocalDate, "a date is a real YYYY-MM-DD");
const text = z.string().trim().min(1, "text must not be empty");
/** Long texts may be written as an array of lines (joined with "\n"; "" is a blank line). */
const longText = z.union([text, z.array(z.string()).min(1)]).transform((v) => (Array.isArray(v) ? v.join("\n") : v));
const localized = z.strictObject({ zh: text, en: text });
const localizedLong = z.strictObject({ zh: longText, en: longText });
const weekday = z.literal([0, 1, 2, 3, 4, 5, 6]);

const rule = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("monthly-nth-weekday"), nth: z.literal([1, 2, 3, 4, -1]), weekday, time }),
  z.strictObject({
    kind: z.literal("monthly-day"),
    day: z.number().int().min(1).max(31),
    months: z
      .array(z.number().int().min(1).max(12))
      .min(1)
      .refine((ms) => new Set(ms).size === ms.length, "months are listed once each")
      .optional(),
    time,
  }),
  z.strictObject({ kind: z.literal("weekly"), weekday, time }),
  z.strictObject({ kind: z.literal("once"), date, time }),
]);

/** One notice as data/notices.json and the store keep it (see NoticeDef). */
export const noticeSchema = z.strictObject({
  id,
  title: localized,
  text: localizedLong,
  place: localized.optional(),
  rule,
  durationMinutes: z.number().int().min(0),
  reminders: z.array(z.strictObject({ id, dayOffset: z.number().int().min(-31).max(31), time })),
  signup: z
    .strictObject({
      enabled: z.boolean(),
      capacity: z.number().int().min(1).optional(),
      capacityByDate: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date is YYYY-MM-DD"), z.number().int().min(1)).optional(),
      cutoffMinutes: z.number().int().min(0).optional(),
      personalReminderMinutes: z.number().int().min(1).optional(),
    })
    .optional(),
  bulletin: z.boolean().optional(),
  skip: z.array(date).optional(),
  paused: z.boolean().optional(),
  to: z.array(z.string()).optional(),
});

const noticesFile = z.strictObject({
  $comment: z.string().optional(),
  timezone: z.string().refine(isTimeZone, "not an IANA time zone this runtime knows"),
  notices: z.array(noticeSchema),
});

const bulletinFile = z.strictObject({
  id: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a bulletin id is its month, YYYY-MM"),
  publishOn: date.optional(),
  title: localized,
  body: localizedLong,
});

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
      return `${path.replace(/^\./, "") || "(root)"}: ${issue.message}`;
    })
    .join("; ");
}

/** Checks that zod cannot express per field: unique ids, known placeholders (problems, in English). */
export function crossCheck(notices: NoticeDef[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const n of notices) {
    if (seen.has(n.id)) problems.push(`notice id "${n.id}" is used twice`);
    seen.add(n.id);
    for (const day of n.skip ?? []) {
      // a typo (the Friday instead of the Saturday) would otherwise skip nothing, silently
      if (!isRuleDate(n.rule, day)) problems.push(`${n.id}: skip date ${day} is not a date of this notice's rule`);
    }
    const reminderIds = n.reminders.map((r) => r.id);
    if (new Set(reminderIds).size !== reminderIds.length) problems.push(`${n.id}: a reminder id is used twice`);
    for (const lang of ["zh", "en"] as const) {
      for (const name of placeholdersIn(n.text[lang])) {
        if (!(NOTICE_PLACEHOLDERS as readonly string[]).includes(name)) {
          problems.push(`${n.id}: text.${lang} has unknown placeholder {${name}}`);
        } else if (name.startsWith("bulletin") && !n.bulletin) {
          problems.push(`${n.id}: text.${lang} uses {${name}} but the notice is not a bulletin`);
        } else if (name === "place" && !n.place) {
          problems.push(`${n.id}: text.${lang} uses {place} but the notice has no place`);
        }
      }
    }
  }
  return problems;
}

async function readJson(file: string): Promise<unknown> {
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch (e) {
    throw new Error(`${file}: cannot be read (${(e as Error).message})`);
  }
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new Error(`${file}: is not valid JSON (${(e as Error).message})`);
  }
}

async function loadBulletins(dir: string): Promise<Bulletin[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const bulletins: Bulletin[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const parsed = bulletinFile.safeParse(await readJson(file));
    if (!parsed.success) throw new Error(`${file}: ${describe(parsed.error)}`);
    if (parsed.data.id !== basename(name, ".json")) {
      throw new Error(`${file}: id "${parsed.data.id}" does not match the file name`);
    }
    bulletins.push(parsed.data);
  }
  return bulletins;
}

/**
 * Loads the scheduled notices and the bulletins from `dataDir`:
 * - `notices.json`: `{ timezone, notices: NoticeDef[] }` (an optional `$comment` is ignored);
 * - `bulletins/<YYYY-MM>.json`: one `Bulletin` per file, `id` equal to the file name; texts (and a
 *   notice's `text`) may be a string or an array of lines. A missing `bulletins/` means none.
 * Throws an Error naming the file and every problem (bad time, unknown rule kind, missing language,
 * duplicate id, unknown placeholder…), so a bad edit stops the bot at start, not at send time.
 * `timezone` (COMMUNITY_TZ) replaces the file's when given.
 */
export async function loadNoticeCatalog(dataDir: string, timezone?: string): Promise<NoticeCatalog> {
  const file = join(dataDir, "notices.json");
  const parsed = noticesFile.safeParse(await readJson(file));
  if (!parsed.success) throw new Error(`${file}: ${describe(parsed.error)}`);
  const notices: NoticeDef[] = parsed.data.notices;
  const problems = crossCheck(notices);
  if (problems.length > 0) throw new Error(`${file}: ${problems.join("; ")}`);
  // COMMUNITY_TZ, when set, wins over the file's
  return { timezone: timezone || parsed.data.timezone, notices, bulletins: await loadBulletins(join(dataDir, "bulletins")) };
}
