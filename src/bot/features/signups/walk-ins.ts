import type { SignupOccurrence } from "../../../store/signup-repo.js";
import type { BotContext } from "../../context.js";
import { occurrenceArgs } from "./shared.js";

/** The largest walk-in count taken at once (a typo such as +18000 is refused, not counted). */
export const MAX_WALK_INS = 10_000;

/**
 * Stores N people counted at the door of an occurrence (replacing an earlier count); resolves with
 * the previous count, or undefined when the notice feeds no campaign figure per attendee.
 */
export type OnWalkIns = (noticeId: string, occurrence: { date: string; startsAt: string }, count: number) => Promise<{ previous: number } | undefined>;

/**
 * Takes a walk-in count `+N` (also ＋N, full width) off the end of `/attended`'s arguments:
 * `/attended cleanup-day 2026-11-28 +180`. `count` is NaN for a `+` that is not a whole number in
 * range (so the caller shows the usage), undefined when there is none.
 */
export function takeWalkIns(args: readonly string[]): { rest: string[]; count?: number } {
  const last = args.at(-1)?.normalize("NFKC");
  if (last === undefined || !last.startsWith("+")) return { rest: [...args] };
  const count = /^\+\d{1,6}$/.test(last) ? Number(last.slice(1)) : Number.NaN;
  return { rest: args.slice(0, -1), count: count <= MAX_WALK_INS ? count : Number.NaN };
}

/** Records the walk-ins of `occ` and says what was counted (marked one by one + at the door). */
export async function recordWalkIns(ctx: BotContext, onWalkIns: OnWalkIns | undefined, occ: SignupOccurrence, count: number, marked: number): Promise<string> {
  const args = occurrenceArgs(occ, ctx.deps.timezone, ctx.locale);
  const result = onWalkIns ? await onWalkIns(occ.noticeId, { date: occ.date, startsAt: occ.startsAt.toISOString() }, count) : undefined;
  if (result === undefined) return ctx.t("campaign-walkins-no-figure", args);
  return ctx.t("campaign-walkins-done", { ...args, count, marked, total: count + marked, previous: result.previous });
}
