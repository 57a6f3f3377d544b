import { parseCompoundList, type Compound } from "../../domain/compounds.js";
import type { EventArgs, EventArgsError } from "../../domain/event-args.js";
import { MAX_EVENT_CAPACITY, MAX_EVENT_PLACE, MAX_EVENT_TITLE } from "../../domain/event-args.js";
import { escapeHtml } from "../../domain/html.js";
import type { LocalDate } from "../../domain/notice.js";
import { formatDate } from "../../domain/notice-text.js";
import { instantOf } from "../../domain/office-args.js";
import type { Locale, Localized, Translate } from "../../domain/translate.js";
import { localToInstant } from "../../domain/zoned-time.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { CompoundsRepo } from "../../store/compounds-repo.js";
import type { NoticesRepo } from "../../store/notices-repo.js";
import type { ScheduledRepo } from "../../store/scheduled-repo.js";

/** What the one-off event commands need (built by createApp). */
export interface EventServices {
  notices: NoticesRepo;
  compounds: CompoundsRepo;
  scheduled: ScheduledRepo;
  outbox: Outbox;
  /** the words of a language (the conversation's context has no ctx.t of its own) */
  translate: (locale: Locale) => Translate;
  /** an occurrence's announcement in both languages, HTML (the reminders' renderer) */
  render: (ref: { noticeId: string; date: LocalDate }) => Localized | Promise<Localized>;
  now: () => Date;
  timezone: string;
  /** after a notice's capacity changed: promotes from its waitlists whoever now fits, and tells them */
  capacityChanged?: (noticeId: string) => Promise<unknown>;
}

/** An event checked and ready to confirm: the typed arguments with the compounds resolved. */
export interface EventDraft extends Omit<EventArgs, "to"> {
  to?: string[];
}

/** The message for an argument error, in the user's language. */
export function eventError(t: Translate, e: EventArgsError): string {
  const value = "value" in e ? escapeHtml(e.value) : "";
  const name = "name" in e ? escapeHtml(e.name) : "";
  return t(`event-error-${e.error}`, { value, name, max: e.error === "place-long" ? MAX_EVENT_PLACE : e.error === "bad-cap" ? MAX_EVENT_CAPACITY : MAX_EVENT_TITLE });
}

/** Resolves `to=`: the compound ids, or the message naming the unknown ones. */
export function resolveTo(t: Translate, locale: Locale, compounds: readonly Compound[], to: string | undefined): { ids?: string[] } | { error: string } {
  if (to === undefined) return {};
  const parsed = parseCompoundList(compounds, to);
  if ("ids" in parsed) return { ids: parsed.ids };
  const list = compounds.map((c) => `${escapeHtml(c.name[locale])} (${c.id})`).join("、");
  return { error: t("office-unknown-compound", { names: escapeHtml(parsed.unknown.join("、")), list }) };
}

/** The preview of a draft: what, when, where, how many places, who gets it and when. */
export async function eventPreview(s: EventServices, t: Translate, locale: Locale, d: EventDraft, ask = true): Promise<string> {
  const count = (await s.compounds.recipients(d.to)).length;
  const all = await s.compounds.list();
  const names = d.to?.map((id) => all.find((c) => c.id === id)?.name[locale] ?? id).join("、");
  const lines = [
    t("event-preview-title"),
    t("event-line-title", { title: escapeHtml(d.title) }),
    t("event-line-date", { date: formatDate(localToInstant(d.date, d.time, s.timezone), s.timezone, locale) }),
  ];
  if (d.place) lines.push(t("event-line-place", { place: escapeHtml(d.place) }));
  lines.push(d.capacity ? t("event-line-cap", { cap: d.capacity }) : t("event-line-no-cap"));
  lines.push(names ? t("event-line-to", { count, names: escapeHtml(names) }) : t("event-line-all", { count }));
  if (d.at) lines.push(t("event-line-at", { at: formatDate(instantOf(d.at, s.timezone), s.timezone, locale) }));
  if (ask) lines.push("", t("event-preview-ask"));
  return lines.join("\n");
}

/**
 * Confirms a draft: stores the event (`e<N>`) and announces it with its sign-up buttons to its
 * audience now, or keeps the announcement for `at=` (the scheduled-broadcast path). Reminders that
 * fell due before the announcement are marked sent: it says the same. The staff member's answer.
 */
export async function confirmEvent(s: EventServices, d: EventDraft, by: { userId: number; chatId: number; locale: Locale }): Promise<string> {
  const t = s.translate(by.locale);
  const text = { zh: s.translate("zh")("event-default-text"), en: s.translate("en")("event-default-text") };
  const event = await s.notices.createEvent({
    date: d.date,
    time: d.time,
    title: d.title,
    text,
    ...(d.place ? { place: d.place } : {}),
    ...(d.capacity ? { capacity: d.capacity } : {}),
    ...(d.to ? { to: d.to } : {}),
  });
  const html = await s.render({ noticeId: event.id, date: d.date });
  const occurrenceId = `${event.id}:${d.date}`;
  const progress = { chatId: by.chatId, lang: by.locale };
  if (d.at) {
    const at = instantOf(d.at, s.timezone);
    await s.scheduled.schedule({ at: at.toISOString(), createdBy: by.userId, text: d.title, html, occurrenceId, ...(d.to ? { to: d.to } : {}), progress });
    return t("event-confirmed-at", { id: event.id, at: formatDate(at, s.timezone, by.locale) });
  }
  await s.notices.markDueSent(event.id, s.now());
  const recipients = await s.compounds.recipients(d.to);
  await s.outbox.enqueue({ kind: "notice", key: `event:${event.id}`, text: html, occurrenceId, recipients, createdBy: by.userId, progress });
  return t("event-confirmed", { id: event.id, count: recipients.length });
}
