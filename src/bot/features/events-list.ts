import { InlineKeyboard } from "grammy";
import { escapeHtml, truncate } from "../../domain/html.js";
import type { NoticeDef } from "../../domain/notice.js";
import { formatDate } from "../../domain/notice-text.js";
import { nextOccurrence } from "../../domain/recurrence.js";
import { localDateOf } from "../../domain/zoned-time.js";
import type { CompoundsRepo } from "../../store/compounds-repo.js";
import type { NoticesRepo } from "../../store/notices-repo.js";
import type { ScheduledRepo } from "../../store/scheduled-repo.js";
import type { BotContext } from "../context.js";
import { compoundNames } from "./broadcast-draft.js";

export interface EventsListServices {
  scheduled: ScheduledRepo;
  compounds: CompoundsRepo;
  notices: NoticesRepo;
}

/** The most waiting broadcasts and notices listed (one button each). */
const MAX_LISTED = 20;

/** One notice's line: id, title, next date (or paused), places. */
function noticeLine(ctx: BotContext, n: NoticeDef): string {
  const tz = ctx.deps.timezone;
  const next = nextOccurrence({ ...n, paused: false }, tz, ctx.deps.now());
  const when = next ? formatDate(next.startsAt, tz, ctx.locale) : ctx.t("events-no-date");
  const cap = n.signup?.enabled ? (n.signup.capacity ? ctx.t("events-cap", { cap: n.signup.capacity }) : ctx.t("events-no-cap")) : "";
  const paused = n.paused ? ctx.t("events-paused-mark") : "";
  return ctx.t("events-notice-item", { id: n.id, title: escapeHtml(n.title[ctx.locale]), when, cap, paused });
}

/** The upcoming one-off events (not yet begun), the recurring notices, and what waits for its `at=` time. */
export async function eventsListing(ctx: BotContext, s: EventsListServices): Promise<{ text: string; keyboard: InlineKeyboard }> {
  const keyboard = new InlineKeyboard();
  const today = localDateOf(ctx.deps.now(), ctx.deps.timezone);
  const all = await s.notices.list();
  const events = all.filter((n) => n.rule.kind === "once" && n.rule.date >= today).slice(0, MAX_LISTED);
  const recurring = all.filter((n) => n.rule.kind !== "once").slice(0, MAX_LISTED);
  const lines: string[] = [];
  lines.push(ctx.t("events-events-title"), ...(events.length ? events.map((n) => noticeLine(ctx, n)) : [ctx.t("events-no-events")]));
  lines.push("", ctx.t("events-recurring-title"), ...recurring.map((n) => noticeLine(ctx, n)));
  const buttons = [...events, ...recurring];
  buttons.forEach((n, i) => {
    keyboard.text(ctx.t("events-open-button", { id: n.id }), `en:v:${n.id}`);
    if (i % 3 === 2) keyboard.row();
  });
  keyboard.row();
  const waiting = (await s.scheduled.waiting()).slice(0, MAX_LISTED);
  const compounds = await s.compounds.list();
  lines.push("");
  if (waiting.length === 0) lines.push(ctx.t("events-none-waiting"));
  else lines.push(ctx.t("events-waiting-title"));
  for (const w of waiting) {
    const to = w.to ? compoundNames(ctx, compounds, w.to) : ctx.t("events-to-all");
    const at = formatDate(new Date(w.at), ctx.deps.timezone, ctx.locale);
    lines.push(ctx.t("events-waiting-item", { id: w.id, at, to, text: escapeHtml(truncate(w.text, 40)), media: w.media ? "🖼 " : "" }));
    keyboard.text(ctx.t("events-cancel-button", { id: w.id }), `sc:x:${w.id}`).row();
  }
  return { text: lines.join("\n"), keyboard };
}

/** One notice in detail, with its change / pause buttons (and the way back to the list). */
export function noticeCard(ctx: BotContext, n: NoticeDef): { text: string; keyboard: InlineKeyboard } {
  const lines = [noticeLine(ctx, n)];
  if (n.place) lines.push(ctx.t("event-line-place", { place: escapeHtml(n.place[ctx.locale]) }));
  lines.push("", escapeHtml(truncate(n.text[ctx.locale], 600)));
  const keyboard = new InlineKeyboard()
    .text(ctx.t("events-edit-text"), `en:e:x:${n.id}`)
    .text(ctx.t("events-edit-time"), `en:e:t:${n.id}`)
    .row()
    .text(ctx.t("events-edit-place"), `en:e:p:${n.id}`)
    .text(ctx.t("events-edit-cap"), `en:e:c:${n.id}`)
    .row()
    .text(ctx.t("events-move-date"), `en:m:${n.id}`)
    .text(ctx.t("events-skip-date"), `en:s:${n.id}`)
    .row()
    .text(ctx.t(n.paused ? "events-resume" : "events-pause"), `en:${n.paused ? "r" : "p"}:${n.id}`)
    .text(ctx.t("events-back"), "en:l");
  return { text: lines.join("\n"), keyboard };
}
