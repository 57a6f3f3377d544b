import type { Campaign, MetricDef } from "./metric.js";

/** Normalizes typed text for matching: NFKC (full-width → ASCII, ㎡ → m2), lower case, single spaces. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
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

const isCjk = (s: string): boolean => /[\u3400-\u9fff]/.test(s);

/**
 * Finds the metric a staff member means: exact id, name or alias first (an alias shared by several
 * metrics resolves to none), then the single metric whose word the input contains or is a part of,
 * preferring the longest such word. Returns undefined when nothing or more than one metric fits.
 */
export function resolveMetric(word: string, campaign: Campaign): MetricDef | undefined {
  const n = normalizeText(word);
  // no metric name is this long; bounding it keeps the matching cheap whatever is typed
  if (n.length === 0 || n.length > 80) return undefined;
  const asId = n.replace(/[\s-]+/g, "_");
  const byId = campaign.metrics.find((m) => m.id === asId);
  if (byId !== undefined) return byId;
  const exact = campaign.metrics.filter((m) => metricWords(m).includes(n));
  if (exact.length > 0) return exact.length === 1 ? exact[0] : undefined;
  // the input must be long enough to mean something on its own
  const longEnough = isCjk(n) ? n.length >= 2 : n.length >= 3;
  let best = 0;
  let found: MetricDef[] = [];
  for (const m of campaign.metrics) {
    let score = 0;
    for (const w of metricWords(m)) {
      if (w.length >= 2 && n.includes(w)) score = Math.max(score, w.length);
      else if (longEnough && w.includes(n)) score = Math.max(score, n.length);
    }
    if (score > best) [best, found] = [score, [m]];
    else if (score > 0 && score === best) found.push(m);
  }
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
