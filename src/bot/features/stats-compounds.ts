import { escapeHtml } from "../../domain/html.js";
import type { CompoundsRepo } from "../../store/compounds-repo.js";
import type { SignupRepo } from "../../store/signup-repo.js";
import type { BotContext } from "../context.js";

/** What the per-compound lines read: compounds, and the sign-ups of occurrences not started yet. */
export interface CompoundStatsSources {
  compounds: CompoundsRepo;
  signups: Pick<SignupRepo, "occurrenceIds" | "summary" | "occurrence">;
}

/**
 * The /stats lines per compound (and "none chosen"): active subscribers, and sign-ups (person ×
 * occurrence, waitlist included) for occurrences that have not started.
 */
export async function compoundStatsLines(ctx: BotContext, sources: CompoundStatsSources): Promise<string[]> {
  const { compounds, signups } = sources;
  const members = await compounds.members();
  const now = ctx.deps.now().getTime();
  const signed = new Map<string | undefined, number>();
  for (const id of await signups.occurrenceIds()) {
    const startsAt = signups.occurrence(id)?.startsAt.getTime();
    if (startsAt === undefined || startsAt <= now) continue;
    const roster = await signups.summary(id);
    for (const { userId } of [...roster.confirmed, ...roster.waitlist]) {
      const compound = members.get(userId);
      signed.set(compound, (signed.get(compound) ?? 0) + 1);
    }
  }
  const names = new Map((await compounds.list()).map((c) => [c.id, c.name[ctx.locale]]));
  const lines = [ctx.t("moveskip-stats-compounds")];
  for (const { id, count } of await compounds.breakdown()) {
    const name = id === undefined ? ctx.t("moveskip-stats-none-chosen") : escapeHtml(names.get(id) ?? id);
    lines.push(ctx.t("moveskip-stats-compound-line", { name, subscribers: count, signups: signed.get(id) ?? 0 }));
  }
  return lines;
}
