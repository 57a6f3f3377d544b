import { personName } from "../domain/display-name.js";
import { activeSubscribers } from "./chats.js";
import type { Store } from "./engine/store.js";

/**
 * The narrow reads (and one write) of people and chats the features need: a person's role, name
 * and profile for rosters and exports, who receives notices (languages: the locale service). Kept apart from
 * `users.ts` / `chats.ts` (seam-users builds those repositories in parallel); to be folded into them.
 */
export interface PeopleRepo {
  /**
   * Names as staff see them, not escaped: `王芳 (@wangfang)`, or `#id` once forgotten; without bidi
   * controls or invisible characters. Every id asked for is in the map.
   */
  names(userIds: Iterable<number>): Promise<ReadonlyMap<number, string>>;
  /** Every stored profile (for the volunteers' export), by id; names as typed. */
  profiles(): Promise<ReadonlyMap<number, PersonProfile>>;
  /** Marks (or unmarks) a known user as a party member; false when the id is unknown. Resolves once on disk. */
  setPartyMember(userId: number, member: boolean): Promise<boolean>;
  /** Chats that receive notices (subscribed and reachable): their ids. */
  activeSubscriberIds(): Promise<number[]>;
  /** Private chats that receive notices: the people a survey asks. */
  privateSubscriberIds(): Promise<number[]>;
  /** Subscriber counts for /stats. */
  subscriberStats(): Promise<SubscriberStats>;
}

/** A person's stored profile, as a copy. */
export interface PersonProfile {
  readonly id: number;
  readonly firstName: string;
  readonly lastName?: string;
  readonly username?: string;
  readonly partyMember: boolean;
  readonly seenAt: string;
}

/** How many chats receive notices, and how many do not. */
export interface SubscriberStats {
  total: number;
  private: number;
  groups: number;
  inactive: number;
  unsubscribed: number;
}

/** Builds the reads over the JSON store. */
export function createPeopleRepo(store: Store): PeopleRepo {
  const nameOf = (userId: number): string => {
    const u = store.data.users[String(userId)];
    return u ? personName(u, `#${userId}`) : `#${userId}`;
  };
  return {
    async names(userIds) {
      const out = new Map<number, string>();
      for (const id of userIds) if (!out.has(id)) out.set(id, nameOf(id));
      return out;
    },
    async profiles() {
      const out = new Map<number, PersonProfile>();
      for (const u of Object.values(store.data.users)) {
        out.set(u.id, {
          id: u.id,
          firstName: u.firstName,
          ...(u.lastName === undefined ? {} : { lastName: u.lastName }),
          ...(u.username === undefined ? {} : { username: u.username }),
          partyMember: u.partyMember === true,
          seenAt: u.seenAt,
        });
      }
      return out;
    },
    async setPartyMember(userId, member) {
      const key = String(userId);
      if (store.data.users[key] === undefined) return false;
      return store.write((db) => {
        const user = db.users[key];
        if (user && member) user.partyMember = true;
        else if (user) delete user.partyMember;
        return user !== undefined;
      }, "durable");
    },
    activeSubscriberIds: async () => activeSubscribers(store.data).map((c) => c.id),
    privateSubscriberIds: async () => activeSubscribers(store.data).filter((c) => c.type === "private").map((c) => c.id),
    async subscriberStats() {
      const chats = Object.values(store.data.chats);
      const active = chats.filter((c) => c.subscribed && c.active);
      return {
        total: active.length,
        private: active.filter((c) => c.type === "private").length,
        groups: active.filter((c) => c.type !== "private").length,
        inactive: chats.filter((c) => !c.active).length,
        unsubscribed: chats.filter((c) => c.active && !c.subscribed).length,
      };
    },
  };
}
