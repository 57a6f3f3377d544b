/** Publishing a health-bulletin issue from the chat: the command's parts, its month, its languages. */
import type { Bulletin, BulletinFile, LocalDate, NoticeDef } from "./notice.js";
import { noticeDatesBetween } from "./occurrences.js";
import type { Locale } from "./translate.js";
import { daysInMonth } from "./zoned-time.js";

/** One language of an issue as staff gave it. */
export interface IssueVersion {
  title: string;
  body: string;
  file?: BulletinFile;
}

/** An issue as the store keeps it: the versions given, by language. */
export interface StoredIssue {
  id: string;
  publishOn: LocalDate;
  zh?: IssueVersion & { by: number; at: string };
  en?: IssueVersion & { by: number; at: string };
}

/** What `/bulletin [YYYY-MM] [lang=zh|en] <title>` + lines says. */
export interface BulletinCommand {
  /** as typed, not checked yet */
  month?: string;
  lang?: Locale;
  title: string;
  body: string;
}

const MONTH_TOKEN = /^\d{4}-\d{1,2}$/;
const LANG_TOKEN = /^lang=(zh|en)$/i;

/** Splits the command's text (after `/bulletin`): first line month, language, title; the rest the body. */
export function parseBulletinCommand(args: string): BulletinCommand {
  const [first = "", ...rest] = args.replace(/\r\n?/g, "\n").split("\n");
  const words = first.trim().split(/\s+/).filter((w) => w !== "");
  const out: BulletinCommand = { title: "", body: "" };
  while (words.length > 0) {
    const word = words[0] ?? "";
    if (out.month === undefined && MONTH_TOKEN.test(word)) out.month = word;
    else if (out.lang === undefined && LANG_TOKEN.test(word)) out.lang = word.slice(5).toLowerCase() as Locale;
    else break;
    words.shift();
  }
  out.title = words.join(" ");
  out.body = rest.join("\n").replace(/^\s*\n/, "").trimEnd();
  return out;
}

/** The language a text is written in: Chinese when Han characters outweigh Latin words. */
export function detectLocale(text: string): Locale {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return han * 3 >= latin && han > 0 ? "zh" : "en";
}

/** `2027-3` → `2027-03`; undefined when it is no real month. */
export function normalizeMonth(month: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})$/.exec(month);
  if (!m) return undefined;
  const n = Number(m[2]);
  return n >= 1 && n <= 12 ? `${m[1]}-${String(n).padStart(2, "0")}` : undefined;
}

/** The date the bulletin notice publishes an issue in `month` (`YYYY-MM`): its first date that month. */
export function issueDateIn(notice: NoticeDef, month: string): LocalDate | undefined {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return noticeDatesBetween(notice, `${month}-01`, `${month}-${String(daysInMonth(y, m)).padStart(2, "0")}`)[0];
}

/** The months (1–12) of a year in which the bulletin notice publishes, for error messages. */
export function issueMonthsOf(notice: NoticeDef, year: number): number[] {
  const months: number[] = [];
  for (let m = 1; m <= 12; m++) if (issueDateIn(notice, `${year}-${String(m).padStart(2, "0")}`)) months.push(m);
  return months;
}

/** The first month from `today` whose issue date has not passed and whose issue was not sent. */
export function defaultIssueMonth(notice: NoticeDef, today: LocalDate, sent: (date: LocalDate) => boolean): string | undefined {
  let [y, m] = today.split("-").map(Number) as [number, number];
  for (let i = 0; i < 36; i++) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    const date = issueDateIn(notice, month);
    if (date && date >= today && !sent(date)) return month;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return undefined;
}

/** A stored issue as the notice reads it: a language not given reads the other one. */
export function bulletinOf(issue: StoredIssue): Bulletin {
  const zh = issue.zh ?? issue.en;
  const en = issue.en ?? issue.zh;
  if (!zh || !en) throw new Error(`bulletin ${issue.id} has no version`);
  const languages = (["zh", "en"] as const).filter((l) => issue[l] !== undefined);
  const file: Bulletin["file"] = {};
  if (zh.file) file.zh = zh.file;
  if (en.file) file.en = en.file;
  const latest = [issue.zh, issue.en].filter((v) => v !== undefined).sort((a, b) => (a.at < b.at ? 1 : -1))[0];
  return {
    id: issue.id,
    publishOn: issue.publishOn,
    title: { zh: zh.title, en: en.title },
    body: { zh: zh.body, en: en.body },
    ...(zh.file || en.file ? { file } : {}),
    languages,
    ...(latest ? { publishedBy: latest.by } : {}),
  };
}
