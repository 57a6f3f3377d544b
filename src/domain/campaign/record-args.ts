import type { Campaign, MetricDef } from "./metric.js";
import { looksLikeAmount, MAX_AMOUNT, parseAmount, unitWords } from "./amount.js";
import { normalizeText, resolveMetric, suggestMetrics } from "./resolve-metric.js";

export { resolveMetric, suggestMetrics } from "./resolve-metric.js";

/** Why /record or /target arguments were refused. */
export type ArgsError =
  | "unknown-metric" | "bad-amount" | "bad-unit" | "missing-args" | "negative" | "too-large" | "aware-too-many"
  | "not-whole" | "rate-as-fraction";

/**
 * Failure with close metric ids to suggest (empty when the metric was understood). A refused figure
 * (`not-whole`, `rate-as-fraction`) also names the metric and the amount, in the metric's unit.
 */
export type ArgsFailure = { ok: false; error: ArgsError; suggestions: string[]; metricId?: string; amount?: number };

/** What `/record <metric> <amount> [note]` asks to record. */
export type RecordArgs = { ok: true; metricId: string; amount: number; aware?: number; note?: string } | ArgsFailure;

/** What `/target <metric> <value>` asks to set. */
export type TargetArgs = { ok: true; metricId: string; value: number } | ArgsFailure;

interface Token {
  text: string;
  start: number;
}

const fail = (error: ArgsError, suggestions: string[] = []): ArgsFailure => ({ ok: false, error, suggestions });
const refuse = (error: ArgsError, metric: MetricDef, amount: number): ArgsFailure => ({ ok: false, error, suggestions: [], metricId: metric.id, amount });
/** Is this amount (already in the metric's unit: 8斤 → 4 kg) one the metric can count? */
const countable = (metric: MetricDef, amount: number): boolean => metric.whole !== true || Number.isInteger(amount);
const AWARE = /^(?:aware|知晓|知道)(?:[=:：])?(\d+)(?:份|人|张)?$/i;
const AWARE_WORD = /^(?:aware|知晓|知道)/i;
const FRACTION = /^(\d+)\/(\d+)$/;
const BARE_NUMBER = /^[-+−¥]?[\d.,]+(万|千|k)?$/;

/** Splits text into words with their positions, and a metric word glued to its amount (垃圾12车). */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    const word = m[0];
    const at = m.index;
    const digit = word.normalize("NFKC").search(/\d/);
    if (tokens.length === 0 && digit > 0 && !looksLikeAmount(word) && word.length === word.normalize("NFKC").length) {
      tokens.push({ text: word.slice(0, digit), start: at }, { text: word.slice(digit), start: at + digit });
    } else tokens.push({ text: word, start: at });
  }
  return tokens;
}

/** Finds the metric named by the words before the amount; a failure carries suggestions. */
function metricBefore(tokens: Token[], end: number, campaign: Campaign): MetricDef | ArgsFailure {
  const phrase = tokens.slice(0, end).map((t) => t.text).join(" ");
  if (phrase === "") return fail("missing-args");
  return resolveMetric(phrase, campaign) ?? fail("unknown-metric", suggestMetrics(phrase, campaign));
}

/** Shared front half of /record and /target: metric, amount (with a unit word that may follow it). */
function parseFront(text: string, campaign: Campaign) {
  const body = text.replace(/^\/\w+(@\w+)?/, "").trim();
  const tokens = tokenize(body);
  if (tokens.length === 0) return { failure: fail("missing-args") };
  const at = tokens.findIndex((t, i) => i > 0 && looksLikeAmount(t.text));
  if (at === -1) {
    // no amount: say whether the metric at least was understood ("垃圾" lacks the amount, in
    // "垃圾 很多" the words after the metric are a bad amount); longer phrases name no metric
    let named = 0;
    let phrase = "";
    for (let end = 1; end <= tokens.length && phrase.length <= 80; end++) {
      phrase = tokens.slice(0, end).map((t) => t.text).join(" ");
      if (resolveMetric(phrase, campaign) !== undefined) named = end;
    }
    if (named > 0) return { failure: fail(named === tokens.length ? "missing-args" : "bad-amount") };
    const metric = metricBefore(tokens, tokens.length, campaign);
    return { failure: "ok" in metric ? metric : fail("missing-args") };
  }
  const metric = metricBefore(tokens, at, campaign);
  if ("ok" in metric) return { failure: metric };
  return { metric, tokens, at, body };
}

