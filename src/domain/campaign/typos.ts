/**
 * Typo tolerance for English questions: a word of six letters or more that is not in the vocabulary
 * but one edit from a vocabulary word (two for ten letters or more; a swap of two neighbours is one
 * edit) is read as that word: "awarness" is "awareness", "grabage" is "garbage". Short words are
 * left alone: "parts" must not turn into "party".
 */

/** Optimal string alignment distance (Levenshtein plus adjacent transposition), stopping early past `max`. */
function osaDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const prev = rows[i - 1] ?? [];
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (i > 0 && best > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? max + 1;
}

/** The vocabulary's English words (single words out of every phrase), at least six letters long. */
export function typoVocabulary(phrases: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const p of phrases) for (const w of p.toLowerCase().split(/[^a-z]+/)) if (w.length >= 6) words.add(w);
  return words;
}

/** Corrects the English words of a (lower-case) text that are one typo away from a vocabulary word. */
export function fixTypos(text: string, vocabulary: ReadonlySet<string>): string {
  return text.replace(/[a-z]{6,}/g, (word) => {
    if (vocabulary.has(word)) return word;
    const max = word.length >= 10 ? 2 : 1;
    let best: { word: string; d: number } | undefined;
    for (const v of vocabulary) {
      const d = osaDistance(word, v, max);
      if (d <= max && (best === undefined || d < best.d)) best = { word: v, d };
    }
    return best?.word ?? word;
  });
}
