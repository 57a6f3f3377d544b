import { createChatsRepo, type ChatsRepo } from "./chats-repo.js";
import { createLocaleService, type LocaleService } from "./locales.js";
import type { Store } from "./engine/store.js";
import { createUsersRepo, type UsersRepo } from "./users-repo.js";

/** The repositories the bot's core needs: people, chats and the language rule. */
export interface PeopleRepos {
  users: UsersRepo;
  chats: ChatsRepo;
  locales: LocaleService;
}

/** Builds the people repositories over the JSON store. */
export function createPeopleRepos(store: Store, now: () => Date = () => new Date()): PeopleRepos {
  return { users: createUsersRepo(store, now), chats: createChatsRepo(store, now), locales: createLocaleService(store) };
}