/**
 * Parses `/record <metric> <amount> [note]` (the command itself may be included). The metric is an
 * id, alias or name in either language; the amount may carry a unit, 万, thousands separators.
 * A survey batch is `<surveyed> aware=<n>` (or `知晓=<n>`, or `<aware>/<surveyed>`): given on
 * awareness_surveys or awareness_rate it is recorded once, on the rate metric (amount = surveyed),
 * and the survey count includes it. A rate metric without an aware count is `bad-amount`; a fraction
 * of a metric counted in whole things (3.5间) is `not-whole`.
 */
export function parseRecordArgs(text: string, campaign: Campaign): RecordArgs {
  const front = parseFront(text, campaign);
  if (front.failure !== undefined) return front.failure;
  const { metric, tokens, at, body } = front;
  const amountToken = tokens[at];
  if (amountToken === undefined) return fail("missing-args");
  let next = at + 1;
  let amount: number;
  let aware: number | undefined;
  const fraction = FRACTION.exec(normalizeText(amountToken.text));
  if (fraction !== null) {
    [aware, amount] = [Number(fraction[1]), Number(fraction[2])];
  } else {
    const units = unitWords(campaign.metrics);
    let parsed = parseAmount(amountToken.text, metric, units);
    // a unit written apart ("350 m2", "350 sq m", "12 车") belongs to a bare number
    if (parsed.ok && BARE_NUMBER.test(normalizeText(amountToken.text))) {
      for (const width of [2, 1]) {
        const words = tokens.slice(at + 1, at + 1 + width);
        if (words.length < width || words.some((w) => looksLikeAmount(w.text))) continue;
        const withUnit = parseAmount(`${amountToken.text} ${words.map((w) => w.text).join(" ")}`, metric, units);
        if (withUnit.ok) {
          [parsed, next] = [withUnit, at + 1 + width];
          break;
        }
        // "垃圾 12 平米": another metric's unit is a mistake, not the start of the note
        if (units.has(normalizeText(words.map((w) => w.text).join(" ")))) return fail("bad-unit");
      }
    }
    if (!parsed.ok) return fail(parsed.error);
    amount = parsed.amount;
    // "aware=190", also written apart: "aware = 190", "知晓 190"
    for (const width of [1, 2, 3]) {
      const words = tokens.slice(next, next + width);
      const awareMatch = words.length === width ? AWARE.exec(normalizeText(words.map((w) => w.text).join(""))) : null;
      if (awareMatch !== null) {
        [aware, next] = [Number(awareMatch[1]), next + width];
        break;
      }
    }
    // an aware count that cannot be read must not end up as the note of a survey count
    if (aware === undefined && AWARE_WORD.test(normalizeText(tokens[next]?.text ?? ""))) return fail("bad-amount");
  }
  if (amount > MAX_AMOUNT) return fail("too-large");
  if (amount <= 0) return fail("bad-amount");
  let metricId = metric.id;
  if (aware !== undefined) {
    if (!Number.isInteger(aware) || !Number.isInteger(amount)) return fail("bad-amount");
    if (aware > amount) return fail("aware-too-many");
    const rate = metric.kind === "rate" ? metric : campaign.metrics.find((m) => m.kind === "rate" && (metric.includes ?? []).includes(m.id));
    if (rate === undefined) return fail("bad-amount");
    metricId = rate.id;
  } else if (metric.kind === "rate") return fail("bad-amount");
  else if (!countable(metric, amount)) return refuse("not-whole", metric, amount);
  const noteStart = tokens[next]?.start;
  const note = noteStart === undefined ? "" : body.slice(noteStart).trim();
  return { ok: true, metricId, amount, ...(aware !== undefined ? { aware } : {}), ...(note !== "" ? { note } : {}) };
}

/**
 * Parses `/target <metric> <value>`; a rate's target is a percentage (`95` or `95%`, at most 100),
 * a whole metric's a whole number.
 */
export function parseTargetArgs(text: string, campaign: Campaign): TargetArgs {
  const front = parseFront(text, campaign);
  if (front.failure !== undefined) return front.failure;
  const { metric, tokens, at } = front;
  const rest = tokens.slice(at).map((t) => t.text).join(" ");
  const parsed = parseAmount(rest, metric, unitWords(campaign.metrics));
  if (!parsed.ok) return fail(parsed.error);
  if (metric.kind === "rate" && parsed.amount > 100) return fail("too-large");
  // 0.95 is 95 % written as a fraction, not a 0.95 % target. 1 is as ambiguous (100 % or 1 %?) and
  // no target of 1 % or less is plausible, so 0 < v ≤ 1 is refused, "%" or not.
  if (metric.kind === "rate" && parsed.amount <= 1) return refuse("rate-as-fraction", metric, parsed.amount);
  if (!countable(metric, parsed.amount)) return refuse("not-whole", metric, parsed.amount);
  return { ok: true, metricId: metric.id, value: parsed.amount };
}
