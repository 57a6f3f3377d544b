/**
 * Telegram's HTML parse mode, modelled on TDLib's parser (td/telegram/MessageEntity.cpp), which
 * the Bot API uses: the result is the plain text and its entities, and errors read like Telegram's
 * ("Unsupported start tag \"x\" at byte offset 3"). One deliberate difference: TDLib keeps a bare
 * `&` that starts no entity as text; the Bot API documentation says it must be escaped, and an
 * unescaped `&` is almost always a missing escapeHtml, so we refuse it.
 */
import type { MessageEntity } from "grammy/types";

export interface ParsedText { text: string; entities: MessageEntity[] }
export type HtmlResult = { ok: true; value: ParsedText } | { ok: false; error: string };

const SIMPLE: Record<string, MessageEntity["type"]> = {
  b: "bold", strong: "bold", i: "italic", em: "italic", u: "underline", ins: "underline",
  s: "strikethrough", strike: "strikethrough", del: "strikethrough", "tg-spoiler": "spoiler",
  span: "spoiler", a: "text_link", code: "code", pre: "pre", blockquote: "blockquote", "tg-emoji": "custom_emoji",
};
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
const ENTITY = /&(?:#x([0-9a-fA-F]{1,8})|#([0-9]{1,9})|([a-zA-Z]+));/y;
const ATTR_NAME = /[a-zA-Z0-9_-]*/y;
const BARE_VALUE = /[a-zA-Z0-9.\-_]*/y;

interface Open { tag: string; start: number; attrs: Map<string, string> }

const byteOffset = (s: string, i: number): number => Buffer.byteLength(s.slice(0, i), "utf8");
const isSpace = (c: string | undefined): boolean => c === " " || c === "\n" || c === "\t" || c === "\r";

/** Decodes one entity at `i`; returns the character and the index after it, or undefined. */
function decodeEntity(s: string, i: number): [string, number] | undefined {
  ENTITY.lastIndex = i;
  const m = ENTITY.exec(s);
  if (m === null) return undefined;
  if (m[3] !== undefined) {
    const ch = NAMED[m[3]];
    return ch === undefined ? undefined : [ch, ENTITY.lastIndex];
  }
  const code = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
  if (code === 0 || code >= 0x10ffff) return undefined;
  return [String.fromCodePoint(code), ENTITY.lastIndex];
}

function decodeAttr(v: string): string {
  return v.indexOf("&") === -1 ? v : v.replace(/&(?:#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (e) => decodeEntity(e, 0)?.[0] ?? e);
}

function toEntity(o: Open, end: number, inPre: boolean): MessageEntity | undefined {
  const type = SIMPLE[o.tag] as MessageEntity["type"];
  const base = { offset: o.start, length: end - o.start };
  if (o.tag === "a") {
    const href = o.attrs.get("href") ?? "";
    return href === "" ? undefined : { ...base, type: "text_link", url: href };
  }
  if (o.tag === "tg-emoji") return { ...base, type: "custom_emoji", custom_emoji_id: o.attrs.get("emoji-id") ?? "" };
  if (o.tag === "blockquote" && o.attrs.has("expandable")) return { ...base, type: "expandable_blockquote" };
  if (o.tag === "code" && inPre) return undefined; // <pre><code class="language-x"> is one pre entity
  if (o.tag === "pre") {
    const lang = o.attrs.get("code-language");
    return lang ? { ...base, type: "pre", language: lang } : { ...base, type: "pre" };
  }
  return { ...base, type } as MessageEntity;
}

/** Parses `s` the way the Bot API does for parse_mode "HTML". */
export function parseHtml(s: string): HtmlResult {
  if (s.indexOf("<") === -1 && s.indexOf("&") === -1) return { ok: true, value: { text: s, entities: [] } };
  const fail = (msg: string): HtmlResult => ({ ok: false, error: msg });
  const stack: Open[] = [];
  const entities: MessageEntity[] = [];
  let out = "";
  let run = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i];
    if (c !== "<" && c !== "&") { i++; continue; }
    out += s.slice(run, i);
    if (c === "&") {
      const dec = decodeEntity(s, i);
      if (dec === undefined) return fail(`Character '&' is reserved and must be escaped as "&amp;" at byte offset ${byteOffset(s, i)}`);
      out += dec[0];
      i = run = dec[1];
      continue;
    }
    const begin = i;
    i++;
    if (s[i] !== "/") {
      let end = i;
      while (end < n && !isSpace(s[end]) && s[end] !== ">") end++;
      const tag = s.slice(i, end).toLowerCase();
      if (!(tag in SIMPLE)) return fail(`Unsupported start tag "${tag}" at byte offset ${byteOffset(s, begin)}`);
      i = end;
      const attrs = new Map<string, string>();
      for (;;) {
        while (isSpace(s[i])) i++;
        if (i >= n) return fail(`Unclosed start tag at byte offset ${byteOffset(s, begin)}`);
        if (s[i] === ">") break;
        ATTR_NAME.lastIndex = i;
        const name = (ATTR_NAME.exec(s)?.[0] ?? "").toLowerCase();
        if (name === "") return fail(`Empty attribute name in the tag "${tag}" at byte offset ${byteOffset(s, i)}`);
        i += name.length;
        while (isSpace(s[i])) i++;
        if (s[i] !== "=") {
          if (tag === "blockquote" && name === "expandable") { attrs.set(name, ""); continue; }
          if (i >= n) return fail(`Unclosed start tag at byte offset ${byteOffset(s, begin)}`);
          return fail(`Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${byteOffset(s, begin)}`);
        }
        i++;
        while (isSpace(s[i])) i++;
        const q = s[i];
        let value: string;
        if (q === '"' || q === "'") {
          const close = s.indexOf(q, i + 1);
          if (close === -1) return fail(`Unclosed start tag at byte offset ${byteOffset(s, begin)}`);
          value = decodeAttr(s.slice(i + 1, close));
          i = close + 1;
        } else {
          BARE_VALUE.lastIndex = i;
          value = BARE_VALUE.exec(s)?.[0] ?? "";
          if (value === "") return fail(`Unclosed start tag at byte offset ${byteOffset(s, begin)}`);
          i += value.length;
        }
        attrs.set(name, value);
      }
      i++; // '>'
      if (tag === "span" && attrs.get("class") !== "tg-spoiler") return fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(s, begin)}`);
      if (tag === "tg-emoji" && !attrs.get("emoji-id")) return fail(`Tag "tg-emoji" must have attribute "emoji-id" at byte offset ${byteOffset(s, begin)}`);
      if (tag === "code") {
        const parent = stack[stack.length - 1];
        const lang = attrs.get("class");
        if (parent?.tag === "pre" && lang?.startsWith("language-")) parent.attrs.set("code-language", lang.slice(9));
      }
      stack.push({ tag, start: out.length, attrs });
    } else {
      const open = stack.pop();
      if (open === undefined) return fail(`Unexpected end tag at byte offset ${byteOffset(s, begin)}`);
      i++;
      let end = i;
      while (end < n && !isSpace(s[end]) && s[end] !== ">") end++;
      const tag = s.slice(i, end).toLowerCase();
      i = end;
      while (isSpace(s[i])) i++;
      if (s[i] !== ">") return fail(`Unclosed end tag at byte offset ${byteOffset(s, begin)}`);
      if (tag !== open.tag) return fail(`Unmatched end tag at byte offset ${byteOffset(s, begin)}, expected "</${open.tag}>", found "</${tag}>"`);
      i++;
      const entity = out.length > open.start ? toEntity(open, out.length, stack[stack.length - 1]?.tag === "pre") : undefined;
      if (entity !== undefined) entities.push(entity);
    }
    run = i;
  }
  const last = stack[stack.length - 1];
  if (last !== undefined) return fail(`Can't find end tag corresponding to start tag "${last.tag}"`);
  out += s.slice(run);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { ok: true, value: { text: out, entities } };
}
