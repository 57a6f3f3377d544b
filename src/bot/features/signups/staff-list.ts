import { escapeHtml, MAX_MESSAGE_LENGTH, truncate } from "../../../domain/html.js";
import { attendanceCallbackData, type InlineKeyboardMarkup } from "../../../domain/signups/buttons.js";
import { hasStarted } from "../../../domain/signups/index.js";
import type { UsersRepo } from "../../../store/users-repo.js";
import type { SignupOccurrence, SignupRepo } from "../../../store/signup-repo.js";
import type { BotContext } from "../../context.js";
import { occurrenceArgs } from "./shared.js";

/** People listed (and given an attendance button) on one /signups message; the rest: /attended, /export. */
const LIST_LIMIT = 60;

/** Room kept under Telegram's 4,096 characters for the counts and the closing hint of /signups. */
const LIST_BUDGET = MAX_MESSAGE_LENGTH - 400;

/** At most `max` characters, cut between code points (half an emoji is invalid UTF-8 to Telegram). */
export function shorten(text: string, max: number): string {
  return truncate(text, max - 1, max);
}

/** The `/signups` message of an occurrence: counts, names with ids, and (once started) attendance buttons. */
export async function signupList(
  ctx: BotContext,
  repo: SignupRepo,
  directory: Pick<UsersRepo, "names">,
  occ: SignupOccurrence,
): Promise<{ text: string; reply_markup: InlineKeyboardMarkup }> {
  const s = await repo.summary(occ.occurrenceId);
  const names = await directory.names([...s.confirmed, ...s.waitlist, ...s.attended].map((e) => e.userId));
  const nameOf = (userId: number) => names.get(userId) ?? `#${userId}`;
  const marked = new Map(s.attended.map((a) => [a.userId, a]));
  // no buttons before the start: a mark then would count an event that has not happened
  const open = hasStarted(occ.startsAt, ctx.deps.now());
  const lines = [
    ctx.t("signup-list-title", occurrenceArgs(occ, ctx.deps.timezone, ctx.locale)),
    ctx.t("signup-list-counts", {
      confirmed: s.confirmed.length, heads: s.heads, capacity: occ.capacity ?? "none", waiting: s.waitingHeads, attended: s.attendedHeads,
    }),
  ];
  const people: number[] = [];
  // names are typed by residents (up to 64 + 64 characters, more once escaped): stop before 4,096
  let size = lines.reduce((n, l) => n + l.length + 1, 0);
  let full = false;
  const section = (key: string, entries: Array<{ userId: number; headcount: number; position: number }>) => {
    if (entries.length === 0 || full) return;
    const header = ctx.t(key);
    lines.push("", header);
    size += header.length + 2;
    for (const e of entries) {
      const heads = e.headcount > 1 ? ` ×${e.headcount}` : "";
      const line = `${e.position}. ${escapeHtml(shorten(nameOf(e.userId), 48))} <code>${e.userId}</code>${heads}${marked.has(e.userId) ? " ✅" : ""}`;
      if (people.length >= LIST_LIMIT || size + line.length + 1 > LIST_BUDGET) {
        full = true;
        break;
      }
      people.push(e.userId);
      lines.push(line);
      size += line.length + 1;
    }
  };
  section("signup-list-confirmed", s.confirmed);
  section("signup-list-waitlist", s.waitlist);
  section("signup-list-walkins", s.attended.filter((a) => a.walkIn).map((a, i) => ({ userId: a.userId, headcount: a.heads, position: i + 1 })));
  if (people.length === 0) lines.push("", ctx.t("signup-list-empty"));
  const total = s.confirmed.length + s.waitlist.length + s.attended.filter((a) => a.walkIn).length;
  if (!open) {
    if (total > people.length) lines.push("", ctx.t("signup-list-more-upcoming", { shown: people.length }));
    if (people.length > 0) lines.push("", ctx.t("signup-list-not-started", { id: occ.noticeId }));
  } else if (total > people.length) lines.push("", ctx.t("signup-list-more", { shown: people.length }));
  else if (people.length > 0) lines.push("", ctx.t("signup-list-hint"));
  const buttons = (open ? people : []).map((userId) => {
    const on = marked.has(userId);
    return { text: `${on ? "✅" : "⬜"} ${shorten(nameOf(userId), 24)}`, callback_data: attendanceCallbackData(!on, userId, occ.occurrenceId) };
  });
  const rows: InlineKeyboardMarkup["inline_keyboard"] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return { text: lines.join("\n"), reply_markup: { inline_keyboard: rows } };
}
