/**
 * Builders for realistic updates (without update_id: the server or a test assigns it).
 * Message ids and dates come from a counter and the clock, like Telegram's.
 */
import type { Chat, ChatMember, Message, Update, User } from "grammy/types";
import type { UpdateInput } from "./update-queue.js";

type MemberStatus = "kicked" | "member" | "left" | "administrator";

type Incoming = NonNullable<Update["message"]>;

// Message ids only need to increase, as Telegram's do; a plain counter (no other state is kept here).
let lastMessageId = 1000;
const nextMessageId = (): number => ++lastMessageId;
const now = (): number => Math.floor(Date.now() / 1000);

/** A human user; language_code defaults to "zh", first_name to `User <id>`. */
export function makeUser(id: number, opts: { language_code?: string; first_name?: string; last_name?: string; username?: string } = {}): User {
  return { id, is_bot: false, first_name: opts.first_name ?? `User ${id}`, language_code: opts.language_code ?? "zh", ...(opts.last_name ? { last_name: opts.last_name } : {}), ...(opts.username ? { username: opts.username } : {}) };
}

/** A group (negative id) or supergroup (id below -1e12) chat. */
export function makeGroup(id: number, title = `Group ${-id}`): Chat.GroupChat | Chat.SupergroupChat {
  return id < -1_000_000_000_000 ? { id, type: "supergroup", title } : { id, type: "group", title };
}

const privateChat = (user: User): Chat.PrivateChat => ({
  id: user.id, type: "private", first_name: user.first_name, ...(user.last_name ? { last_name: user.last_name } : {}), ...(user.username ? { username: user.username } : {}),
});

function textMessage(chat: Chat, from: User, text: string, extra: Partial<Message> = {}): Incoming {
  return { message_id: nextMessageId(), from, chat, date: now(), text, ...extra } as Incoming;
}

export function privateMessage(user: User, text: string): UpdateInput {
  return { message: textMessage(privateChat(user), user, text) };
}

/** "/start" (or "/start@bot") with its bot_command entity; `args` follow after a space. */
export function command(user: User, cmd: string, args?: string, chat?: Chat): UpdateInput {
  const name = cmd.startsWith("/") ? cmd : `/${cmd}`;
  const text = args ? `${name} ${args}` : name;
  return { message: textMessage(chat ?? privateChat(user), user, text, { entities: [{ type: "bot_command", offset: 0, length: name.length }] }) };
}

let lastFile = 0;

/** A caption with a bot_command entity when it starts with a command, as Telegram gives it. */
function captioned(caption: string | undefined): Partial<Message> {
  if (caption === undefined) return {};
  const cmd = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(caption);
  return { caption, ...(cmd ? { caption_entities: [{ type: "bot_command" as const, offset: 0, length: cmd[0].length }] } : {}) };
}

/** A photo in a private chat (three sizes, as Telegram sends them), with an optional caption. */
export function photoMessage(user: User, caption?: string, fileId = `AgAC-photo-${++lastFile}`): UpdateInput {
  const sizes = [90, 320, 800].map((w, i) => ({ file_id: `${fileId}-${i}`, file_unique_id: `AQAD${fileId}`, width: w, height: Math.round(w * 0.75), file_size: w * 100 }));
  return { message: { message_id: nextMessageId(), from: user, chat: privateChat(user), date: now(), photo: sizes, ...captioned(caption) } as Incoming };
}

/** A document (a PDF unless told otherwise) in a private chat, with an optional caption. */
export function documentMessage(
  user: User,
  caption?: string,
  file: { file_name?: string; mime_type?: string; file_id?: string; file_size?: number } = {},
): UpdateInput {
  const id = file.file_id ?? `BQAC-doc-${++lastFile}`;
  const document = { file_id: id, file_unique_id: `AgAD${id}`, file_name: file.file_name ?? "bulletin.pdf", mime_type: file.mime_type ?? "application/pdf", file_size: file.file_size ?? 123_456 };
  return { message: { message_id: nextMessageId(), from: user, chat: privateChat(user), date: now(), document, ...captioned(caption) } as Incoming };
}

export function groupMessage(chat: Chat, user: User, text: string, replyTo?: Message): UpdateInput {
  return { message: textMessage(chat, user, text, replyTo ? { reply_to_message: { ...replyTo, reply_to_message: undefined } as Message["reply_to_message"] } : {}) };
}

/** A button press on `message` (a message the bot sent, e.g. from `sentMessages()`). */
export function callbackQuery(user: User, data: string, message: Message): UpdateInput {
  return {
    callback_query: {
      id: String(nextMessageId() * 7919), from: user, chat_instance: String(message.chat.id * 31), data,
      message: message as Update["callback_query"] extends { message?: infer M } ? M : never,
    },
  };
}

function member(user: User, status: MemberStatus): ChatMember {
  switch (status) {
    case "kicked": return { status, user, until_date: 0 };
    case "left": return { status, user };
    case "member": return { status, user };
    case "administrator": return {
      status, user, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: false, can_manage_video_chats: false,
      can_restrict_members: false, can_promote_members: false, can_change_info: false, can_invite_users: true, can_post_stories: false,
      can_edit_stories: false, can_delete_stories: false,
    } as ChatMember;
  }
}

/** The bot's own membership changed (`bot` is the bot user; `user` did it), e.g. a resident blocked the bot: member → kicked. */
export function myChatMember(chat: Chat, user: User, oldStatus: MemberStatus, newStatus: MemberStatus, bot: User = { id: 123, is_bot: true, first_name: "Test Bot", username: "test_bot" }): UpdateInput {
  return { my_chat_member: { chat, from: user, date: now(), old_chat_member: member(bot, oldStatus), new_chat_member: member(bot, newStatus) } };
}

/** The service message Telegram sends in the old group when it becomes a supergroup. */
export function migrateToChat(groupId: number, supergroupId: number, by: User = makeUser(1)): UpdateInput {
  return { message: { message_id: nextMessageId(), from: by, chat: makeGroup(groupId), date: now(), migrate_to_chat_id: supergroupId } as Incoming };
}

/**
 * A user's answer to a poll the bot sent (`message` from `sentMessages()`), as Telegram sends it for
 * a non-anonymous poll; empty `optionIds` retracts the vote. Throws for what Telegram would never
 * send: an anonymous poll, options it does not have, several options where only one is allowed.
 */
export function pollAnswer(user: User, message: Message, optionIds: number[]): UpdateInput {
  const poll = message.poll;
  if (!poll) throw new Error("pollAnswer: the message carries no poll");
  if (poll.is_anonymous) throw new Error("pollAnswer: anonymous polls send no poll_answer");
  if (optionIds.some((i) => !Number.isInteger(i) || i < 0 || i >= poll.options.length)) throw new Error("pollAnswer: no such option");
  if (optionIds.length > 1 && !poll.allows_multiple_answers) throw new Error("pollAnswer: the poll allows one answer");
  const option_persistent_ids = optionIds.map((i) => poll.options[i]?.persistent_id ?? String(i));
  return { poll_answer: { poll_id: poll.id, user, option_ids: optionIds, option_persistent_ids } as NonNullable<Update["poll_answer"]> };
}
