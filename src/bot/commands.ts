import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import { LOCALES, type Locale, type Translate } from "../domain/translate.js";
import type { LocaleService } from "../store/locales.js";
import type { Role, UsersRepo } from "../store/users-repo.js";

// the descriptions are the Fluent messages `commands-<command>` (locales/<lang>/commands.ftl)
const RESIDENT = ["start", "next", "progress", "my", "bulletins", "home", "help", "lang", "stop", "forgetme"] as const;
const STAFF = ["record", "undo", "target", "signups", "attended", "party", "broadcast", "correct", "event", "events", "move", "skip", "sendnow", "bulletin", "stats", "export", "survey", "report"] as const;
const ADMIN = ["staff"] as const;
const DISTRICT = ["district"] as const;

/** The commands a user with this role (and, for a district official, /district) sees in the menu, described in one language. */
export function commandsFor(role: Role | undefined, t: Translate, district = false): BotCommand[] {
  const names = [...RESIDENT, ...(role ? STAFF : []), ...(role === "admin" ? ADMIN : []), ...(district ? DISTRICT : [])];
  return names.map((command) => ({ command, description: t(`commands-${command}`) }));
}

/** The bot's command menus: one for everyone, and one per staff member's private chat. */
export interface CommandMenus {
  /** Registers the resident menu (in zh and en, zh as the default for other languages), every staff member's and every district official's. */
  registerAll(): Promise<void>;
  /** Refreshes one person's private-chat menu after their role or language changed. */
  refresh(userId: number): Promise<void>;
}

export interface CommandMenusOptions {
  api: Api;
  users: UsersRepo;
  locales: LocaleService;
  translate: (locale: Locale) => Translate;
  /** district officials (DISTRICT_IDS): their private-chat menu adds /district */
  districtIds?: readonly number[];
}

export function createCommandMenus(o: CommandMenusOptions): CommandMenus {
  const { api } = o;
  const district = new Set(o.districtIds ?? []);
  const refresh = async (userId: number): Promise<void> => {
    const role = await o.users.roleOf(userId);
    const official = district.has(userId);
    const scope = { type: "chat" as const, chat_id: userId };
    if (!role && !official) {
      await api.deleteMyCommands({ scope });
      for (const language_code of LOCALES) await api.deleteMyCommands({ scope, language_code });
      return;
    }
    // without a language_code: for a Telegram app in neither language, the person's own
    await api.setMyCommands(commandsFor(role, o.translate(await o.locales.ofPerson(userId)), official), { scope });
    for (const language_code of LOCALES) await api.setMyCommands(commandsFor(role, o.translate(language_code), official), { scope, language_code });
  };
  return {
    async registerAll() {
      await api.setMyCommands(commandsFor(undefined, o.translate("zh")));
      for (const language_code of LOCALES) await api.setMyCommands(commandsFor(undefined, o.translate(language_code)), { language_code });
      for (const id of new Set([...(await o.users.staffIds()), ...district])) await refresh(id);
    },
    refresh,
  };
}
