import type { Campaign, MetricDef } from "./metric.js";
import { GREETING, HOW_TO_SIGN_UP, NOTICE_WORDS, OVERVIEW, PERIODS, QUANTITY, QUESTION_WORDS, SIGNUP, THANKS, WHEN, YES_NO } from "./question-words.js";
import { metricWords, normalizeText } from "./resolve-metric.js";
import { fixTypos, typoVocabulary } from "./typos.js";

export { answerQuestion, type Answer } from "./question-answers.js";

/** A period a question can ask about. */
export type QuestionPeriod = "this-month" | "this-year" | "this-week" | "last-month";

/** What a plain-text message asks. */
export type Intent =
  | { kind: "metric"; metricId: string; period?: QuestionPeriod; yesNo?: true }
  | { kind: "next-notice"; noticeId?: string }
  | { kind: "progress-overview" }
  | { kind: "greeting" }
  | { kind: "thanks" }
  | { kind: "how-to-sign-up" }
  | { kind: "unknown" };

// the English words worth correcting, per campaign (data loaded once)
const vocabularies = new WeakMap<Campaign, Set<string>>();
function vocabularyOf(campaign: Campaign): Set<string> {
  let v = vocabularies.get(campaign);
  if (v === undefined) {
    v = typoVocabulary([...campaign.metrics.flatMap(metricWords), ...Object.values(NOTICE_WORDS).flat(), ...QUESTION_WORDS]);
    vocabularies.set(campaign, v);
  }
  return v;
}

interface Span {
  start: number;
  end: number;
}

const isLatin = (w: string): boolean => /^[\x20-\x7e]+$/.test(w);
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Where a word occurs: English on word boundaries (plural s allowed), a one-character Chinese word only after 多少/几. */
function occurrences(text: string, word: string): Span[] {
  const spans: Span[] = [];
  const re = isLatin(word)
    ? new RegExp(`(?<![a-z])${escapeRe(word)}(?:s|es)?(?![a-z])`, "g")
    : [...word].length === 1
      ? new RegExp(`(?<=(?:多少|几)个?)${escapeRe(word)}`, "g")
      : new RegExp(escapeRe(word), "g");
  for (const m of text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans;
}

/** Scores every metric by the text its words cover (longest words claim first); the best wins, ties go to data order. */
function bestMetric(text: string, campaign: Campaign): { metric: MetricDef; covered: string[] } | undefined {
  const hits: { metric: number; span: Span; word: string }[] = [];
  campaign.metrics.forEach((m, i) => {
    for (const w of metricWords(m)) for (const span of occurrences(text, w)) hits.push({ metric: i, span, word: w });
  });
  hits.sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start));
  const claimed: Span[] = [];
  const scores = new Map<number, { score: number; covered: string[] }>();
  for (const h of hits) {
    if (claimed.some((c) => h.span.start < c.end && c.start < h.span.end)) continue;
    claimed.push(h.span);
    const s = scores.get(h.metric) ?? { score: 0, covered: [] };
    scores.set(h.metric, { score: s.score + h.span.end - h.span.start, covered: [...s.covered, h.word] });
  }
  let best: { index: number; score: number; covered: string[] } | undefined;
  for (const [index, s] of scores) if (best === undefined || s.score > best.score || (s.score === best.score && index < best.index)) best = { index, ...s };
  const metric = best === undefined ? undefined : campaign.metrics[best.index];
  return metric === undefined || best === undefined ? undefined : { metric, covered: best.covered };
}

/** The notice a text names (longest keyword), if any. */
function noticeIn(text: string): { id: string; words: string[] } | undefined {
  let found: { id: string; words: string[]; len: number } | undefined;
  for (const [id, words] of Object.entries(NOTICE_WORDS)) {
    for (const w of words) if (occurrences(text, w).length > 0 && (found === undefined || w.length > found.len)) found = { id, words, len: w.length };
  }
  return found;
}

/**
 * Understands a plain-text message (Chinese or English): a campaign figure (with an optional period),
 * the next date of a notice, the whole campaign's progress, or nothing. Greetings, sign-up requests,
 * emoji and bare numbers are `unknown`, so no figure is ever answered for them.
 */
export function understandQuestion(text: string, campaign: Campaign): Intent {
  const raw = normalizeText(text).replace(/[’`]/g, "'");
  const meaningful = raw.replace(/[^\p{L}]/gu, "");
  if (meaningful.length === 0 || raw.length > 300) return { kind: "unknown" };
  if (GREETING.test(meaningful)) return { kind: "greeting" };
  if (THANKS.test(meaningful)) return { kind: "thanks" };
  const n = fixTypos(raw, vocabularyOf(campaign));
  const quantity = QUANTITY.test(n);
  const counting = /多少|几|how many|how much/.test(n);
  if (HOW_TO_SIGN_UP.test(n) && !counting) return { kind: "how-to-sign-up" };
  if (SIGNUP.test(n) && !counting) return { kind: "unknown" };
  const period = PERIODS.find(([re]) => re.test(n))?.[1];
  const notice = noticeIn(n);
  const when = WHEN.test(n);
  if (notice !== undefined && when) return { kind: "next-notice", noticeId: notice.id };
  const found = bestMetric(n, campaign);
  const onlyNoticeWords = found !== undefined && found.covered.every((w) => Object.values(NOTICE_WORDS).some((ws) => ws.includes(w)));
  if (notice !== undefined && (found === undefined || (onlyNoticeWords && !quantity && period === undefined))) {
    return { kind: "next-notice", noticeId: notice.id };
  }
  if (found !== undefined) {
    // a lone word inside unrelated chatter ("is there a party tonight") is not a question about a figure
    const coverage = found.covered.reduce((sum, w) => sum + w.replace(/[^\p{L}]/gu, "").length, 0) / meaningful.length;
    const yesNo = YES_NO.test(n);
    if (quantity || yesNo || period !== undefined || coverage >= 0.5) {
      return { kind: "metric", metricId: found.metric.id, ...(period === undefined ? {} : { period }), ...(yesNo ? { yesNo: true as const } : {}) };
    }
  }
  if (when && /下次|下一次|下一个|下个|\bnext\b/.test(n)) return { kind: "next-notice" };
  if (OVERVIEW.test(n)) return { kind: "progress-overview" };
  return { kind: "unknown" };
}

