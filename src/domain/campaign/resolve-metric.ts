import { toSimplified } from "./traditional.js";
import type { Campaign, MetricDef } from "./metric.js";

/**
 * Normalizes typed text for matching: NFKC (full-width → ASCII, ㎡ → m2), traditional characters
 * as simplified (違章建築 → 违章建筑), lower case, single spaces.
 */
export function normalizeText(text: string): string {
  return toSimplified(text.normalize("NFKC")).toLowerCase().replace(/\s+/g, " ").trim();
}

// Metric definitions are data loaded once and never changed, so their normalized words are
// computed once per definition (each question used to renormalize every alias of every metric).
const wordsOf = new WeakMap<MetricDef, string[]>();

/** Every word a metric is known by (id, names, aliases), normalized. */
export function metricWords(metric: MetricDef): string[] {
  let cached = wordsOf.get(metric);
  if (!cached) {
    const words = [metric.id, metric.id.replace(/_/g, " "), metric.name.zh, metric.name.en, ...metric.aliases.zh, ...metric.aliases.en];
    cached = [...new Set(words.map(normalizeText))].filter((w) => w.length > 0);
    wordsOf.set(metric, cached);
  }
  return cached;
}

const isLatin = (s: string): boolean => /^[\x20-\x7e]+$/.test(s);
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The text without spaces, underscores and hyphens: "卫生日 参与" is the alias "卫生日参与". */
const compact = (s: string): string => s.replace(/[\s_-]+/g, "");

/**
 * Whether every letter and digit of `text` lies inside an occurrence of one of `words` (English words
 * only on word boundaries): "垃圾清运" is 垃圾 + 清运, but "垃圾桶" leaves 桶 and "parking" is not "park".
 */
function coveredBy(text: string, words: string[]): boolean {
  const covered = new Array<boolean>(text.length).fill(false);
  for (const w of words) {
    const re = isLatin(w) ? new RegExp(`(?<![a-z0-9])${escapeRe(w)}(?![a-z0-9])`, "g") : new RegExp(escapeRe(w), "g");
    for (const m of text.matchAll(re)) covered.fill(true, m.index, m.index + m[0].length);
  }
  for (let i = 0; i < text.length; i++) if (!covered[i] && /[\p{L}\p{N}]/u.test(text[i] ?? "")) return false;
  return true;
}

/**
 * Finds the metric a staff member means: exact id, name or alias (an alias shared by several metrics
 * resolves to none), else the single metric whose words make up the whole input ("垃圾清运",
 * "garbage truckloads"). A word merely containing or contained in a metric's word ("垃圾桶",
 * "garbage bins", "小区") is not enough: a typo must not land on another metric; callers offer
 * `suggestMetrics` instead. Returns undefined when nothing or more than one metric fits.
 */
export function resolveMetric(word: string, campaign: Campaign): MetricDef | undefined {
  const n = normalizeText(word);
  // no metric name is this long; bounding it keeps the matching cheap whatever is typed
  if (n.length === 0 || n.length > 80) return undefined;
  const asId = n.replace(/[\s-]+/g, "_");
  const byId = campaign.metrics.find((m) => m.id === asId);
  if (byId !== undefined) return byId;
  const exact = campaign.metrics.filter((m) => metricWords(m).some((w) => w === n || compact(w) === compact(n)));
  if (exact.length > 0) return exact.length === 1 ? exact[0] : undefined;
  const found = campaign.metrics.filter((m) => coveredBy(n, metricWords(m)));
  return found.length === 1 ? found[0] : undefined;
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/**
 * Metric ids close to a word, best first: those whose words contain it or are contained in it, then
 * those within a small edit distance (typos such as "garbge", "awarness_rate").
 */
export function suggestMetrics(word: string, campaign: Campaign, max = 3): string[] {
  const n = normalizeText(word);
  if (n.length === 0 || n.length > 80) return [];
  const asId = n.replace(/[\s-]+/g, "_");
  const scored: { id: string; score: number }[] = [];
  for (const m of campaign.metrics) {
    let score = Infinity;
    for (const w of metricWords(m)) {
      if ((w.length >= 2 && n.includes(w)) || (n.length >= 2 && w.includes(n))) score = Math.min(score, 0);
      const d = Math.min(editDistance(n, w), editDistance(asId, w));
      const allowed = Math.max(1, Math.floor(Math.min(n.length, w.length) / 3));
      if (d <= allowed) score = Math.min(score, d);
    }
    if (score !== Infinity) scored.push({ id: m.id, score });
  }
  return scored.sort((a, b) => a.score - b.score).slice(0, max).map((s) => s.id);
}
