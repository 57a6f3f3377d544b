import { Composer, InputFile } from "grammy";
import { escapeHtml } from "../../domain/html.js";
import { parseReportPeriod } from "../../domain/report/index.js";
import { localDateOf } from "../../domain/zoned-time.js";
import type { BotContext } from "../context.js";
import { commandArgs, staffOnly } from "../guards.js";
import type { ReportBuilder } from "./report/build.js";
import { FlatComposer } from "../flat-composer.js";

/**
 * /report [YYYY-MM | YYYY] (staff): the period's work report for the street office as a Word
 * document in the staff member's language, shaped like the year summary, and a short summary.
 * Without an argument: this year so far.
 */
export function createReportFeature(services: { build: ReportBuilder }): Composer<BotContext> {
  const feature = new FlatComposer<BotContext>();
  feature.command("report", staffOnly, async (ctx) => {
    const arg = commandArgs(ctx);
    if (arg === "help" || arg === "?") return void (await ctx.reply(ctx.t("report-usage")));
    const period = parseReportPeriod(arg, localDateOf(ctx.deps.now(), ctx.deps.timezone));
    if (!period) return void (await ctx.reply(`${ctx.t("report-bad-period", { arg: escapeHtml(arg.slice(0, 40)) })}\n${ctx.t("report-usage")}`));
    await ctx.replyWithChatAction("upload_document").catch(() => undefined);
    const report = await services.build(period, ctx.locale);
    await ctx.replyWithDocument(new InputFile(report.docx, report.filename), { caption: ctx.t("report-caption", { title: escapeHtml(report.title) }) });
    await ctx.reply(report.summary);
  });
  return feature;
}
