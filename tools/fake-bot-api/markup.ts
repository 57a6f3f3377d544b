/**
 * reply_markup: must be JSON of a markup type the method accepts; inline buttons need a text and
 * exactly one action; callback_data is 1-64 bytes. Error texts follow the Bot API's where known.
 */
import { checkObject, decodeJsonParam, isPlainObject } from "./check-value.js";
import type { FieldSpec, SpecIndex } from "./spec-index.js";

export type MarkupResult = { ok: true; markup: Record<string, unknown> } | { ok: false; description: string };

const NOT_ACTIONS = new Set(["text", "icon_custom_emoji_id", "style"]);
const BAD_JSON = "Bad Request: can't parse reply keyboard markup JSON object";
const button = (detail: string): MarkupResult => ({ ok: false, description: `Bad Request: can't parse inline keyboard button: ${detail}` });

function markupType(m: Record<string, unknown>): string | undefined {
  if ("inline_keyboard" in m) return "InlineKeyboardMarkup";
  if ("keyboard" in m) return "ReplyKeyboardMarkup";
  if ("remove_keyboard" in m) return "ReplyKeyboardRemove";
  if ("force_reply" in m) return "ForceReply";
  return undefined;
}

function checkInlineKeyboard(index: SpecIndex, rows: unknown): MarkupResult | undefined {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    return { ok: false, description: 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays' };
  }
  for (const row of rows as unknown[][]) {
    for (const b of row) {
      if (!isPlainObject(b)) return button("InlineKeyboardButton should be an Object");
      if (typeof b.text !== "string") return button('Field "text" must be of type String');
      if (b.text.trim() === "") return button('Field "text" must be non-empty');
      let actions = 0;
      for (const k in b) if (!NOT_ACTIONS.has(k) && b[k] !== undefined && b[k] !== null) actions++;
      if (actions === 0) return button("Text buttons are unallowed in the inline keyboard");
      if (actions > 1) return button("exactly one of the optional fields must be used");
      if (b.callback_data !== undefined) {
        const d = b.callback_data;
        if (typeof d !== "string" || d === "" || Buffer.byteLength(d, "utf8") > 64) return { ok: false, description: "Bad Request: BUTTON_DATA_INVALID" };
      }
      const err = checkObject(index, b, "InlineKeyboardButton");
      if (err !== null) return button(err);
    }
  }
  return undefined;
}

/** Validates a reply_markup parameter against the markup types `field` allows. */
export function checkReplyMarkup(index: SpecIndex, field: FieldSpec, raw: unknown): MarkupResult {
  const m = decodeJsonParam(raw);
  if (!isPlainObject(m)) return { ok: false, description: BAD_JSON };
  const type = markupType(m);
  if (type === undefined) return { ok: false, description: BAD_JSON };
  if (!field.types.some((t) => t.kind === "object" && t.name === type)) {
    return { ok: false, description: type === "InlineKeyboardMarkup" ? BAD_JSON : "Bad Request: inline keyboard expected" };
  }
  if (type === "InlineKeyboardMarkup") {
    const err = checkInlineKeyboard(index, m.inline_keyboard);
    if (err !== undefined) return err;
    return { ok: true, markup: m };
  }
  // Reply keyboards may list plain strings as buttons.
  const checked = type === "ReplyKeyboardMarkup" && Array.isArray(m.keyboard)
    ? { ...m, keyboard: (m.keyboard as unknown[]).map((r) => (Array.isArray(r) ? r.map((b) => (typeof b === "string" ? { text: b } : b)) : r)) }
    : m;
  const err = checkObject(index, checked, type);
  if (err === "type") return { ok: false, description: BAD_JSON };
  if (err !== null) return { ok: false, description: `Bad Request: can't parse keyboard button: ${err}` };
  return { ok: true, markup: m };
}
