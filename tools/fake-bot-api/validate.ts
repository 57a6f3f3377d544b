/**
 * validateCall: refuses what the real Bot API refuses — unknown methods, missing or mistyped
 * parameters, unparsable HTML, over-long texts, malformed reply markup — with Telegram's error
 * codes and, where we know them, its descriptions.
 */
import { checkTypes, measure } from "./check-value.js";
import { parseHtml, type ParsedText } from "./html-text.js";
import { checkReplyMarkup } from "./markup.js";
import { createSpecIndex, findMethod, type SpecIndex } from "./spec-index.js";

export type ValidationFailure = { ok: false; error_code: 400 | 404; description: string };
export type ValidationResult = { ok: true } | ValidationFailure;

/** A successful check, with what was parsed on the way so callers need not parse again. */
export interface CheckedCall {
  ok: true;
  /** the method's spelling in the spec (Telegram ignores case) */
  method: string;
  /** the text or caption after entity parsing, when the method has one */
  text?: ParsedText;
  markup?: Record<string, unknown>;
}

export interface Validator {
  index: SpecIndex;
  check(method: string, params: Record<string, unknown>): CheckedCall | ValidationFailure;
  validateCall(method: string, params: Record<string, unknown>): ValidationResult;
}

const USERNAME = /^@[A-Za-z][A-Za-z0-9_]{3,}$/;
const INT = /^-?\d+$/;
const PARSE_MODES = new Set(["html", "markdownv2", "markdown"]);
const bad = (detail: string): ValidationFailure => ({ ok: false, error_code: 400, description: `Bad Request: ${detail}` });

function missing(name: string): ValidationFailure {
  if (name === "text") return bad("message text is empty");
  if (name === "message_id") return bad("message identifier is not specified");
  return bad(`${name} is empty`);
}

function checkChatId(v: unknown): ValidationFailure | undefined {
  if (typeof v === "string") return INT.test(v) || USERNAME.test(v) ? undefined : bad("chat not found");
  if (typeof v !== "number" || !Number.isInteger(v)) return bad('field "chat_id" must be of type Integer or String');
  return v === 0 ? bad("chat not found") : undefined;
}

const COMMAND = /^[a-z0-9_]{1,32}$/;

/** Telegram refuses commands with a slash, capitals or other characters. */
function checkCommands(raw: unknown): ValidationFailure | undefined {
  const list = typeof raw === "string" ? (JSON.parse(raw) as unknown) : raw;
  if (!Array.isArray(list)) return undefined;
  if (list.length > 100) return bad("BOT_COMMANDS_TOO_MUCH");
  for (const c of list as { command: string; description: string }[]) {
    if (!COMMAND.test(c.command)) return bad("BOT_COMMAND_INVALID");
    if (c.description.trim() === "") return bad("BOT_COMMAND_DESCRIPTION_INVALID");
  }
  return undefined;
}

function checkText(field: "text" | "caption", raw: string, parseMode: unknown, max: number): ValidationFailure | ParsedText {
  let parsed: ParsedText = { text: raw, entities: [] };
  if (typeof parseMode === "string" && parseMode.toLowerCase() === "html") {
    const r = parseHtml(raw);
    if (!r.ok) return bad(`can't parse entities: ${r.error}`);
    parsed = r.value;
  }
  if (field === "text" && parsed.text.trim() === "") return bad("message text is empty");
  if (parsed.text.length > max) return bad(field === "text" ? "message is too long" : "message caption is too long");
  return parsed;
}

/** Builds a validator over a compiled spec (by default the committed spec.json). */
export function createValidator(index: SpecIndex = createSpecIndex()): Validator {
  function check(method: string, params: Record<string, unknown>): CheckedCall | ValidationFailure {
    const spec = findMethod(index, method);
    if (spec === undefined) return { ok: false, error_code: 404, description: "Not Found" };
    const result: CheckedCall = { ok: true, method: spec.name };
    for (const f of spec.fields) {
      const v = params[f.name];
      if (v === undefined || v === null) {
        if (f.required) return missing(f.name);
        continue;
      }
      if (f.name === "chat_id") {
        const err = checkChatId(v);
        if (err) return err;
        continue;
      }
      if (f.name === "reply_markup") {
        const r = checkReplyMarkup(index, f, v);
        if (!r.ok) return { ok: false, error_code: 400, description: r.description };
        result.markup = r.markup;
        continue;
      }
      const err = checkTypes(index, v, f.types, true);
      if (err === "type") return bad(`field "${f.name}" must be of type ${f.typeText}`);
      if (err !== null) return bad(`can't parse ${f.name}: ${err}`);
      if ((f.name === "text" || f.name === "caption") && spec.byName.has("parse_mode")) {
        const r = checkText(f.name, v as string, params.parse_mode, f.length?.max ?? (f.name === "text" ? 4096 : 1024));
        if ("ok" in r) return r;
        result.text = r;
        continue;
      }
      if (f.length && typeof v === "string") {
        const len = measure(v, f.length.unit);
        if (len < f.length.min) return bad(`${f.name} is empty`);
        if (len > f.length.max) return bad(f.name === "text" ? "MESSAGE_TOO_LONG" : `${f.name} is too long`);
      }
    }
    const pm = params.parse_mode;
    if (typeof pm === "string" && pm !== "" && spec.byName.has("parse_mode") && !PARSE_MODES.has(pm.toLowerCase())) {
      return bad("unsupported parse_mode");
    }
    if (spec.byName.has("inline_message_id") && spec.byName.has("chat_id") && params.inline_message_id === undefined) {
      if (params.chat_id === undefined) return missing("chat_id");
      if (params.message_id === undefined) return missing("message_id");
    }
    if (spec.name === "setMyCommands") {
      const err = checkCommands(params.commands);
      if (err) return err;
    }
    if (spec.name === "editMessageText" && params.text === undefined && params.rich_message === undefined) return missing("text");
    return result;
  }
  return {
    index,
    check,
    validateCall(method, params) {
      const r = check(method, params);
      return r.ok ? { ok: true } : r;
    },
  };
}

let shared: Validator | undefined;

/**
 * Checks one Bot API call. Uses a validator built on first use (the spec is compiled once, not at
 * import); build your own with createValidator() to avoid the shared one.
 */
export function validateCall(method: string, params: Record<string, unknown>): ValidationResult {
  shared ??= createValidator();
  return shared.validateCall(method, params);
}
