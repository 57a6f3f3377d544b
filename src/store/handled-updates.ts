import type { Db } from "./schema.js";

/** How many recent update ids are remembered (Telegram keeps unconfirmed updates for 24 h, ≤ 100 a batch). */
const WINDOW = 2000;

/** Whether this update id was already handled (and its effects saved). */
export function wasHandled(db: Db, updateId: number): boolean {
  return db.handledUpdates.includes(updateId);
}

/**
 * Remembers a handled update id, keeping a bounded window of the most recent ones. The oldest are
 * dropped in bulk (at twice the window), since dropping rewrites the whole list in the journal
 * while adding one appends a number.
 */
export function markHandled(db: Db, updateId: number): void {
  db.handledUpdates.push(updateId);
  if (db.handledUpdates.length > 2 * WINDOW) db.handledUpdates.splice(0, db.handledUpdates.length - WINDOW);
}
