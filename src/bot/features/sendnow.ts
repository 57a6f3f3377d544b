import { Composer } from "grammy";
import { escapeHtml } from "../../domain/html.js";
import type { DueReminder, NoticeDef } from "../../domain/notice.js";
import { reminderKey } from "../../domain/notice.js";
import { noticeNameList, resolveNoticeName } from "../../domain/notice-names.js";
import { formatDate } from "../../domain/notice-text.js";
import { nextReminder } from "../../domain/recurrence.js";
import type { Outbox } from "../../delivery/outbox.js";
import { reminderBulletin, reminderMedia, renderReminderBoth } from "../../delivery/render-reminder.js";
import type { BroadcastHistory } from "../../store/deliveries-repo.js";
import type { CatalogReader } from "../../store/catalog-reader.js";
import type { ChatsRepo } from "../../store/chats-repo.js";
import type { NoticesRepo } from "../../store/notices-repo.js";
import type { BotContext } from "../context.js";
import { commandArgs, staffOnly } from "../guards.js";
import { translatorsOf } from "../i18n.js";
import { FlatComposer } from "../flat-composer.js";

/** `sn:y:<noticeId>:<date>` (send again) / `sn:n` (keep it): ids only, at most 5 + 32 + 11 = 48 bytes. */
const CONFIRM = /^sn:y:([a-z0-9][a-z0-9-]{0,31}):(\d{4}-\d{2}-\d{2})$/;

/** What /sendnow would send for a notice now, or why it cannot. */
type Plan =
  | { ok: false; reply: string }
  | { ok: true; notice: NoticeDef; date: string; startsAt: Date; baseKey: string; resent: boolean; repeat: boolean };

/**
 * /sendnow <notice id or name> for staff: the reminder of the next occurrence, now, through the
 * outbox, under the key the scheduler would use, so the scheduled one is not sent again. A reminder
 * that already went out (or a bulletin issue already published) goes to everyone again only after
 * a confirmation with buttons, under a key of its own per confirmation (a double press sends once).
 */
