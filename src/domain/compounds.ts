import type { Localized } from "./translate.js";

/** A compound (小区) or building of the community; residents and groups may belong to one. */
export interface Compound {
  /** short id (`liudong`), used in button data and in `to=` */
  id: string;
  name: Localized;
}

/** Lower-case, no spaces: how typed names are compared ("柳东新村", "Liudong New Village", "liudong"). */
const norm = (s: string): string => s.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

/** The compound a typed word names: its id or either of its names, case and spaces ignored. */
export function findCompound(compounds: readonly Compound[], typed: string): Compound | undefined {
  const want = norm(typed);
  if (want === "") return undefined;
  return compounds.find((c) => norm(c.id) === want || norm(c.name.zh) === want || norm(c.name.en) === want);
}

/**
 * The compounds of a `to=` list (`to=liudong,柳河路40号`; commas, "，" or "、" between): their ids in
 * the order typed, each once, or the words that name none.
 */
export function parseCompoundList(compounds: readonly Compound[], list: string): { ids: string[] } | { unknown: string[] } {
  const words = list.split(/[,，、]/).map((w) => w.trim()).filter((w) => w !== "");
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const word of words) {
    const found = findCompound(compounds, word);
    if (!found) unknown.push(word);
    else if (!ids.includes(found.id)) ids.push(found.id);
  }
  if (unknown.length > 0 || ids.length === 0) return { unknown: unknown.length > 0 ? unknown : [list] };
  return { ids };
}

/**
 * Whether a chat of this compound is in an audience: no audience (`undefined`) means everyone;
 * otherwise only chats bound to one of its compounds (a resident who chose none gets notices for all only).
 */
export function inAudience(compound: string | undefined, audience: readonly string[] | undefined): boolean {
  return audience === undefined || (compound !== undefined && audience.includes(compound));
}

/** An id for a compound added by name: `c<n>`, the first free one (ids stay short for button data). */
export function newCompoundId(taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`c${n}`)) return `c${n}`;
}
