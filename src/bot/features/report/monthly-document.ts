import { InputFile, type Api } from "grammy";
import type { Logger } from "pino";
import { parseReportPeriod } from "../../../domain/report/index.js";
import type { Locale } from "../../../domain/translate.js";
import type { ApiSignal } from "../../../delivery/sender.js";
import type { ReportBuilder } from "./build.js";

export interface MonthlyDocumentServices {
  build: ReportBuilder;
  api: Api;
  /** the sender's rate limit, shared with broadcasts */
  limited: <T>(chatId: number, call: (signal: ApiSignal) => Promise<T>) => Promise<T>;
  /** a staff member's language (`LocaleService.ofChat`; none: Chinese) */
  localeOf: (chatId: number) => Promise<Locale | undefined>;
  log: Logger;
}

/**
 * The month's report as a .docx, sent straight to the few staff the monthly report goes to, under
 * the sender's rate limit (see `attach` in monthly-report.ts): a failed send is logged, and
 * `/report YYYY-MM` gives the document again.
 */
export function createMonthlyDocument(s: MonthlyDocumentServices): (month: string, recipients: number[]) => Promise<void> {
  return async (month, recipients) => {
    const period = parseReportPeriod(month, "");
    if (!period) return;
    for (const chatId of recipients) {
      const report = await s.build(period, (await s.localeOf(chatId)) ?? "zh");
      await s
        .limited(chatId, (signal) => s.api.sendDocument(chatId, new InputFile(report.docx, report.filename), {}, signal))
        .catch((err: unknown) => s.log.warn({ err, chatId }, "could not send the monthly report document"));
    }
  };
}
