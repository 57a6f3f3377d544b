import type { CommitState, Parts } from "./commit-state.js";
import type { Tracker } from "./tracker.js";

/** Writes the store's changes to its journal, one entry (one line, one sync) at a time. */
export interface EntryWriter {
  /** Whether anything waits to be written: tracked changes, sign-up events, or a failed write's ops. */
  pending: () => boolean;
  /** Appends one entry holding everything pending, then hands its sign-up events to the log (best effort: the entry holds them). */
  writeEntry: () => Promise<void>;
}

/** Creates the entry writer of a store over its tracker and shared state. */
export function createEntryWriter(parts: Parts, tracker: Tracker, state: CommitState): EntryWriter {
  const { data, log, journal } = parts;

  const pending = () => tracker.dirty || state.events.length > 0 || state.carried !== undefined;

  const writeEntry = async (): Promise<void> => {
    const ops = [...(state.carried?.ops ?? []), ...tracker.take(data)];
    const ev = [...(state.carried?.ev ?? []), ...state.events];
    state.events = [];
    state.carried = undefined;
    try {
      await journal.append(JSON.stringify({ n: state.commit + 1, ops, ...(ev.length > 0 ? { ev } : {}) }) + "\n");
    } catch (err) {
      state.carried = { ops, ev };
      throw err;
    }
    state.commit++;
    state.unlogged.push(...ev);
    if (state.unlogged.length > 0) {
      // the entry is on disk, which is what makes its events durable: a log append that fails (a full
      // disk) is tried again with the next entry or checkpoint, and the change still counts as saved
      await log.append(state.unlogged).then(
        () => (state.unlogged = []),
        () => undefined,
      );
    }
  };

  return { pending, writeEntry };
}
