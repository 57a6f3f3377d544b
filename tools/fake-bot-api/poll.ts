/**
 * sendPoll as the Bot API answers it, with the rules its description states that the generic
 * spec check cannot see (option count, quiz answers, open_period vs close_date, adding options).
 */
import { decodeJsonParam } from "./check-value.js";
import type { ApiReply } from "./faults.js";

const bad = (description: string): ApiReply => ({ ok: false, error_code: 400, description: `Bad Request: ${description}` });
const truthy = (v: unknown): boolean => v === true || v === "true";

/** The checks of sendPoll beyond the spec's types; undefined when the call is acceptable. */
export function checkPoll(params: Record<string, unknown>): ApiReply | undefined {
  const options = decodeJsonParam(params.options);
  if (!Array.isArray(options) || options.length < 1) return bad("poll must have at least 1 option");
  if (options.length > 12) return bad("poll can't have more than 12 options");
  const type = params.type ?? "regular";
  if (type !== "regular" && type !== "quiz") return bad("wrong poll type specified");
  const anonymous = params.is_anonymous === undefined ? true : truthy(params.is_anonymous);
  if (type === "quiz") {
    const correct = decodeJsonParam(params.correct_option_ids);
    if (!Array.isArray(correct) || correct.length === 0) return bad("correct_option_ids must be specified for quizzes");
    if (correct.some((i) => typeof i !== "number" || i < 0 || i >= options.length)) return bad("wrong correct option id specified");
  }
  if (params.open_period !== undefined && params.close_date !== undefined) return bad("can't use open_period and close_date together");
  const period = Number(params.open_period ?? 5);
  if (!(period >= 5 && period <= 2_628_000)) return bad("wrong open_period specified");
  if (truthy(params.allow_adding_options) && (anonymous || type === "quiz")) return bad("options can't be added to anonymous polls and quizzes");
  return undefined;
}

/** The `poll` of the sent message: no votes yet. */
export function pollOf(params: Record<string, unknown>, id: string): Record<string, unknown> {
  const options = decodeJsonParam(params.options) as { text: string }[];
  const type = (params.type as string | undefined) ?? "regular";
  const anonymous = params.is_anonymous === undefined ? true : truthy(params.is_anonymous);
  const revoting = params.allows_revoting === undefined ? type === "regular" : truthy(params.allows_revoting);
  return {
    id,
    question: String(params.question),
    options: options.map((o, i) => ({ persistent_id: `${id}-${i}`, text: o.text, voter_count: 0 })),
    total_voter_count: 0,
    is_closed: truthy(params.is_closed),
    is_anonymous: anonymous,
    type,
    allows_multiple_answers: truthy(params.allows_multiple_answers),
    allows_revoting: revoting,
    members_only: false,
  };
}
