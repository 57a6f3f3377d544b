import type { Transformer } from "grammy";

const TEXT_METHODS = new Set(["sendMessage", "editMessageText", "sendPhoto", "sendDocument", "editMessageCaption"]);

/**
 * Every text the bot sends is HTML (escaped with `escapeHtml` where it holds typed text), so the
 * parse mode is set once here rather than at each call.
 */
export function htmlParseMode(): Transformer {
  return (prev, method, payload, signal) => {
    if (TEXT_METHODS.has(method) && payload && typeof payload === "object" && !("parse_mode" in payload)) {
      const withMode = { ...payload, parse_mode: "HTML" } as typeof payload;
      return prev(method, withMode, signal);
    }
    return prev(method, payload, signal);
  };
}
