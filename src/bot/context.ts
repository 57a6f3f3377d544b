import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Logger } from "pino";
import type { Locale, Localized } from "../domain/translate.js";
import type { ChatsRepo } from "../store/chats-repo.js";
import type { LocaleService } from "../store/locales.js";
import type { UsersRepo } from "../store/users-repo.js";

/**
 * What the bot's features need from the outside world. Built by `main` (or a test) and passed to
 * `createBot`; nothing here is a module-level singleton.
 */
export interface BotDeps {
  users: UsersRepo;
  chats: ChatsRepo;
  /** decides the language of every reply (see `createBot`) and of messages to someone else */
  locales: LocaleService;
  log: Logger;
  /** the current time; injected so tests control it */
  now: () => Date;
  adminIds: readonly number[];
  /** district officials (DISTRICT_IDS): /district is theirs; none when absent */
  districtIds?: readonly number[];
  timezone: string;
  /** the community's name (data/community.json) for greetings; a neutral word when absent */
  communityName?: Localized;
  /** called after roles change, to refresh the per-chat command menus */
  onRolesChanged?: (userId: number) => Promise<void>;
}

/** Feature-specific services, added by later features without touching the core. */
export interface BotServices {
  [name: string]: unknown;
}

/** The context every handler sees. */
export type BotContext = Context &
  I18nFlavor & {
    deps: BotDeps;
    /** the locale negotiated for this update */
    locale: Locale;
    /** whether the sender is staff, asked once per update (see `senderIsStaff`) */
    senderStaff?: Promise<boolean>;
  };
