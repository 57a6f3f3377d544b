import type { Api } from "grammy";
import { escapeHtml } from "../../../domain/html.js";
import { formatDate } from "../../../domain/notice-text.js";
import type { CancelDecision, JoinDecision, Promotion } from "../../../domain/signups/index.js";
import type { Locale, Translate } from "../../../domain/translate.js";
import type { SignupOccurrence, SignupRepo } from "../../../store/signup-repo.js";
import type { LocaleService } from "../../../store/locales.js";
import type { UsersRepo } from "../../../store/users-repo.js";
import type { Outbox } from "../../../delivery/outbox.js";
import type { BotContext } from "../../context.js";
import type { Translators } from "../../i18n.js";
import type { LiveCounter, RateGate } from "./live-count.js";
import type { OnWalkIns } from "./walk-ins.js";

/**
 * Called once staff marked people as attending (the campaign turns it into progress records) or took
 * marks back (`change.attended` false: the campaign takes those records back). `change.remaining` is
 * how many are marked for the occurrence after the change.
 */
export type OnAttendance = (
  noticeId: string,
  occurrence: { date: string; startsAt: string },
  attendeeIds: number[],
  change?: { attended: boolean; remaining: number },
) => Promise<void>;

/** What the sign-up feature needs (no API client: handlers use the update's). */
export interface SignupFeatureServices {
  repo: SignupRepo;
  /** names on rosters and exports, /party */
  users: Pick<UsersRepo, "names" | "profiles" | "setPartyMember">;
  /** a promoted volunteer's language when the message is sent directly (the one locale rule) */
  locales: Pick<LocaleService, "ofPerson">;
  onAttendance?: OnAttendance;
  /** `/attended <id> <date> +N`: people counted at the door feed the campaign (journeys-figures). */
  onWalkIns?: OnWalkIns;
  /** Minimum gap between two edits of the live count in one chat (default 4000 ms). */
  liveEditIntervalMs?: number;
  /** A shared counter (tests, or to stop its timers on shutdown); one is made when absent. */
  liveCounter?: LiveCounter;
  /** The sender's rate limit, which the live count's edits then share with broadcasts (Sender.limited). */
  liveGate?: RateGate;
  /**
   * When given, promotion messages go through the outbox (saved, rate-limited, retried, resumed
   * after a restart) instead of being sent directly.
   */
  outbox?: Outbox;
  /** An extra line for /my (the resident's compound, from /home), in the update's language. */
  myExtra?: (ctx: BotContext) => Promise<string | undefined>;
}

export { translatorsOf, type Translators } from "../../i18n.js";

/** Title and date of an occurrence for a message, escaped for HTML unless `escape` is false (`11月28日（周六）08:30`, `周末卫生日`). */
export function occurrenceArgs(occ: SignupOccurrence, tz: string, locale: Locale, escape = true, dates?: DateLabels): { title: string; date: string } {
  const title = occ.notice.title[locale];
  return { title: escape ? escapeHtml(title) : title, date: dates ? dates(occ, locale) : formatDate(occ.startsAt, tz, locale) };
}

/** `formatDate` of an occurrence, memoized: Intl formatters are costly and a burst asks for the same few dates. */
export type DateLabels = (occ: SignupOccurrence, locale: Locale) => string;

export function createDateLabels(tz: string): DateLabels {
  const cache = new Map<string, string>();
  return (occ, locale) => {
    const key = `${occ.occurrenceId}|${locale}`;
    let label = cache.get(key);
    if (label === undefined) {
      if (cache.size > 1000) cache.clear();
      label = formatDate(occ.startsAt, tz, locale);
      cache.set(key, label);
    }
    return label;
  };
}

/** The answer to a join, in the user's words. */
export function joinAnswer(t: Translate, d: JoinDecision, args: { title: string; date: string }): string {
  switch (d.outcome) {
    case "joined":
      return t("signup-joined", { ...args, position: d.position, headcount: d.headcount });
    case "waitlisted":
      return t("signup-waitlisted", { ...args, position: d.position });
    case "already":
      if (d.headcountChanged) {
        return t(d.waitlisted ? "signup-headcount-changed-waiting" : "signup-headcount-changed", { ...args, position: d.position, headcount: d.headcount });
      }
      return d.waitlisted ? t("signup-already-waiting", { ...args, position: d.position }) : t("signup-already", { ...args, position: d.position, headcount: d.headcount });
    case "closed":
      return t("signup-closed", args);
    case "started":
      return t("signup-started", args);
    case "too-many":
      // the bound that refused it, in its own words: "one sign-up: at most 10" is not "10 places left"
      return d.max <= 0 ? t("signup-full") : t(`signup-too-many-${d.limit}`, { max: d.max });
  }
}

/** The answer to a cancellation. */
export function cancelAnswer(t: Translate, d: CancelDecision, args: { title: string; date: string }): string {
  switch (d.outcome) {
    case "cancelled":
      return t(d.wasWaitlisted ? "signup-cancelled-waiting" : "signup-cancelled", args);
    case "not-signed-up":
      return t("signup-not-signed-up", args);
    case "started":
      return t("signup-started", args);
  }
}

/**
 * Tells each promoted volunteer at once, in their own language, in a private message. Someone who
 * never opened a private chat with the bot (403) cannot be told; the promotion stands anyway.
 * With an outbox, the message is enqueued (both languages; the sender picks theirs) so a passing
 * fault or a restart does not lose it.
 */
export async function notifyPromotions(
  api: Api,
  deps: { locales: Pick<LocaleService, "ofPerson">; repo: SignupRepo; timezone: string; translators: Translators; outbox?: Outbox; onError?: (err: unknown) => void },
  promotions: readonly Promotion[],
): Promise<void> {
  const textIn = (occ: SignupOccurrence, p: Promotion, locale: Locale): string => {
    const t = deps.translators(locale);
    // with the place: a promotion after the personal reminder went out gets no reminder of its own
    const place = occ.notice.place?.[locale];
    const lines = [t("signup-promoted", { ...occurrenceArgs(occ, deps.timezone, locale), position: p.position })];
    if (place) lines.push(t("signup-personal-reminder-place", { place: escapeHtml(place) }));
    return lines.join("\n");
  };
  for (const p of promotions) {
    const occ = deps.repo.occurrence(p.occurrenceId);
    if (!occ) continue;
    try {
      if (deps.outbox) {
        // no idempotency key: one with the user's id in it outlived /forgetme (in `enqueued` and the
        // broadcast), and each promotion is a new message anyway
        await deps.outbox.enqueue({
          kind: "personal",
          text: { zh: textIn(occ, p, "zh"), en: textIn(occ, p, "en") },
          recipients: [p.userId],
        });
        continue;
      }
      const locale = await deps.locales.ofPerson(p.userId);
      await api.sendMessage(p.userId, textIn(occ, p, locale));
    } catch (err) {
      const code = (err as { error_code?: number }).error_code;
      if (code !== 403 && code !== 400) deps.onError?.(err);
    }
  }
}
