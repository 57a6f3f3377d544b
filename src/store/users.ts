import type { Locale } from "../domain/translate.js";
import type { Db, Role, UserRecord } from "./schema.js";

/** What we learn of a user from an update. */
export interface UserInfo {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

/** Whether the stored profile differs from what Telegram says now (a write is only needed then). */
export function userChanged(existing: UserRecord | undefined, info: UserInfo): boolean {
  return (
    !existing ||
    existing.firstName !== info.first_name ||
    existing.lastName !== info.last_name ||
    existing.username !== info.username
  );
}

/**
 * Remembers the user's display name (staff see it on sign-up lists). Returns true if anything
 * changed, so callers write only when needed.
 */
export function touchUser(db: Db, info: UserInfo, now: Date): boolean {
  const key = String(info.id);
  const existing = db.users[key];
  if (!userChanged(existing, info)) return false;
  const user: UserRecord = {
    ...existing,
    id: info.id,
    firstName: info.first_name,
    seenAt: now.toISOString(),
  };
  if (info.last_name !== undefined) user.lastName = info.last_name;
  else delete user.lastName;
  if (info.username !== undefined) user.username = info.username;
  else delete user.username;
  db.users[key] = user;
  return true;
}

/** Sets the user's language. */
export function setUserLang(db: Db, info: UserInfo, lang: Locale, now: Date): void {
  touchUser(db, info, now);
  const user = db.users[String(info.id)];
  if (user) user.lang = lang;
}

/** The role of a user id, if any. Roles are by numeric id only, never by username. */
export function roleOf(db: Db, userId: number): Role | undefined {
  return db.roles[String(userId)];
}

/** Staff or admin. */
export function isStaff(db: Db, userId: number): boolean {
  return roleOf(db, userId) !== undefined;
}

/** Makes sure every configured admin id holds the admin role. */
export function seedAdmins(db: Db, adminIds: readonly number[]): boolean {
  let changed = false;
  for (const id of adminIds) {
    if (db.roles[String(id)] !== "admin") {
      db.roles[String(id)] = "admin";
      changed = true;
    }
  }
  return changed;
}

/** Grants the staff role (an admin stays admin). Returns false if the user already had a role. */
export function grantStaff(db: Db, userId: number): boolean {
  if (db.roles[String(userId)]) return false;
  db.roles[String(userId)] = "staff";
  return true;
}

/**
 * Takes the staff role away. Admins configured in ADMIN_IDS are not removed here (they come back
 * at every start anyway). Returns what happened.
 */
export function revokeStaff(db: Db, userId: number): "removed" | "not-staff" | "is-admin" {
  const role = db.roles[String(userId)];
  if (!role) return "not-staff";
  if (role === "admin") return "is-admin";
  delete db.roles[String(userId)];
  return "removed";
}

/**
 * Deletes everything stored about a user: profile, private chat, role (unless a configured admin),
 * sign-up events, the recipient entries of their private chat, and their name on progress records.
 * Returns counts for the confirmation message.
 */
export function forgetUser(db: Db, userId: number, keepRole: boolean): { signups: number } {
  const key = String(userId);
  delete db.users[key];
  delete db.chats[key];
  if (!keepRole) delete db.roles[key];
  const before = db.signups.events.length;
  db.signups.events = db.signups.events.filter((e) => e.userId !== userId);
  for (const b of Object.values(db.broadcasts)) delete b.recipients[key];
  for (const r of db.campaign.records) if (r.by === userId) r.by = null;
  return { signups: before - db.signups.events.length };
}
