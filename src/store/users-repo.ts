import { personName } from "../domain/display-name.js";
import type { Locale } from "../domain/translate.js";
import type { Role, UserRecord } from "./schema.js";
import type { Store } from "./engine/store.js";
import { forgetUser, grantStaff, revokeStaff, roleOf, setUserLang, staffIds, touchUser, userChanged, type UserInfo } from "./users.js";

export type { Role } from "./schema.js";
export type { UserInfo } from "./users.js";

/** A person as the store knows them (a copy: changing it changes nothing stored). */
export type UserProfile = Readonly<UserRecord>;

/** Someone holding a role, for the /staff list. */
export interface RoleHolder {
  readonly id: number;
  readonly role: Role;
  /** their first name, if they ever wrote to the bot */
  readonly firstName?: string;
}

/** A person's stored profile, as a copy (the volunteers' export). */
export interface PersonProfile {
  readonly id: number;
  readonly firstName: string;
  readonly lastName?: string;
  readonly username?: string;
  readonly partyMember: boolean;
  readonly seenAt: string;
}

/** People: their profiles, names, languages and roles. */
export interface UsersRepo {
  /**
   * Remembers the name Telegram gives (staff see it on lists); writes only when it changed, batched:
   * saved with the update's other changes (the update is confirmed only once they are on disk).
   */
  touch(info: UserInfo): Promise<void>;
  /** The person's profile, if they ever wrote to the bot. */
  get(id: number): Promise<UserProfile | undefined>;
  /** Sets the language the person chose (creating their profile from `info` if needed); resolves once on disk. */
  setLanguage(info: UserInfo, lang: Locale): Promise<void>;
  /**
   * Keeps a language for a person who never chose one (messages reach them later, outside any
   * update). Resolves, once on disk, with whether it was kept; a chosen language is never replaced.
   */
  rememberLanguage(id: number, lang: Locale): Promise<boolean>;
  /** The person's role, if any (by numeric id only, never by username). */
  roleOf(id: number): Promise<Role | undefined>;
  /** Staff or admin. */
  isStaff(id: number): Promise<boolean>;
  /**
   * Names as staff see them, not escaped: `王芳 (@wangfang)`, or `#id` once forgotten; without bidi
   * controls or invisible characters. Every id asked for is in the map.
   */
  names(userIds: Iterable<number>): Promise<ReadonlyMap<number, string>>;
  /** Every stored profile (for the volunteers' export), by id; names as typed. */
  profiles(): Promise<ReadonlyMap<number, PersonProfile>>;
  /** Marks (or unmarks) a known user as a party member; false when the id is unknown. Resolves once on disk. */
  setPartyMember(userId: number, member: boolean): Promise<boolean>;
  /** Everyone holding a role, in the order they got it. */
  roleHolders(): Promise<readonly RoleHolder[]>;
  /** The ids of staff and admins (who staff reports go to). */
  staffIds(): Promise<readonly number[]>;
  /** Grants the staff role; resolves with false if they already had a role (an admin stays admin). */
  grantStaff(id: number): Promise<boolean>;
  /** Takes the staff role away (never an admin's). */
  revokeStaff(id: number): Promise<"removed" | "not-staff" | "is-admin">;
  /** Deletes everything stored about the person (see `forgetUser`); `keepRole` for configured admins. */
  forget(id: number, keepRole: boolean): Promise<{ signups: number }>;
}

/** The users repository over the JSON store. */
export function createUsersRepo(store: Store, now: () => Date = () => new Date()): UsersRepo {
  const find = (id: number): UserRecord | undefined => store.data.users[String(id)];
  return {
    touch(info) {
      if (userChanged(find(info.id), info)) store.write((db) => touchUser(db, info, now()), "batched");
      return Promise.resolve();
    },
    get(id) {
      const u = find(id);
      return Promise.resolve(u ? { ...u } : undefined);
    },
    async setLanguage(info, lang) {
      await store.write((db) => setUserLang(db, info, lang, now()), "durable");
    },
    async rememberLanguage(id, lang) {
      if (find(id)?.lang !== undefined || !find(id)) return false;
      return store.write((db) => {
        const user = db.users[String(id)];
        if (!user || user.lang !== undefined) return false;
        user.lang = lang;
        return true;
      }, "durable");
    },
    roleOf: (id) => Promise.resolve(roleOf(store.data, id)),
    isStaff: (id) => Promise.resolve(roleOf(store.data, id) !== undefined),
    roleHolders() {
      const { roles, users } = store.data;
      return Promise.resolve(
        Object.entries(roles).map(([id, role]) => {
          const firstName = users[id]?.firstName;
          return { id: Number(id), role, ...(firstName !== undefined ? { firstName } : {}) };
        }),
      );
    },
    staffIds: () => Promise.resolve(staffIds(store.data)),
    grantStaff: (id) => store.write((db) => grantStaff(db, id), "durable"),
    revokeStaff: (id) => store.write((db) => revokeStaff(db, id), "durable"),
    forget: (id, keepRole) => forgetUser(store, id, keepRole),
    async names(userIds) {
      const out = new Map<number, string>();
      for (const id of userIds) {
        if (out.has(id)) continue;
        const u = find(id);
        out.set(id, u ? personName(u, `#${id}`) : `#${id}`);
      }
      return out;
    },
    profiles: async () => new Map(Object.values(store.data.users).map((u) => [u.id, profileOf(u)])),
    async setPartyMember(userId, member) {
      if (find(userId) === undefined) return false;
      return store.write((db) => {
        const user = db.users[String(userId)];
        if (user && member) user.partyMember = true;
        else if (user) delete user.partyMember;
        return user !== undefined;
      }, "durable");
    },
  };
}

const profileOf = (u: Readonly<UserRecord>): PersonProfile => ({
  id: u.id,
  firstName: u.firstName,
  ...(u.lastName === undefined ? {} : { lastName: u.lastName }),
  ...(u.username === undefined ? {} : { username: u.username }),
  partyMember: u.partyMember === true,
  seenAt: u.seenAt,
});

/** Those of `userIds` marked as party members, over the JSON store (the attendance feed's read). */
export function jsonPartyMembers(store: Store) {
  return (userIds: readonly number[]): Promise<ReadonlySet<number>> =>
    Promise.resolve(new Set(userIds.filter((id) => store.data.users[String(id)]?.partyMember === true)));
}
