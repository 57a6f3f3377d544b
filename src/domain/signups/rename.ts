import type { RosterBook } from "./roster-model.js";

/**
 * Moves a roster to another occurrence id (its date was moved): the lists, and so every position,
 * stay as they are; each person's index entry follows. Replaying the log with the old id read as
 * the new one (as the sign-up repo does on start) folds to the same roster. No-op when there is
 * nothing under `from` or the target already has a roster (it cannot: a move goes to a new date).
 */
export function renameRoster(book: RosterBook, from: string, to: string): void {
  const r = book.rosters.get(from);
  if (!r || from === to || book.rosters.has(to)) return;
  book.rosters.delete(from);
  book.rosters.set(to, { ...r, occurrenceId: to });
  const users = new Set([...r.confirmed.keys(), ...r.waitlist.keys(), ...r.attended.keys()]);
  for (const userId of users) {
    book.byUser.remove(userId, from);
    book.byUser.add(userId, to);
  }
}
