import type { Store } from "./engine/store.js";
import { createChatsRepo, type ChatsRepo } from "./chats-repo.js";
import { createUsersRepo, type UsersRepo } from "./users-repo.js";

export type { PersonProfile } from "./users-repo.js";
export type { SubscriberStats } from "./chats-repo.js";

/**
 * What the features still take as `people`: names, profiles and the party mark (UsersRepo) and who
 * receives notices (ChatsRepo). The methods live in those repositories; this is only the view the
 * features have not yet been moved off (each should take `users` / `chats` directly).
 */
export type PeopleRepo = Pick<UsersRepo, "names" | "profiles" | "setPartyMember"> &
  Pick<ChatsRepo, "activeSubscriberIds" | "privateSubscriberIds" | "subscriberStats">;

/** The people view from the users and chats repositories over the JSON store. */
export function createPeopleRepo(store: Store, repos: { users?: UsersRepo; chats?: ChatsRepo } = {}): PeopleRepo {
  const users = repos.users ?? createUsersRepo(store);
  const chats = repos.chats ?? createChatsRepo(store);
  return {
    names: (ids) => users.names(ids),
    profiles: () => users.profiles(),
    setPartyMember: (id, member) => users.setPartyMember(id, member),
    activeSubscriberIds: () => chats.activeSubscriberIds(),
    privateSubscriberIds: () => chats.privateSubscriberIds(),
    subscriberStats: () => chats.subscriberStats(),
  };
}
