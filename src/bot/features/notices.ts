import { Composer } from "grammy";
import { nextOccurrence } from "../../domain/recurrence.js";
import type { Translate } from "../../domain/translate.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { CatalogReader } from "../../store/catalog-reader.js";
import type { BroadcastHistory } from "../../store/deliveries-repo.js";
import type { NoticesRepo } from "../../store/notices-repo.js";
import type { ChatsRepo } from "../../store/chats-repo.js";
import type { BotContext } from "../context.js";
import { nextNoticeLine } from "../next-answer.js";
import { createSendNow } from "./sendnow.js";
import { FlatComposer } from "../flat-composer.js";

export interface NoticesServices {
  /** /sendnow: the reminder's text and file (notices and bulletin issues as they are now) */
  catalog: CatalogReader;
  notices: Pick<NoticesRepo, "list" | "get">;
  outbox: Outbox;
  /** /sendnow: who receives a notice */
  chats: Pick<ChatsRepo, "activeSubscriberIds">;
  /** /sendnow: whether a reminder already went out */
  history: Pick<BroadcastHistory, "keyTaken">;
}


/**
 * /next for everyone: each notice's next date, in the reader's language, community time.
 * /sendnow for staff: see sendnow.ts.
 */
export function createNoticesFeature(services: NoticesServices): Composer<BotContext> {
  const { catalog, notices, outbox } = services;
  const tz = catalog.timezone;
  const feature = new FlatComposer<BotContext>();

  feature.command("next", async (ctx) => {
    const locale = ctx.locale;
    const now = ctx.deps.now();
    const upcoming = (await notices.list())
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

  feature.use(createSendNow(catalog, outbox, services));

  return feature;
}
