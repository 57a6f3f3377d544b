/**
 * Escapes text for Telegram's HTML parse mode. Telegram only requires `<`, `>` and `&` to be escaped
 * (and `"` inside attributes); everything else, `*`, `_`, `.` included, arrives as typed.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The first `keep` characters and "…" when the text has more than `limit` (default `keep`). Cuts
 * between code points: half of an emoji's surrogate pair is text Telegram refuses.
 */
export function truncate(text: string, keep: number, limit = keep): string {
  const chars = [...text];
  return chars.length > limit ? `${chars.slice(0, keep).join("")}…` : text;
}

/** The most characters Telegram accepts in one message text (after entity parsing). */
export const MAX_MESSAGE_LENGTH = 4096;

/** The most characters Telegram accepts in a photo's or document's caption (after entity parsing). */
export const MAX_CAPTION_LENGTH = 1024;

/**
 * The length Telegram counts for an HTML text: the characters read (UTF-16 units, as Telegram
 * counts them), tags left out and the entities we write (`&amp;` `&lt;` `&gt;` `&quot;`) as one.
 */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(/&(?:amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);/g, "_").length;
}

/**
 * Splits a long HTML text into parts under the limit, at paragraph boundaries first, then lines,
 * then hard cuts outside of tags/entities. Parts are measured as sent (markup included), which is
 * stricter than Telegram's own measure, so every part is accepted.
 */
export function splitMessage(text: string, limit = MAX_MESSAGE_LENGTH - 96): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf("\n\n", limit);
    if (cut < limit / 2) cut = rest.lastIndexOf("\n", limit);
    if (cut < limit / 2) cut = safeCut(rest, limit);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\n+/, "");
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

/** A cut position at or before `limit` that is not inside a tag or an entity like `&amp;`. */
function safeCut(text: string, limit: number): number {
  let cut = limit;
  const lt = text.lastIndexOf("<", cut);
  const gt = text.lastIndexOf(">", cut);
  if (lt > gt) cut = lt;
  const amp = text.lastIndexOf("&", cut);
  const semi = text.lastIndexOf(";", cut);
  if (amp > semi && cut - amp < 10) cut = amp;
  // never split a surrogate pair
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut;
}
