/**
 * Plausible results for the methods the bot uses. Every other method that passed validation
 * answers `true`.
 */
import type { Message, UserFromGetMe } from "grammy/types";
import type { ParsedText } from "./html-text.js";
import type { MessageStore } from "./message-store.js";
import { contentKey } from "./message-store.js";
import type { ApiReply } from "./faults.js";
import { fileField, type FileKind, type FileRegistry } from "./files.js";
import { checkPoll, pollOf } from "./poll.js";

export interface CallContext {
  params: Record<string, unknown>;
  text?: ParsedText;
  markup?: Record<string, unknown>;
  store: MessageStore;
  bot: UserFromGetMe;
  state: BotState;
  now: number;
}
export interface BotState {
  webhookUrl: string;
  commands: Map<string, unknown>;
  texts: Map<string, string>;
  pendingUpdates: () => number;
  dropPendingUpdates: () => void;
  /** file_ids the bot may send (received in updates or uploaded) */
  files: FileRegistry;
  /** polls sent so far (their ids count up from this) */
  polls?: number;
}

const ok = (result: unknown): ApiReply => ({ ok: true, result });
const bad = (description: string): ApiReply => ({ ok: false, error_code: 400, description: `Bad Request: ${description}` });
const NOT_MODIFIED = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

function send(c: CallContext, body: (text: ParsedText | undefined) => Record<string, unknown>): ApiReply {
  const chatId = c.params.chat_id as number | string;
  const message = c.store.addBotMessage(chatId, (message_id, chat) => {
    const m: Record<string, unknown> = { message_id, from: { id: c.bot.id, is_bot: true, first_name: c.bot.first_name, username: c.bot.username }, chat, date: Math.floor(c.now / 1000), ...body(c.text) };
    if (c.markup?.inline_keyboard !== undefined) m.reply_markup = { inline_keyboard: c.markup.inline_keyboard };
    return m as unknown as Message;
  });
  return ok(message);
}

/** sendPhoto, sendDocument…: an upload, a URL, or a file_id the bot may use for this kind of file. */
function sendFile(c: CallContext, kind: FileKind): ApiReply {
  const file = c.state.files.resolve(kind, c.params[kind]);
  if ("ok" in file) return file;
  return send(c, (t) => ({ ...fileField(file), ...caption(t) }));
}

const caption = (t: ParsedText | undefined): Record<string, unknown> =>
  t === undefined ? {} : t.entities.length > 0 ? { caption: t.text, caption_entities: t.entities } : { caption: t.text };

function edit(c: CallContext, change: (m: Message) => Record<string, unknown>): ApiReply {
  if (c.params.inline_message_id !== undefined) return ok(true);
  const entry = c.store.get(c.params.chat_id as number | string, Number(c.params.message_id));
  if (entry === undefined) return bad("message to edit not found");
  if (!entry.fromBot) return bad("message can't be edited");
  const next = { ...entry.message, ...change(entry.message), edit_date: Math.floor(c.now / 1000) } as Record<string, unknown>;
  if (c.markup?.inline_keyboard !== undefined) next.reply_markup = { inline_keyboard: c.markup.inline_keyboard };
  else delete next.reply_markup; // an edit without reply_markup removes the keyboard, as in Telegram
  if (contentKey(next as unknown as Message) === entry.key) return bad(NOT_MODIFIED);
  c.store.replace(c.params.chat_id as number | string, next as unknown as Message);
  return ok(next);
}

const scopeKey = (p: Record<string, unknown>): string => `${JSON.stringify(p.scope ?? { type: "default" })}|${String(p.language_code ?? "")}`;
const langKey = (name: string, p: Record<string, unknown>): string => `${name}|${String(p.language_code ?? "")}`;

export const results: Record<string, (c: CallContext) => ApiReply> = {
  getMe: (c) => ok(c.bot),
  sendMessage: (c) => send(c, (t) => (t && t.entities.length > 0 ? { text: t.text, entities: t.entities } : { text: t?.text ?? "" })),
  sendDocument: (c) => sendFile(c, "document"),
  sendPhoto: (c) => sendFile(c, "photo"),
  sendPoll: (c) => checkPoll(c.params) ?? send(c, () => ({ poll: pollOf(c.params, String(5_000_000_000_000_000n + BigInt((c.state.polls = (c.state.polls ?? 0) + 1)))) })),
  editMessageText: (c) => edit(c, (m) => (c.text && c.text.entities.length > 0 ? { text: c.text.text, entities: c.text.entities } : { text: c.text?.text ?? m.text, entities: undefined })),
  editMessageCaption: (c) => edit(c, () => ({ caption: c.text?.text, caption_entities: c.text && c.text.entities.length > 0 ? c.text.entities : undefined })),
  editMessageReplyMarkup: (c) => edit(c, () => ({})),
  deleteMessage: (c) => (c.store.delete(c.params.chat_id as number | string, Number(c.params.message_id)) ? ok(true) : bad("message to delete not found")),
  // an ordinary member unless a test says otherwise (rec.behaviour / failNext)
  getChatMember: (c) => ok({ status: "member", user: { id: Number(c.params.user_id), is_bot: false, first_name: "member" } }),
  getChat: (c) => ok({
    ...c.store.chat(c.params.chat_id as number | string), accent_color_id: 0, max_reaction_count: 11,
    accepted_gift_types: { unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false, gifts_from_channels: false },
  }),
  setWebhook: (c) => {
    c.state.webhookUrl = String(c.params.url);
    if (c.params.drop_pending_updates === true || c.params.drop_pending_updates === "true") c.state.dropPendingUpdates();
    return ok(true);
  },
  deleteWebhook: (c) => {
    c.state.webhookUrl = "";
    if (c.params.drop_pending_updates === true || c.params.drop_pending_updates === "true") c.state.dropPendingUpdates();
    return ok(true);
  },
  getWebhookInfo: (c) => ok({ url: c.state.webhookUrl, has_custom_certificate: false, pending_update_count: c.state.pendingUpdates() }),
  setMyCommands: (c) => {
    const cmds = typeof c.params.commands === "string" ? (JSON.parse(c.params.commands) as unknown) : c.params.commands;
    c.state.commands.set(scopeKey(c.params), cmds);
    return ok(true);
  },
  getMyCommands: (c) => ok(c.state.commands.get(scopeKey(c.params)) ?? []),
  deleteMyCommands: (c) => ok(c.state.commands.delete(scopeKey(c.params)) || true),
  setMyDescription: (c) => ok(c.state.texts.set(langKey("description", c.params), String(c.params.description ?? "")) && true),
  getMyDescription: (c) => ok({ description: c.state.texts.get(langKey("description", c.params)) ?? "" }),
  setMyShortDescription: (c) => ok(c.state.texts.set(langKey("short_description", c.params), String(c.params.short_description ?? "")) && true),
  getMyShortDescription: (c) => ok({ short_description: c.state.texts.get(langKey("short_description", c.params)) ?? "" }),
  setMyName: (c) => ok(c.state.texts.set(langKey("name", c.params), String(c.params.name ?? "")) && true),
  getMyName: (c) => ok({ name: c.state.texts.get(langKey("name", c.params)) ?? c.bot.first_name }),
};
