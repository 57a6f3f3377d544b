import { InputFile, Composer } from "grammy";
import { cleanName } from "../../../domain/display-name.js";
import { parseOccurrenceId } from "../../../domain/signups/index.js";
import type { UsersRepo } from "../../../store/users-repo.js";
import type { SignupRepo } from "../../../store/signup-repo.js";
import type { BotContext } from "../../context.js";
import { staffOnly } from "../../guards.js";
import type { Locale } from "../../../domain/translate.js";
import { csvFile, csvTime, headers, type Cell, type CsvFile } from "./csv.js";
import { FlatComposer } from "../../flat-composer.js";

export type { CsvFile } from "./csv.js";

/** Who reads an export: headers in their language, times in the community's zone. */
export interface ExportReader {
  t: (key: string, args?: Record<string, string | number>) => string;
  locale: Locale;
  timezone: string;
  /** the name of a resident's compound (from /home) in the reader's language; none chosen: undefined */
  compoundOf?: (userId: number) => string | undefined;
}

/** Other features' tables for the same /export (e.g. campaign progress), built when asked. */
export type MoreExports = (reader: ExportReader) => CsvFile[] | Promise<CsvFile[]>;

/**
 * The three export tables: the sign-up log, attendance marks, and one row per volunteer. Headers in
 * the reader's language (ids keep their own columns), times local with the offset.
 */
export async function exportFiles(users: Pick<UsersRepo, "names" | "profiles">, repo: SignupRepo, reader: ExportReader): Promise<CsvFile[]> {
  const time = (iso: string | undefined | null) => csvTime(iso, reader.timezone);
  const split = (id: string) => parseOccurrenceId(id) ?? { noticeId: "", date: "" };
  const profiles = await users.profiles();
  // names as shown everywhere: without bidi controls or invisible characters
  const named = new Map<number, string>();
  const nameOf = (userId: number): string => named.get(userId) ?? `#${userId}`;
  const learn = async (ids: Iterable<number>) => {
    for (const [id, name] of await users.names([...ids].filter((id) => !named.has(id)))) named.set(id, name);
  };
  // the log is streamed from disk: one pass collects the events and counts each volunteer's joins
  const events: Array<Parameters<Parameters<SignupRepo["replayEvents"]>[0]>[0]> = [];
  const joins = new Map<number, number>();
  await repo.replayEvents((e) => {
    events.push(e);
    if (e.type === "join") joins.set(e.userId, (joins.get(e.userId) ?? 0) + 1);
  });
  const marks = await repo.attendanceMarks();
  await learn([...events.map((e) => e.userId), ...marks.map((a) => a.userId)]);
  const signups: Cell[][] = events.map((e) => {
    const { noticeId, date } = split(e.occurrenceId);
    return [e.seq, time(e.at), noticeId, date, e.userId, nameOf(e.userId), reader.compoundOf?.(e.userId), e.type, e.type === "join" ? (e.headcount ?? 1) : undefined, e.via, e.by];
  });

  const attendance: Cell[][] = marks.map((a) => {
    const { noticeId, date } = split(a.occurrenceId);
    return [noticeId, date, a.userId, nameOf(a.userId), profiles.get(a.userId)?.partyMember === true, a.heads, a.walkIn, time(a.at), a.by];
  });

  const everyone = new Set<number>([...joins.keys(), ...(await repo.volunteerIds())]);
  for (const u of profiles.values()) if (u.partyMember) everyone.add(u.id);
  const volunteers: Cell[][] = [];
  for (const id of [...everyone].sort((a, b) => a - b)) {
    const u = profiles.get(id);
    const rec = await repo.userRecord(id);
    const clean = (text: string | undefined) => (text === undefined ? undefined : cleanName(text));
    volunteers.push([id, clean(u?.firstName), clean(u?.lastName), clean(u?.username), reader.compoundOf?.(id), u?.partyMember === true, joins.get(id) ?? 0, rec.upcoming.length, rec.participation.occurrences, rec.participation.personTimes, time(u?.seenAt)]);
  }

  return [
    csvFile("signups.csv", headers(reader.t, ["seq", "at", "notice_id", "date", "user_id", "name", "compound", "event", "headcount", "via", "by"]), signups),
    csvFile("attendance.csv", headers(reader.t, ["notice_id", "date", "user_id", "name", "party_member", "heads", "walk_in", "marked_at", "marked_by"]), attendance),
    csvFile("volunteers.csv", headers(reader.t, ["user_id", "first_name", "last_name", "username", "compound", "party_member", "sign_ups", "upcoming", "attended", "person_times", "last_seen"]), volunteers),
  ];
}

/** `/export` (staff, private chat only: the files hold residents' names): one CSV document per table. */
/** Read once per export: a person's compound name in that language (read from the compounds repository). */
export type CompoundNames = (locale: Locale) => Promise<(userId: number) => string | undefined>;

export function createExportHandler(repo: SignupRepo, users: Pick<UsersRepo, "names" | "profiles">, moreExports?: MoreExports, compoundNames?: CompoundNames): Composer<BotContext> {
  const feature = new FlatComposer<BotContext>();
  feature.command("export", staffOnly, async (ctx) => {
    if (ctx.chat.type !== "private") {
      await ctx.reply(ctx.t("signup-private-only"));
      return;
    }
    const locale = ctx.locale;
    const reader: ExportReader = {
      t: (key, args) => ctx.t(key, args), locale, timezone: ctx.deps.timezone,
      ...(compoundNames ? { compoundOf: await compoundNames(locale) } : {}),
    };
    const files = [...(await exportFiles(users, repo, reader)), ...((await moreExports?.(reader)) ?? [])];
    for (const f of files) {
      await ctx.replyWithDocument(new InputFile(f.data, f.name), { caption: ctx.t("signup-export-caption", { file: f.name, rows: f.rows }) });
    }
  });
  return feature;
}
