import type { Update } from "grammy/types";

/** The chat an update belongs to, for finding its community. */
export interface UpdateChat {
  chatId: number;
  /** a private chat, or a group (group, supergroup, channel) */
  group: boolean;
}

/**
 * Which chat an update is about: a message's (or its edit's) chat; a button press's message's chat,
 * or the presser's private chat when the message is inline; the chat whose membership changed; a
 * survey answer's voter: the person's private chat, or the chat that voted anonymously.
 */
export function updateChat(update: Update): UpdateChat | undefined {
  const message = update.message ?? update.edited_message;
  if (message) return { chatId: message.chat.id, group: message.chat.type !== "private" };
  const press = update.callback_query;
  if (press) return press.message ? { chatId: press.message.chat.id, group: press.message.chat.type !== "private" } : { chatId: press.from.id, group: false };
  const member = update.my_chat_member;
  if (member) return { chatId: member.chat.id, group: member.chat.type !== "private" };
  const answer = update.poll_answer;
  if (answer?.voter_chat) return { chatId: answer.voter_chat.id, group: true };
  if (answer?.user) return { chatId: answer.user.id, group: false };
  return undefined;
}

/** The payload of `/start <payload>` (or `/start@bot <payload>` addressed to `me`), trimmed; undefined for anything else. */
export function startPayload(update: Update, me: string): string | undefined {
  const m = /^\/start(?:@(\w+))?[ \t\n]+(\S[\s\S]*)$/.exec(update.message?.text ?? "");
  if (!m || (m[1] !== undefined && m[1].toLowerCase() !== me.toLowerCase())) return undefined;
  return m[2]?.trim();
}

/** Whether the update is `/forgetme` in a private chat. */
export function isPrivateForgetMe(update: Update): boolean {
  return update.message?.chat.type === "private" && /^\/forgetme(?:@\w+)?(?:\s|$)/.test(update.message.text ?? "");
}
