import { localeFromLanguageCode, type Locale, type Translate } from "../../../domain/translate.js";
import type { Promotion, SignupVia } from "../../../domain/signups/index.js";
import type { SignupOccurrence } from "../../../store/signup-repo.js";
import type { BotContext } from "../../context.js";
import type { LiveCounter, LiveMessage } from "./live-count.js";
import { cancelAnswer, createDateLabels, joinAnswer, notifyPromotions, occurrenceArgs, translatorsOf, type SignupFeatureServices } from "./shared.js";

/** One sign-up or cancellation to carry out. `add`: `headcount` is "+N" on top of the current party. */
export type Act = { action: "join" | "cancel"; occurrenceId: string; via: SignupVia; headcount?: number; add?: boolean; live?: LiveMessage };

/**
 * Decides, waits for the disk, then returns the answer; promotions and counts follow. `lang` is
 * the answer's language (default: the update's).
 */
export type ActFn = (ctx: BotContext, req: Act, lang?: { t: Translate; locale: Locale }) => Promise<string>;

export function createAct(services: SignupFeatureServices & { live: LiveCounter }): ActFn {
  const { repo, live } = services;
  const dates = createDateLabels(repo.timezone);
  return async (ctx, req, lang) => {
    const userId = ctx.from?.id ?? 0;
    const tz = ctx.deps.timezone;
    const { t, locale } = lang ?? { t: ctx.t, locale: ctx.locale };
    const escape = req.via !== "button"; // callback answers are plain text
    const args = (occ: SignupOccurrence) => occurrenceArgs(occ, tz, locale, escape, dates);
    const remembered = rememberLanguage(ctx);
    let outcome: { text: string; written: boolean; promoted: Promotion[] };
    if (req.action === "join") {
      const r = await repo.join(userId, req.occurrenceId, req.via, req.headcount, req.add);
      if (r.outcome === "unknown") return t("signup-invalid");
      outcome = { text: joinAnswer(t, r.decision, args(r.occurrence)), written: r.written, promoted: r.promoted };
    } else {
      const r = await repo.cancel(userId, req.occurrenceId, req.via);
      if (r.outcome === "unknown") return t("signup-invalid");
      outcome = { text: cancelAnswer(t, r.decision, args(r.occurrence)), written: r.written, promoted: r.promoted };
    }
    await remembered; // on disk with (or before) the sign-up's own write
    if (outcome.written) {
      live.touch(ctx.api, req.occurrenceId, req.live ? [req.live] : []);
      const deps = { locales: services.locales, repo, timezone: tz, translators: translatorsOf(ctx), ...(services.outbox ? { outbox: services.outbox } : {}), onError: (err: unknown) => ctx.deps.log.warn({ err }, "could not tell a promoted volunteer") };
      const { promoted } = outcome;
      // after this update's answer: the one who pressed hears first, the promoted right after
      if (promoted.length > 0) setImmediate(() => void notifyPromotions(ctx.api, deps, promoted));
    }
    return outcome.text;
  };
}

/** The sender's own language: the one they chose, else Telegram's (a group's language is for the group). */
export function ownLocale(ctx: BotContext): Promise<Locale> {
  return ctx.from ? ctx.deps.locales.ofSender(ctx.from) : Promise.resolve(ctx.locale);
}

/**
 * Keeps a volunteer's language with their profile when they never chose one: a promotion or a
 * personal reminder reaches them later, outside any update, and must not fall back to Chinese for
 * an English speaker. Through the users repository, so it is written (and on disk) like any change.
 */
async function rememberLanguage(ctx: BotContext): Promise<void> {
  const from = ctx.from;
  if (from?.language_code === undefined) return;
  await ctx.deps.users.rememberLanguage(from.id, localeFromLanguageCode(from.language_code));
}
