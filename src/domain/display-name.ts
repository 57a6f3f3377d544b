/**
 * Names as staff and residents see them. A name is typed by its owner and may carry invisible
 * characters: bidi controls (U+202A–E embeddings/overrides, U+2066–9 isolates, U+200E/F marks,
 * U+061C) can visually reverse what follows, e.g. the user id right after a name on the /signups
 * list that staff copy into /attended; zero-width characters (U+200B–D, U+2060, U+FEFF) and other
 * invisible format characters make two names look alike or a name look empty. They are removed
 * wherever a name is shown, along with control characters; runs of spaces become one.
 */

/** Code point ranges (inclusive) never shown: controls, bidi controls and marks, invisible format characters. */
const INVISIBLE: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x001f], // C0 controls (tabs and line breaks become spaces first)
  [0x007f, 0x009f], // DEL, C1 controls
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers (a "blank" name)
  [0x180e, 0x180e], // Mongolian vowel separator
  [0x200b, 0x200f], // zero-width space, non-joiner, joiner; LRM, RLM
  [0x202a, 0x202e], // embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, isolates (2066–2069), deprecated format
  [0x3164, 0x3164], // Hangul filler
  [0xfeff, 0xfeff], // zero-width no-break space (BOM)
  [0xffa0, 0xffa0], // halfwidth Hangul filler
];

const invisible = (cp: number): boolean => INVISIBLE.some(([from, to]) => cp >= from && cp <= to);

/** A typed name without invisible or direction-changing characters, spaces collapsed and trimmed. */
export function cleanName(text: string): string {
  let out = "";
  // a tab or a line break is a space (C0 controls are dropped below); \s would also match U+FEFF
  for (const ch of text.replace(/[\t\n\r]/g, " ")) if (!invisible(ch.codePointAt(0) ?? 0)) out += ch;
  return out.replace(/\s+/gu, " ").trim();
}

/** What a profile holds of a person's name. */
export interface NameParts {
  firstName: string;
  lastName?: string | undefined;
  username?: string | undefined;
}

/**
 * A person's name for display, not escaped: `王芳 (@wangfang)`, `Anna Li`. `fallback` stands in when
 * nothing visible is left (a name of only invisible characters).
 */
export function personName(parts: NameParts, fallback: string): string {
  const name = cleanName([parts.firstName, parts.lastName].filter(Boolean).join(" "));
  const username = parts.username ? cleanName(parts.username) : "";
  const shown = name || fallback;
  return username ? `${shown} (@${username})` : shown;
}
