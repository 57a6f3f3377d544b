import { fileURLToPath } from "node:url";
import type { Bot, Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import { createApp, type App } from "./app.js";
import { createBindingCache } from "./bot/communities/binding-cache.js";
import { createCommunityRouter, type CommunityUnit } from "./bot/communities/community-router.js";
import { createI18n, translatorFor } from "./bot/i18n.js";
import type { ApiFetch } from "./bot/transport/api-fetch.js";
import type { Config } from "./config.js";
import type { Localized } from "./domain/translate.js";
import { createPacing } from "./delivery/pacing.js";
import type { Backend } from "./main-backend.js";
import { communityDataDir, ownCommunityName } from "./store/community-files.js";

const LOCALES_DIR = fileURLToPath(new URL("../locales", import.meta.url));

/** The bot's communities, built: one app each, and what updates are fed to. */
export interface BotUnits {
  /** what the poller and the webhook queue feed: the community's bot, or the router in front of several */
  readonly entry: Pick<Bot<Context>, "api" | "handleUpdate">;
  /** one app per community, in COMMUNITY's order */
  readonly apps: readonly App[];
  /** Sets the bot's identity (getMe's answer) on every bot of the group. */
  identify(me: UserFromGetMe): void;
}

/**
 * Builds the app of each community this bot serves (createApp, once per community: its own
 * repositories, features, outbox, scheduler and sender, all through the one `fetch`). With one
 * community its bot is fed directly, as ever. With several, their senders share one pacing
 * (Telegram's ~30 a second is per bot) and a router in front hands each update to its chat's
 * community. Each community's data files: `<DATA_DIR>/communities/<slug>/` when that folder exists,
 * else DATA_DIR itself.
 */
export async function createUnits(o: { config: Config; backend: Backend; log: Logger; fetch?: ApiFetch; now?: () => Date }): Promise<BotUnits> {
  const { config, backend, log } = o;
  const slugs = config.communities ?? [config.community];
  const shared = backend.communities;
  const pacing = slugs.length > 1 ? createPacing({ ...config.delivery, marginMs: 25 }, () => performance.now()) : undefined;
  const apps: App[] = [];
  // with several, each community's own name (none for a template one: its slug on buttons and in
  // /district, a neutral word in greetings)
  const names = new Map<string, Localized>();
  for (const slug of slugs.length > 1 ? slugs : []) {
    const name = await ownCommunityName(config.dataDir, slug);
    if (name) names.set(slug, name);
  }
  for (const slug of slugs) {
    const unitConfig: Config = {
      ...config, community: slug, communities: [slug], dataDir: communityDataDir(config.dataDir, slug),
      ...(slugs.length > 1 ? { communityNames: names } : {}),
    };
    const unitLog = slugs.length > 1 ? log.child({ community: slug }) : log;
    apps.push(await createApp({ config: unitConfig, ...backend.source(slug), log: unitLog, ...(o.fetch ? { fetch: o.fetch } : {}), ...(o.now ? { now: o.now } : {}), ...(pacing ? { pacing } : {}) }));
  }
  const first = apps[0] as App;
  if (slugs.length === 1 || !shared) return { entry: first.bot, apps, identify: (me) => void (first.bot.botInfo = me) };

  const units: CommunityUnit[] = [];
  for (const [i, slug] of slugs.entries()) {
    const app = apps[i] as App;
    units.push({ slug, name: names.get(slug) ?? { zh: slug, en: slug }, bot: app.bot, isStaff: (userId) => shared.isStaff(slug, userId) });
  }
  const i18n = createI18n(LOCALES_DIR);
  const front = createCommunityRouter({
    token: config.token, apiRoot: config.apiRoot, ...(o.fetch ? { fetch: o.fetch } : {}),
    units, bindings: createBindingCache(shared.bindings), translate: (locale) => translatorFor(i18n, locale), log,
    ...(o.now ? { now: () => (o.now as () => Date)().getTime() } : {}),
  });
  // the router's own questions count in the bot's one window too
  front.api.config.use(first.sender.countOutside);
  return {
    entry: front,
    apps,
    identify(me) {
      front.botInfo = me;
      for (const app of apps) app.bot.botInfo = me;
    },
  };
}
