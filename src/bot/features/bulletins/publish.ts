import type { Message } from "grammy/types";
import {
  bulletinOf,
  defaultIssueMonth,
  detectLocale,
  issueDateIn,
  issueMonthsOf,
  normalizeMonth,
  parseBulletinCommand,
  type StoredIssue,
} from "../../../domain/bulletin-issue.js";
import { escapeHtml, MAX_CAPTION_LENGTH, MAX_MESSAGE_LENGTH, visibleLength } from "../../../domain/html.js";
import type { BulletinFile, LocalDate, NoticeDef } from "../../../domain/notice.js";
import { formatDate } from "../../../domain/notice-text.js";
import { localDateOf } from "../../../domain/recurrence.js";
import { LOCALES, type Locale } from "../../../domain/translate.js";
import { renderReminder } from "../../../delivery/render-reminder.js";
import type { PublishInput } from "../../../store/bulletin-repo.js";
import type { BotContext } from "../../context.js";
import { translatorsOf } from "../../i18n.js";
import { bulletinNotice, monthLabel, releaseAt, type BulletinServices } from "./shared.js";

/** A checked publication, ready for its preview. */
export interface Draft {
  input: PublishInput;
  /** what residents of this language get: HTML, and the file it captions */
  html: string;
  file?: BulletinFile;
  /** the preview's first message (what, when, to whom, what it replaces) */
  header: string;
}

/** The file of the message, or why it cannot be an issue. */
function fileOf(msg: Message): { file?: BulletinFile; unsupported?: string } {
  const photo = msg.photo?.at(-1);
  if (photo) return { file: { type: "photo", fileId: photo.file_id } };
  const doc = msg.document;
  if (doc) {
    const pdf = doc.mime_type === "application/pdf" || /\.pdf$/i.test(doc.file_name ?? "");
    if (pdf) return { file: { type: "document", fileId: doc.file_id, ...(doc.file_name ? { fileName: doc.file_name } : {}) } };
    return { unsupported: doc.file_name ?? doc.mime_type ?? "document" };
  }
  for (const kind of ["video", "audio", "voice", "animation", "sticker", "video_note"] as const) if (msg[kind]) return { unsupported: kind };
  return {};
}

/** The month to publish for, or the reply that says why not. */
async function pickMonth(ctx: BotContext, s: BulletinServices, notice: NoticeDef, typed: string | undefined): Promise<{ month: string; date: LocalDate } | string> {
  const today = localDateOf(ctx.deps.now(), s.catalog.timezone);
  if (typed === undefined) {
    // the first issue month ahead not sent yet: each candidate the repository says went out is skipped
    const sentDates = new Set<LocalDate>();
    for (;;) {
      const month = defaultIssueMonth(notice, today, (date) => sentDates.has(date));
      const date = month ? issueDateIn(notice, month) : undefined;
      if (!month || !date) return ctx.t("bulletin-error-no-month");
      if (!(await s.repo.sent(date))) return { month, date };
      sentDates.add(date);
    }
  }
  const month = normalizeMonth(typed);
  if (!month) return ctx.t("bulletin-error-bad-month", { month: escapeHtml(typed) });
  const date = issueDateIn(notice, month);
  if (!date) {
    const months = issueMonthsOf(notice, Number(month.slice(0, 4))).join(ctx.locale === "zh" ? "、" : ", ");
    return ctx.t("bulletin-error-not-issue-month", { month: monthLabel(month, ctx.locale), months });
  }
  if (date < today) return ctx.t("bulletin-error-past", { month: monthLabel(month, ctx.locale), date: formatDate(date, s.catalog.timezone, ctx.locale) });
  if (await s.repo.sent(date)) return ctx.t("bulletin-error-sent", { month: monthLabel(month, ctx.locale) });
  return { month, date };
}

/**
 * Checks a `/bulletin` message (text, or a photo / PDF with that caption) and builds the exact
 * message residents of its language will get; a string is the error to reply instead.
 */
export async function draftFrom(ctx: BotContext, s: BulletinServices, args: string): Promise<Draft | string> {
  const notice = await bulletinNotice(s.notices);
  if (!notice) return ctx.t("bulletin-error-no-notice");
  const msg = ctx.msg as Message;
  const { file, unsupported } = fileOf(msg);
  if (unsupported !== undefined) return ctx.t("bulletin-error-file-type", { kind: escapeHtml(unsupported) });
  const cmd = parseBulletinCommand(args);
  if (cmd.title === "") return ctx.t(file ? "bulletin-usage-file" : "bulletin-usage");
  if (!file && cmd.body.trim() === "") return ctx.t("bulletin-error-empty");
  const picked = await pickMonth(ctx, s, notice, cmd.month);
  if (typeof picked === "string") return picked;
  const { month, date } = picked;
  const locale = cmd.lang ?? detectLocale(`${cmd.title}\n${cmd.body}`);
  const version = { title: cmd.title, body: cmd.body, ...(file ? { file } : {}) };
  const by = ctx.from?.id ?? msg.chat.id;
  const stored: StoredIssue = { ...((await s.repo.stored(month)) ?? { id: month, publishOn: date }), publishOn: date };
  const candidate = bulletinOf({ ...stored, [locale]: { ...version, by, at: ctx.deps.now().toISOString() } });
  const current = await s.catalog.read();
  const view = { ...current, bulletins: [...current.bulletins.filter((b) => b.id !== month), candidate] };
  const tr = translatorsOf(ctx);
  const tz = s.catalog.timezone;
  const rendered = Object.fromEntries(LOCALES.map((l) => [l, renderReminder(view, { noticeId: notice.id, date }, l, tr(l), tz)])) as Record<Locale, string>;
  const max = file ? MAX_CAPTION_LENGTH : MAX_MESSAGE_LENGTH;
  const length = Math.max(...LOCALES.map((l) => (candidate.file?.[l] ? visibleLength(rendered[l]) : 0)), visibleLength(rendered[locale]));
  if (length > max) return ctx.t(file ? "bulletin-error-caption-long" : "bulletin-error-text-long", { length: String(length), max: String(max), over: String(length - max) });
  const replaced = await s.repo.wouldReplace(month, locale);
  const other: Locale = locale === "zh" ? "en" : "zh";
  const lines = [
    ctx.t("bulletin-preview-head", { month: monthLabel(month, ctx.locale), lang: ctx.t(`bulletin-lang-${locale}`) }),
    ctx.t("bulletin-preview-when", { when: formatDate(releaseAt(notice, candidate, tz), tz, ctx.locale), count: (await s.chats.activeSubscriberIds()).length }),
    stored[other] ? ctx.t("bulletin-preview-other-given", { lang: ctx.t(`bulletin-lang-${other}`) }) : ctx.t("bulletin-preview-other-missing", { lang: ctx.t(`bulletin-lang-${other}`) }),
  ];
  if (replaced === "file") lines.push(ctx.t("bulletin-preview-replaces-file", { file: `data/bulletins/${month}.json` }));
  if (replaced === "version") lines.push(ctx.t("bulletin-preview-replaces-version", { title: escapeHtml(stored[locale]?.title ?? "") }));
  lines.push("", ctx.t("bulletin-preview-below"));
  return { input: { id: month, publishOn: date, locale, version, by }, html: rendered[locale], ...(file ? { file } : {}), header: lines.join("\n") };
}
