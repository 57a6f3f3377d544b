import type { Db } from "./schema.js";
import type { ReadonlyDb } from "./engine/store-api.js";

/** How many recent update ids are remembered (Telegram keeps unconfirmed updates for 24 h, ≤ 100 a batch). */
const WINDOW = 2000;

/**
 * Remembers a handled update id, keeping a bounded window of the most recent ones. The oldest are
 * dropped in bulk (at twice the window), since dropping rewrites the whole list in the journal
 * while adding one appends a number.
 */
export function markHandled(db: Db, updateId: number): void {
  db.handledUpdates.push(updateId);
  if (db.handledUpdates.length > 2 * WINDOW) db.handledUpdates.splice(0, db.handledUpdates.length - WINDOW);
}

/**
 * The handled ids as a Set, for the look-up every incoming update makes (the list holds up to
 * 4,000 ids, and scanning it was a measurable share of an update's cost). The document's list stays
 * the durable record and is rebuilt into the Set at start. Between rebuilds the Set may still hold
 * ids the list has dropped; they were all handled, so it never calls an unhandled update handled.
 */
export interface HandledIndex {
  /** Whether this update id was already handled (its effects saved, or noted for the next write). */
  has(updateId: number): boolean;
  /** `markHandled` on the document (inside a `store.write`) and in the index. */
  mark(db: Db, updateId: number): void;
}

/** Creates the index over the store's current document. */
export function createHandledIndex(current: () => ReadonlyDb): HandledIndex {
  let ids = new Set(current().handledUpdates);
  return {
    has: (updateId) => ids.has(updateId),
    mark(db, updateId) {
      markHandled(db, updateId);
      ids.add(updateId);
      if (ids.size > 3 * WINDOW) ids = new Set(current().handledUpdates);
    },
  };
}