export function createSendNow(
  catalog: CatalogReader,
  outbox: Outbox,
  reads: { notices: Pick<NoticesRepo, "list" | "get">; chats: Pick<ChatsRepo, "activeSubscriberIds">; history: Pick<BroadcastHistory, "keyTaken"> },
): Composer<BotContext> {
  const { notices, chats, history } = reads;
  const tz = catalog.timezone;
  const feature = new FlatComposer<BotContext>();
  const ids = async (ctx: BotContext) => escapeHtml(noticeNameList(await notices.list(), ctx.locale));

  const plan = async (ctx: BotContext, notice: NoticeDef): Promise<Plan> => {
    const title = escapeHtml(notice.title[ctx.locale]);
    const next = nextReminder(notice, tz, ctx.deps.now());
    if (!next) return { ok: false, reply: ctx.t("notices-sendnow-no-occurrence", { title }) };
    const ref: Pick<DueReminder, "noticeId" | "date"> = { noticeId: notice.id, date: next.occurrence.date };
    const issue = notice.bulletin ? reminderBulletin(await catalog.read(), ref, tz) : undefined;
    if (issue && !issue.bulletin) return { ok: false, reply: ctx.t("notices-sendnow-no-bulletin", { title }) };
    // the issue the previous occurrence already published: sent again under a key of its own, so
    // the scheduled slot stays free for the new issue staff will add before that date
    const repeat = issue !== undefined && !issue.fresh;
    // the scheduler's key for this reminder, so sending now also stands for the scheduled one
    const chosen = next.next ?? next.reminders.at(-1);
    const baseKey = chosen?.key ?? reminderKey(notice.id, next.occurrence.date, "now");
    const resent = repeat || (await history.keyTaken(baseKey));
    return { ok: true, notice, date: next.occurrence.date, startsAt: next.occurrence.startsAt, baseKey, resent, repeat };
  };

  const args = async (ctx: BotContext, p: Extract<Plan, { ok: true }>) => ({
    title: escapeHtml(p.notice.title[ctx.locale]),
    date: escapeHtml(formatDate(p.startsAt, tz, ctx.locale)),
    count: (await chats.activeSubscriberIds()).length,
  });

  /** Enqueues the reminder; false when that key was already taken (a second press). */
  const send = async (ctx: BotContext, p: Extract<Plan, { ok: true }>, key: string): Promise<boolean> => {
    const tr = translatorsOf(ctx);
    const chatId = ctx.chat?.id ?? 0;
    const ref = { noticeId: p.notice.id, date: p.date };
    const current = await catalog.read();
    const media = reminderMedia(current, ref);
    const { created } = await outbox.enqueue({
      kind: "notice",
      key,
      text: renderReminderBoth(current, ref, { zh: tr("zh"), en: tr("en") }, tz),
      ...(media ? { media } : {}),
      ...(p.notice.signup?.enabled ? { occurrenceId: `${p.notice.id}:${p.date}` } : {}),
      recipients: await chats.activeSubscriberIds(),
      createdBy: ctx.from?.id ?? chatId,
      progress: { chatId, lang: ctx.locale },
    });
    return created;
  };

  feature.command("sendnow", staffOnly, async (ctx) => {
    const name = commandArgs(ctx);
    if (name === "") {
      await ctx.reply(ctx.t("notices-sendnow-usage", { ids: await ids(ctx) }));
      return;
    }
    // a name may have several words ("pest control"); an id may be followed by anything
    const all = await notices.list();
    const notice = resolveNoticeName(name, all) ?? resolveNoticeName(name.split(/\s+/)[0] ?? "", all);
    if (!notice) {
      await ctx.reply(ctx.t("notices-sendnow-unknown", { id: escapeHtml(name.slice(0, 64)), ids: await ids(ctx) }));
      return;
    }
    const p = await plan(ctx, notice);
    if (!p.ok) {
      await ctx.reply(p.reply);
      return;
    }
    if (!p.resent) {
      await send(ctx, p, p.baseKey);
      await ctx.reply(ctx.t("notices-sendnow-queued", await args(ctx, p)));
      return;
    }
    // everyone already has it: ask before sending it to everyone again
    const keyboard = [[
      { text: ctx.t("sendnow-again-confirm"), callback_data: `sn:y:${notice.id}:${p.date}` },
      { text: ctx.t("sendnow-again-cancel"), callback_data: "sn:n" },
    ]];
    await ctx.reply(ctx.t(p.repeat ? "sendnow-again-issue-ask" : "sendnow-again-ask", await args(ctx, p)), { reply_markup: { inline_keyboard: keyboard } });
  });

  feature.callbackQuery(/^sn:/, staffOnly, async (ctx) => {
    const data = ctx.callbackQuery.data;
    const m = CONFIRM.exec(data);
    const message = ctx.callbackQuery.message;
    const notice = m ? await notices.get(m[1] ?? "") : undefined;
    const p = notice ? await plan(ctx, notice) : undefined;
    if (data === "sn:n" || !message) {
      await ctx.answerCallbackQuery();
      if (message) await ctx.editMessageText(ctx.t("sendnow-again-cancelled")).catch(() => undefined);
      return;
    }
    if (!m || !p?.ok || p.date !== m[2]) {
      // the next occurrence moved on since the question (or the data is forged): ask again
      await ctx.answerCallbackQuery({ text: ctx.t("sendnow-again-expired"), show_alert: true });
      return;
    }
    const created = await send(ctx, p, `${p.baseKey}:now:${message.chat.id}:${message.message_id}`);
    await ctx.answerCallbackQuery(created ? {} : { text: ctx.t("sendnow-again-already") });
    if (!created) return;
    await ctx.editMessageText(ctx.t(p.repeat ? "notices-sendnow-repeat-issue" : "notices-sendnow-resend", await args(ctx, p))).catch(() => undefined);
  });

  return feature;
}
