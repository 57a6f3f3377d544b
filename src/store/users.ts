import type { DeepReadonly } from "../domain/deep-readonly.js";
import type { Locale } from "../domain/translate.js";
import { forgetTraces } from "./forget-traces.js";
import type { Db, Role, StoredSignupEvent, UserRecord } from "./schema.js";
import type { ReadonlyDb, Store } from "./engine/store.js";
import { forgetSurveyAnswers } from "./survey-forms.js";

/** What we learn of a user from an update. */
export interface UserInfo {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

/** Whether the stored profile differs from what Telegram says now (a write is only needed then). */
export function userChanged(existing: DeepReadonly<UserRecord> | undefined, info: UserInfo): boolean {
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
export function roleOf(db: ReadonlyDb, userId: number): Role | undefined {
  return db.roles[String(userId)];
}

/** Staff or admin. */
export function isStaff(db: ReadonlyDb, userId: number): boolean {
  return roleOf(db, userId) !== undefined;
}

/** Every staff member and admin: who staff reports go to. */
export function staffIds(db: ReadonlyDb): number[] {
  return Object.keys(db.roles).map(Number).filter(Number.isSafeInteger);
}

/**
 * Makes the configured admin ids (ADMIN_IDS) exactly the admins: each listed id holds the admin
 * role, and an admin no longer listed is demoted to staff (so an admin can then remove them with
 * /staff remove; nobody else can grant the admin role, so the list is the only source of admins).
 */
export function seedAdmins(db: Db, adminIds: readonly number[]): boolean {
  let changed = false;
  const wanted = new Set(adminIds.map(String));
  for (const [id, role] of Object.entries(db.roles)) {
    if (role === "admin" && !wanted.has(id)) {
      db.roles[id] = "staff";
      changed = true;
    }
  }
  for (const id of wanted) {
    if (db.roles[id] !== "admin") {
      db.roles[id] = "admin";
      changed = true;
    }
  }
  return changed;
}

/**
 * The ids that hold the admin role in the store but are not in ADMIN_IDS (any more): `seedAdmins`
 * demotes them to staff, and the start-up log names them so the operator sees who kept staff powers.
 */
export function unlistedAdmins(db: ReadonlyDb, adminIds: readonly number[]): number[] {
  const wanted = new Set(adminIds.map(String));
  return Object.entries(db.roles)
    .filter(([id, role]) => role === "admin" && !wanted.has(id))
    .map(([id]) => Number(id));
}

/**
 * ADMIN_IDS become admins in one durable write; answers the admins no longer listed, now staff.
 * The JSON store's side of a start (seedPgAdmins on PostgreSQL).
 */
export function seedStoreAdmins(store: Store, adminIds: readonly number[]): Promise<number[]> {
  return store.write((db) => {
    const demoted = unlistedAdmins(db, adminIds);
    seedAdmins(db, adminIds);
    return demoted;
  }, "durable");
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
 * sign-up events, the recipient entries and live messages of their private chat, their webhook
 * updates still in the inbox and idempotency keys naming them (`forgetTraces`), and their id on
 * everything else: as the staff member who marked attendance, created a broadcast (and watched its
 * progress) or recorded progress. Progress records stay (the community's figures do not shrink)
 * but anonymous: an attendance record, whose id named the attendee, gets an id without it.
 * Returns counts for the confirmation message.
 */
export async function forgetUser(store: Store, userId: number, keepRole: boolean): Promise<{ signups: number }> {
  await store.write((db) => forgetInDocument(db, userId, keepRole), "durable");
  // the log is rewritten and the journals emptied: no copy of the user's sign-ups stays on disk
  // the sign-up repo's forget then logs the rosters their presses shaped as they stand (`settled`)
  const signups = await store.signups.rewrite((e) => {
    if (e.userId === userId) return undefined;
    if (e.roster) return withoutUser(e, userId);
    if (e.by !== userId) return e;
    const { by: _by, ...rest } = e;
    return rest;
  });
  return { signups };
}

/** A settled roster without the user (a later settled one, logged once they are forgotten, replaces it). */
function withoutUser(e: StoredSignupEvent, userId: number): StoredSignupEvent {
  const { roster } = e;
  if (!roster || ![...roster.confirmed, ...roster.waitlist].some(([id]) => id === userId)) return e;
  const keep = (list: typeof roster.confirmed) => list.filter(([id]) => id !== userId);
  return { ...e, roster: { confirmed: keep(roster.confirmed), waitlist: keep(roster.waitlist) } };
}

function forgetInDocument(db: Db, userId: number, keepRole: boolean): void {
  const key = String(userId);
  forgetTraces(db, userId);
  forgetSurveyAnswers(db, userId); // their answers go; the anonymous totals stay
  delete db.users[key];
  delete db.chats[key];
  if (!keepRole) delete db.roles[key];
  for (const b of Object.values(db.broadcasts)) {
    delete b.recipients[key];
    if (b.createdBy === userId) delete b.createdBy;
    if (b.progress?.chatId === userId) delete b.progress;
  }
  for (const [occurrenceId, list] of Object.entries(db.liveMessages)) {
    const kept = list.filter((m) => m.chatId !== userId);
    if (kept.length === list.length) continue;
    if (kept.length > 0) db.liveMessages[occurrenceId] = kept;
    else delete db.liveMessages[occurrenceId];
  }
  for (const r of db.campaign.records) {
    if (r.by !== userId) continue;
    r.by = null;
    // `attendance:<notice>:<date>:<user id>:<metric>`; the record object is shared with the running
    // aggregates, so renaming it in place keeps them in step
    if (r.source === "attendance") r.id = r.id.replace(`:${key}:`, `:forgotten-${db.campaign.nextId++}:`);
  }
}
