import { Composer } from "grammy";
import { escapeHtml } from "../../domain/html.js";
import type { NoticeCatalog } from "../../domain/notice.js";
import { formatDate } from "../../domain/notice-text.js";
import type { BroadcastHistory } from "../../store/deliveries-repo.js";
import type { PeopleRepo } from "../../store/people-repo.js";
import type { BotContext } from "../context.js";
import { staffOnly } from "../guards.js";
import { broadcastLabel } from "./stats-labels.js";
import { FlatComposer } from "../flat-composer.js";

const LAST_BROADCASTS = 5;

/** What /stats reads: subscribers, past broadcasts, staff names, the notices' names (without them, a notice shows its first words). */
export interface StatsServices {
  people: Pick<PeopleRepo, "subscriberStats" | "names">;
  history: Pick<BroadcastHistory, "recent">;
  catalog?: NoticeCatalog;
  /** more lines after the subscribers (the per-compound breakdown) */
  more?: (ctx: BotContext) => Promise<string[]>;
}

/**
 * /stats (staff): subscribers (private, groups), unreachable chats, the last deliveries with their
 * counts, each named as staff know it (see broadcastLabel).
 */
export function createStatsFeature(services: StatsServices): Composer<BotContext> {
  const feature = new FlatComposer<BotContext>();
  feature.command("stats", staffOnly, async (ctx) => {
    const s = await services.people.subscriberStats();
    const lines = [
      ctx.t("stats-title"),
      "",
      ctx.t("stats-subscribers", { total: s.total, private: s.private, groups: s.groups }),
      ctx.t("stats-inactive", { inactive: s.inactive }),
      ctx.t("stats-unsubscribed", { unsubscribed: s.unsubscribed }),
      "",
      ...(services.more ? [...(await services.more(ctx)), ""] : []),
      ctx.t("stats-broadcasts-title"),
    ];
    const last = await services.history.recent(LAST_BROADCASTS);
    const names = await services.people.names(last.flatMap((b) => (b.createdBy === undefined ? [] : [b.createdBy])));
    if (last.length === 0) lines.push(ctx.t("stats-broadcasts-none"));
    for (const b of last) {
      lines.push(
        ctx.t("stats-broadcast-line", {
          date: escapeHtml(formatDate(new Date(b.createdAt), ctx.deps.timezone, ctx.locale)),
          label: broadcastLabel(b, { names, ...(services.catalog ? { catalog: services.catalog } : {}), t: (key, args) => ctx.t(key, args), locale: ctx.locale }),
          status: ctx.t(`stats-status-${b.status}`),
          ...b.counts,
        }),
      );
    }
    await ctx.reply(lines.join("\n"));
  });
  return feature;
}
