import type { Composer } from "grammy";
import { FlatComposer } from "../flat-composer.js";
import { escapeHtml } from "../../domain/html.js";
import type { NoticeCatalog } from "../../domain/notice.js";
import { formatDate } from "../../domain/notice-text.js";
import type { BroadcastRecord, Db } from "../../store/schema.js";
import { countRecipients, type DeliveryCounts } from "../../store/broadcast-counts.js";
import type { BotContext } from "../context.js";
import { staffOnly } from "../guards.js";
import { broadcastLabel } from "./stats-labels.js";

const LAST_BROADCASTS = 5;

/** Subscriber counts from the chats. */
export function subscriberStats(db: Db): { total: number; private: number; groups: number; inactive: number; unsubscribed: number } {
  const chats = Object.values(db.chats);
  const active = chats.filter((c) => c.subscribed && c.active);
  return {
    total: active.length,
    private: active.filter((c) => c.type === "private").length,
    groups: active.filter((c) => c.type !== "private").length,
    inactive: chats.filter((c) => !c.active).length,
    unsubscribed: chats.filter((c) => c.active && !c.subscribed).length,
  };
}

/** How many recipients of a broadcast are in each state. */
export function deliveryCounts(b: BroadcastRecord): DeliveryCounts & { pending: number } {
  const c = countRecipients(b);
  return { ...c, pending: c.total - c.sent - c.failed - c.blocked };
}

/** What /stats reads besides the store: the notices' names (without it, a notice shows its first words). */
export interface StatsServices {
  catalog?: NoticeCatalog;
  /** more lines after the subscribers (the per-compound breakdown) */
  more?: (ctx: BotContext) => string[];
}

/**
 * /stats (staff): subscribers (private, groups), unreachable chats, the last deliveries with their
 * counts, each named as staff know it (see broadcastLabel).
 */
export function createStatsFeature(services: StatsServices = {}): Composer<BotContext> {
  const feature = new FlatComposer<BotContext>();
  feature.command("stats", staffOnly, async (ctx) => {
    const db = ctx.deps.store.data;
    const s = subscriberStats(db);
    const lines = [
      ctx.t("stats-title"),
      "",
      ctx.t("stats-subscribers", { total: s.total, private: s.private, groups: s.groups }),
      ctx.t("stats-inactive", { inactive: s.inactive }),
      ctx.t("stats-unsubscribed", { unsubscribed: s.unsubscribed }),
      "",
      ...(services.more ? [...services.more(ctx), ""] : []),
      ctx.t("stats-broadcasts-title"),
    ];
    const last = Object.values(db.broadcasts)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .slice(0, LAST_BROADCASTS);
    if (last.length === 0) lines.push(ctx.t("stats-broadcasts-none"));
    for (const b of last) {
      lines.push(
        ctx.t("stats-broadcast-line", {
          date: escapeHtml(formatDate(new Date(b.createdAt), ctx.deps.timezone, ctx.locale)),
          label: broadcastLabel(b, { db, ...(services.catalog ? { catalog: services.catalog } : {}), t: (key, args) => ctx.t(key, args), locale: ctx.locale }),
          status: ctx.t(`stats-status-${b.status}`),
          ...deliveryCounts(b),
        }),
      );
    }
    await ctx.reply(lines.join("\n"));
  });
  return feature;
}
