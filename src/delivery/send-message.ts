import type { Api } from "grammy";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { BroadcastMedia } from "../store/office-schema.js";

type Signal = Parameters<Api["sendMessage"]>[3];

/**
 * Sends one broadcast message: a text, or a photo / document (by its file_id, so it is uploaded
 * once) with the text as its caption. HTML, with the buttons when given.
 */
export function sendBroadcastMessage(
  api: Api,
  chatId: number,
  text: string,
  media: BroadcastMedia | undefined,
  keyboard: InlineKeyboardMarkup | undefined,
  signal: Signal,
): Promise<Message> {
  const other = { parse_mode: "HTML" as const, ...(keyboard ? { reply_markup: keyboard } : {}) };
  if (media?.type === "photo") return api.sendPhoto(chatId, media.fileId, { ...other, caption: text }, signal);
  if (media?.type === "document") return api.sendDocument(chatId, media.fileId, { ...other, caption: text }, signal);
  return api.sendMessage(chatId, text, other, signal);
}
