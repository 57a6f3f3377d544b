import { escapeHtml } from "../../domain/html.js";
import type { NoticeDef } from "../../domain/notice.js";
import { formatDate } from "../../domain/notice-text.js";
import type { Locale, Translate } from "../../domain/translate.js";
import type { BroadcastSummary } from "../../store/deliveries-repo.js";

const EXCERPT = 40;

/** The first words of a stored HTML text, as plain text. */
export function excerpt(html: string): string {
  const plain = html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...plain];
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join("")}…` : plain;
}

/** What staff read on a delivery's line of /stats. */
export interface LabelContext {
  /** staff names by id (`UsersRepo.names`) */
  names: ReadonlyMap<number, string>;
  /** the notices (`NoticesRepo.list`), to name a notice's deliveries */
  notices?: readonly NoticeDef[];
  t: Translate;
  locale: Locale;
}

/**
 * A delivery as staff know it, escaped HTML: a notice by its name and the date of its event (not
 * the idempotency key `cleanup-day:2026-12-26:eve:now:1796…`), whether staff sent it with /sendnow;
 * an announcement by its first words and the name of the staff member who sent it.
 */
export function broadcastLabel(b: BroadcastSummary, c: LabelContext): string {
  const kind = c.t(`stats-kind-${b.kind}`);
  const occurrence = b.occurrenceId ?? occurrenceOfKey(b.key);
  const notice = occurrence ? c.notices?.find((n) => n.id === noticeIdOf(occurrence)) : undefined;
  let about: string;
  if (notice && occurrence) {
    const date = occurrence.slice(occurrence.lastIndexOf(":") + 1);
    about = c.t("stats-notice-on", { title: escapeHtml(notice.title[c.locale]), date: escapeHtml(formatDate(date, "UTC", c.locale)) });
    if (b.key?.includes(":now:")) about += c.t("stats-sent-now");
  } else {
    about = escapeHtml(excerpt(b.text[c.locale]));
  }
  const by = b.createdBy !== undefined ? c.t("stats-sent-by", { name: escapeHtml(c.names.get(b.createdBy) ?? `#${b.createdBy}`) }) : "";
  return `${kind}: ${about}${by}`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `cleanup-day:2026-12-26` from a key holding an occurrence (`…:eve`, `…:personal`, `…:eve:now:<ts>`, `promoted:…`). */
function occurrenceOfKey(key: string | undefined): string | undefined {
  const parts = key?.split(":") ?? [];
  const at = parts.findIndex((p) => DATE.test(p));
  return at > 0 ? `${parts[at - 1]}:${parts[at]}` : undefined;
}

const noticeIdOf = (occurrenceId: string): string => occurrenceId.slice(0, occurrenceId.lastIndexOf(":"));
