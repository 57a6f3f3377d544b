import type { Composer } from "grammy";
import { FlatComposer } from "../flat-composer.js";
import { escapeHtml } from "../../domain/html.js";
import type { DueReminder, NoticeCatalog } from "../../domain/notice.js";
import { reminderKey } from "../../domain/notice.js";
import { formatDate } from "../../domain/notice-text.js";
import { nextOccurrence, nextReminder } from "../../domain/recurrence.js";
import type { Translate } from "../../domain/translate.js";
import { isKeyTaken, type Outbox } from "../../delivery/outbox.js";
import { reminderBulletin, reminderMedia, renderReminderBoth } from "../../schedule/render-reminder.js";
import { activeSubscribers } from "../../store/chats.js";
import type { BotContext } from "../context.js";
import { translatorsOf } from "../i18n.js";
import { nextNoticeLine } from "../next-answer.js";
import { commandArgs, staffOnly } from "../guards.js";

export interface NoticesServices {
  catalog: NoticeCatalog;
  outbox: Outbox;
}


/**
 * /next for everyone: each notice's next date, in the reader's language, community time.
 * /sendnow <notice-id> for staff: the reminder of the next occurrence, now, through the outbox,
 * under the key the scheduler would use, so the scheduled one is not sent again.
 */
export function createNoticesFeature(services: NoticesServices): Composer<BotContext> {
  const { catalog, outbox } = services;
  const tz = catalog.timezone;
  const ids = () => catalog.notices.map((n) => n.id).join(", ");
  const feature = new FlatComposer<BotContext>();

  feature.command("next", async (ctx) => {
    const locale = ctx.locale;
    const now = ctx.deps.now();
    const upcoming = catalog.notices
      .map((notice) => ({ notice, occurrence: nextOccurrence(notice, tz, now) }))
      .sort((a, b) => (a.occurrence?.startsAt.getTime() ?? Infinity) - (b.occurrence?.startsAt.getTime() ?? Infinity));
    if (upcoming.length === 0) {
      await ctx.reply(ctx.t("notices-next-empty"));
      return;
    }
    const t: Translate = (key, args) => ctx.t(key, args);
    const lines = upcoming.map(({ notice, occurrence }) => nextNoticeLine(notice, occurrence, tz, locale, t));
    await ctx.reply([ctx.t("notices-next-title"), "", ...lines, "", ctx.t("notices-next-footer", { tz })].join("\n"));
  });

  feature.command("sendnow", staffOnly, async (ctx) => {
    const id = commandArgs(ctx).split(/\s+/)[0] ?? "";
    if (id === "") {
      await ctx.reply(ctx.t("notices-sendnow-usage", { ids: ids() }));
      return;
    }
    const notice = catalog.notices.find((n) => n.id === id.toLowerCase());
    if (!notice) {
      await ctx.reply(ctx.t("notices-sendnow-unknown", { id: escapeHtml(id.slice(0, 64)), ids: ids() }));
      return;
    }
    const now = ctx.deps.now();
    const title = escapeHtml(notice.title[ctx.locale]);
    const next = nextReminder(notice, tz, now);
    if (!next) {
      await ctx.reply(ctx.t("notices-sendnow-no-occurrence", { title }));
      return;
    }
    const ref: Pick<DueReminder, "noticeId" | "date"> = { noticeId: notice.id, date: next.occurrence.date };
    const issue = notice.bulletin ? reminderBulletin(catalog, ref, tz) : undefined;
    if (issue && !issue.bulletin) {
      await ctx.reply(ctx.t("notices-sendnow-no-bulletin", { title }));
      return;
    }
    // the issue the previous occurrence already published: sent again under a key of its own, so
    // the scheduled slot stays free for the new issue staff will add before that date
    const repeat = issue !== undefined && !issue.fresh;
    // the scheduler's key for this reminder, so sending now also stands for the scheduled one
    const chosen = next.next ?? next.reminders.at(-1);
    const baseKey = chosen?.key ?? reminderKey(notice.id, next.occurrence.date, "now");
    const tr = translatorsOf(ctx);
    const text = renderReminderBoth(catalog, ref, { zh: tr("zh"), en: tr("en") }, tz);
    const media = reminderMedia(catalog, ref);
    const chatId = ctx.chat.id;
    const { data } = ctx.deps.store;
    const resent = repeat || isKeyTaken(data, baseKey);
    const recipients = activeSubscribers(data).map((c) => c.id);
    await outbox.enqueue({
      kind: "notice",
      key: resent ? `${baseKey}:now:${now.getTime()}` : baseKey,
      text,
      ...(media ? { media } : {}),
      ...(notice.signup?.enabled ? { occurrenceId: `${notice.id}:${next.occurrence.date}` } : {}),
      recipients,
      createdBy: ctx.from?.id ?? chatId,
      progress: { chatId, lang: ctx.locale },
    });
    const date = escapeHtml(formatDate(next.occurrence.startsAt, tz, ctx.locale));
    const reply = repeat ? "notices-sendnow-repeat-issue" : resent ? "notices-sendnow-resend" : "notices-sendnow-queued";
    await ctx.reply(ctx.t(reply, { title, date, count: recipients.length }));
  });

  return feature;
}
