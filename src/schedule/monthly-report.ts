import type { Logger } from "pino";
import { currentValue, formatNumber, percentOf, quantity, targetOf, valueInPeriod, type Campaign } from "../domain/campaign/index.js";
import { escapeHtml } from "../domain/html.js";
import { localDateOf, localTimeOf } from "../domain/recurrence.js";
import type { Locale, Translate } from "../domain/translate.js";
import type { Outbox } from "../delivery/outbox.js";
import type { AudienceRepo } from "../store/audience-repo.js";
import type { CampaignFigures, CampaignRepo } from "../store/campaign-repo.js";
import type { ScheduleKeys } from "../store/schedule-keys.js";
import type { TickJob } from "./tick-job.js";

export interface MonthlyReportOptions {
  repo: CampaignRepo;
  campaign: Campaign;
  outbox: Outbox;
  keys: ScheduleKeys;
  audience: AudienceRepo;
  timezone: string;
  /** A translator for one locale (`(l) => translatorFor(i18n, l)` in main). */
  render: (locale: Locale) => Translate;
  log?: Logger;
  /**
   * Sends the reported month's Word document to the staff after the text (the app sends it straight
   * through the API under the sender's rate limit: a handful of staff, no broadcast). Called once
   * per month, when the text report was enqueued.
   */
  attach?: (month: string, recipients: number[]) => Promise<void>;
}

const SEND_HOUR = 9;
/** Days of the month on which a report missed while the bot was down is still sent. */
const CATCH_UP_DAYS = 3;

/** The local calendar month, day and hour of an instant in a time zone. */
function localParts(now: Date, tz: string): { month: string; day: number; hour: number } {
  const date = localDateOf(now, tz); // YYYY-MM-DD
  return { month: date.slice(0, 7), day: Number(date.slice(8, 10)), hour: Number(localTimeOf(now, tz).slice(0, 2)) };
}

/** The report in one language: what moved last month, then what is behind target. HTML-safe. */
export function renderMonthlyReport(figures: CampaignFigures, campaign: Campaign, locale: Locale, t: Translate, now: Date, tz: string, month: string): string {
  const { aggregates, targets } = figures;
  const moved: string[] = [];
  const behind: string[] = [];
  for (const m of campaign.metrics) {
    const name = escapeHtml(m.name[locale]);
    const last = valueInPeriod(aggregates, m, "last-month", now, tz);
    if (last.count > 0) {
      const value = m.kind === "rate"
        ? t("campaign-report-moved-rate", { value: quantity(last.value, m, locale, t), aware: formatNumber(last.aware, locale), surveyed: formatNumber(last.surveyed, locale) })
        : `+${quantity(last.amount, m.kind === "per-period" ? { ...m, kind: "sum" } : m, locale, t)}`;
      moved.push(t("campaign-report-moved-line", { name, value, count: last.count }));
    }
    const current = currentValue(aggregates, m, now, tz).value;
    const target = targetOf(m, targets);
    if (current === null || current < target) {
      behind.push(t("campaign-report-behind-line", { name, value: quantity(current, m, locale, t), target: quantity(target, m, locale, t), percent: percentOf(current, target) }));
    }
  }
  const parts = [`<b>${t("campaign-report-title", { month })}</b>`];
  parts.push(`<b>${t("campaign-report-moved-title")}</b>\n${moved.length > 0 ? moved.join("\n") : t("campaign-report-nothing-moved")}`);
  parts.push(behind.length > 0 ? `<b>${t("campaign-report-behind-title", { count: behind.length })}</b>\n${behind.join("\n")}` : t("campaign-report-all-met"));
  return parts.join("\n\n");
}

/**
 * The monthly campaign report: on the 1st of each month (community time zone) from 09:00 (or on
 * the next two days, if the bot was down), one `report` broadcast to every staff member and admin,
 * once per month (key `campaign-report:YYYY-MM`, the month it is sent in).
 */
export function createMonthlyReportJob(options: MonthlyReportOptions): TickJob {
  const { repo, campaign, outbox, keys, audience, timezone, render, log } = options;
  return async (now) => {
    try {
      const { month, day, hour } = localParts(now, timezone);
      if (day > CATCH_UP_DAYS || (day === 1 && hour < SEND_HOUR)) return;
      const key = `campaign-report:${month}`;
      if (await keys.isTaken(key)) return;
      const recipients = await audience.staff();
      if (recipients.length === 0) return;
      // the report is about the month that just ended
      const [y, mo] = month.split("-").map(Number) as [number, number];
      const reported = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, "0")}`;
      const figures = await repo.figures();
      const text = {
        zh: renderMonthlyReport(figures, campaign, "zh", render("zh"), now, timezone, reported),
        en: renderMonthlyReport(figures, campaign, "en", render("en"), now, timezone, reported),
      };
      const { created } = await outbox.enqueue({ kind: "report", key, text, recipients });
      if (created) await options.attach?.(reported, [...recipients]);
    } catch (err) {
      log?.error({ err }, "monthly campaign report failed");
    }
  };
}
