import type { Message } from "grammy/types";
import { formatDate } from "../../../domain/notice-text.js";
import { occurrenceOfKeyboard } from "../../../domain/signups/buttons.js";
import type { SignupOccurrence, SignupRepo } from "../../../store/signup-repo.js";

/** The occurrence a bot message is about, and whether that message carries its sign-up buttons. */
export interface BoundMessage {
  occurrenceId: string;
  messageId: number;
  /** true: the message shows the occurrence's buttons (a reminder), so its count may be edited */
  buttons: boolean;
}

/**
 * The occurrence one of the bot's own messages is about, for a text sign-up that replies to it:
 * 1. its sign-up buttons (Telegram hands the replied-to message back with its keyboard);
 * 2. the reminder delivered into this chat under that message id;
 * 3. its text: the one sign-up notice whose title it names, on the date it names, else the
 *    occurrence of that notice this chat received last, else its current one (a reminder split in
 *    parts, an answer "✅ 已报名 11月28日 周末卫生日", a promotion, a personal reminder).
 * Undefined for anything else (a welcome, a list naming several notices, someone else's message).
 */
export async function boundOccurrence(repo: SignupRepo, message: Message | undefined, botId: number, now: Date): Promise<BoundMessage | undefined> {
  if (!message || message.from?.id !== botId) return undefined;
  const messageId = message.message_id;
  const keyboard = occurrenceOfKeyboard(message.reply_markup);
  if (keyboard) return { occurrenceId: keyboard, messageId, buttons: true };
  const received = await repo.receivedIn(message.chat.id);
  const delivered = received.find((r) => r.m === messageId && repo.occurrence(r.o));
  if (delivered) return { occurrenceId: delivered.o, messageId, buttons: false };
  const text = message.text ?? message.caption ?? "";
  const named = repo.notices.filter((n) => text.includes(n.title.zh) || text.includes(n.title.en));
  const [notice] = named;
  if (!notice || named.length > 1) return undefined;
  const seen = [...received].reverse().flatMap((r) => repo.occurrence(r.o) ?? []).filter((o) => o.noticeId === notice.id);
  const current = repo.current(notice.id, now);
  const candidates = current ? [...seen, current] : seen;
  const dated = candidates.find((o) => (["zh", "en"] as const).some((l) => text.includes(formatDate(o.startsAt, repo.timezone, l))));
  const chosen = dated ?? candidates[0];
  return chosen ? { occurrenceId: chosen.occurrenceId, messageId, buttons: false } : undefined;
}

/**
 * The occurrences a chat received reminders of that have not started yet, the most recent first,
 * each once (the eve and the morning reminder are one occurrence).
 */
export async function openReceived(repo: SignupRepo, chatId: number, now: Date): Promise<SignupOccurrence[]> {
  const found = new Map<string, SignupOccurrence>();
  for (const r of [...(await repo.receivedIn(chatId))].reverse()) {
    const occ = repo.occurrence(r.o);
    if (occ && occ.startsAt.getTime() > now.getTime() && !found.has(occ.occurrenceId)) found.set(occ.occurrenceId, occ);
  }
  return [...found.values()];
}
