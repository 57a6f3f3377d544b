import { NOTICE_WORDS } from "./campaign/question-words.js";
import type { NoticeDef } from "./notice.js";
import type { Locale } from "./translate.js";

/** Typed text for matching: NFKC (full-width → ASCII), lower case, single spaces. */
const normalize = (s: string): string => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
/** Without spaces, underscores and hyphens: "pest control" is "pest-control" is "pestcontrol". */
const compact = (s: string): string => s.replace(/[\s_-]+/g, "");

/** Every name a notice is known by: its id, both titles, and the words residents use for it. */
function namesOf(notice: NoticeDef): string[] {
  return [notice.id, notice.title.zh, notice.title.en, ...(NOTICE_WORDS[notice.id] ?? [])].map((w) => compact(normalize(w))).filter((w) => w.length > 0);
}

/**
 * The notice a staff member means by `word`: its id, its Chinese or English title, or a common
 * name ("卫生日", "周末卫生日", "pest control", "Pest Control Day"), as `/record` takes a metric's
 * alias. A name shared by several notices resolves to none; so does anything else: the caller then
 * lists the valid names ({@link noticeNameList}).
 */
export function resolveNoticeName<N extends NoticeDef>(word: string, notices: readonly N[]): N | undefined {
  const n = compact(normalize(word));
  if (n.length === 0 || n.length > 80) return undefined;
  const byId = notices.find((x) => x.id === normalize(word));
  if (byId) return byId;
  const found = notices.filter((x) => namesOf(x).includes(n));
  return found.length === 1 ? found[0] : undefined;
}

/** The valid names for a message: `cleanup-day（周末卫生日）、pest-control（除四害日）` / `cleanup-day (Weekend cleanup day), …`. Not escaped. */
export function noticeNameList(notices: readonly NoticeDef[], locale: Locale): string {
  return notices.map((x) => (locale === "zh" ? `${x.id}（${x.title.zh}）` : `${x.id} (${x.title.en})`)).join(locale === "zh" ? "、" : ", ");
}

/**
 * Splits command arguments into a notice name of one or more words and the rest, which starts at
 * the first date (`YYYY-MM-DD`) or number: `pest control 2026-11-11 123` → `pest control`, `[2026-11-11, 123]`.
 */
export function splitNoticeArgs(args: readonly string[]): { name: string; rest: string[] } {
  const at = args.findIndex((a) => /^\d{4}-\d{2}-\d{2}$/.test(a) || /^\d+$/.test(a));
  const cut = at < 0 ? args.length : at;
  return { name: args.slice(0, cut).join(" "), rest: args.slice(cut) };
}

/** A command's arguments: the notice named first (an id, or a title of several words), and the words after it. */
export function parseNoticeWords<N extends NoticeDef>(args: string, notices: readonly N[]): { notice: N | undefined; name: string; rest: string[] } {
  const words = args.split(/\s+/).filter(Boolean);
  const first = resolveNoticeName(words[0] ?? "", notices);
  if (first) return { notice: first, name: words[0] ?? "", rest: words.slice(1) };
  const { name, rest } = splitNoticeArgs(words);
  return { notice: resolveNoticeName(name, notices), name, rest };
}
