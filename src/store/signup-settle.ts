import { applyEvent, settlementOf, type CapacityOf, type RosterBook } from "../domain/signups/index.js";
import type { Store } from "./engine/store.js";

/**
 * Logs rosters as they stand live (`settled` events, folded at once: a no-op on the live book), so
 * that a restart rebuilds them exactly whatever the events before were folded with: presses of a
 * person forgotten since, or another capacity. Call only inside `store.write`. An empty roster is
 * skipped: who is on a roster never depends on capacity or on anyone else's presses, only where.
 */
export function settleRosters(store: Store, book: RosterBook, ids: Iterable<string>, at: Date, capacityOf: CapacityOf): void {
  for (const occurrenceId of new Set(ids)) {
    const r = book.rosters.get(occurrenceId);
    if (!r || r.confirmed.size + r.waitlist.size === 0) continue;
    const event = store.signups.append({ at: at.toISOString(), userId: 0, occurrenceId, type: "settled", via: "staff", roster: settlementOf(r) });
    applyEvent(book, event, capacityOf);
  }
}
