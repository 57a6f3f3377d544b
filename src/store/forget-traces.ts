import type { Db } from "./schema.js";

/**
 * For /forgetme, the traces of a user outside their own records: webhook updates still saved in the
 * inbox (the /forgetme update itself is there while it is handled, with the person's name, username
 * and id, and would go into the clean-up snapshot), and idempotency keys that carry the id (older
 * promotion keys were `promoted:<occurrence>:<user id>:<ms>`).
 *
 * An inbox entry is only the copy kept for a crash: the update is still handled from memory, so
 * dropping it loses nothing unless the process dies before it is handled.
 */
export function forgetTraces(db: Db, userId: number): void {
  for (const [id, update] of Object.entries(db.inbox)) {
    if (mentions(update, userId)) delete db.inbox[id];
  }
  const key = String(userId);
  const namesUser = (k: string): boolean => k.split(":").includes(key);
  for (const k of Object.keys(db.enqueued)) {
    if (namesUser(k)) delete db.enqueued[k];
  }
  for (const b of Object.values(db.broadcasts)) {
    if (b.key !== undefined && namesUser(b.key)) delete b.key;
  }
}

/** Whether a value (an update) holds the user's id anywhere: sender, chat, a replied-to message, a mention. */
function mentions(value: unknown, userId: number, depth = 0): boolean {
  if (value === userId) return true;
  if (typeof value !== "object" || value === null || depth > 20) return false;
  return Object.values(value).some((v) => mentions(v, userId, depth + 1));
}
