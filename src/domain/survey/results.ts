/** Completed forms and how many were aware. */
export interface Tally {
  completed: number;
  aware: number;
}

/** One respondent as the results see it: no answers, only what they count. */
export interface RespondentView {
  started: boolean;
  completed: boolean;
  aware: boolean;
  compound?: string;
}

/** A round's figures: anonymous, nothing about anyone's answers. */
export interface RoundResults {
  /** people the first question went to */
  recipients: number;
  /** answered at least one question */
  respondents: number;
  completed: number;
  aware: number;
  /** compound id (or "" for no compound) → tally */
  byCompound: Map<string, Tally>;
}

/** Percentage of `part` in `whole` (null when nobody). */
export const rateOf = (part: number, whole: number): number | null => (whole > 0 ? (100 * part) / whole : null);

function add(map: Map<string, Tally>, key: string, t: Tally): void {
  const cur = map.get(key) ?? { completed: 0, aware: 0 };
  map.set(key, { completed: cur.completed + t.completed, aware: cur.aware + t.aware });
}

/**
 * Folds the respondents of a round (and the anonymous totals of those who asked to be forgotten)
 * into its results.
 */
export function roundResults(recipients: number, respondents: Iterable<RespondentView>, forgotten: { tally: Tally; byCompound: Record<string, Tally>; started: number }): RoundResults {
  const byCompound = new Map<string, Tally>();
  let started = forgotten.started;
  let completed = forgotten.tally.completed;
  let aware = forgotten.tally.aware;
  for (const [key, t] of Object.entries(forgotten.byCompound)) add(byCompound, key, t);
  for (const r of respondents) {
    if (!r.started) continue;
    started++;
    if (!r.completed) continue;
    completed++;
    if (r.aware) aware++;
    add(byCompound, r.compound ?? "", { completed: 1, aware: r.aware ? 1 : 0 });
  }
  return { recipients, respondents: started, completed, aware, byCompound };
}

/** Sums several rounds' results (the "all rounds" line). */
export function sumResults(list: readonly RoundResults[]): RoundResults {
  const out: RoundResults = { recipients: 0, respondents: 0, completed: 0, aware: 0, byCompound: new Map() };
  for (const r of list) {
    out.recipients += r.recipients;
    out.respondents += r.respondents;
    out.completed += r.completed;
    out.aware += r.aware;
    for (const [key, t] of r.byCompound) add(out.byCompound, key, t);
  }
  return out;
}
