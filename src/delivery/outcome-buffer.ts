import type { Logger } from "pino";
import type { Db, RecipientState } from "../store/schema.js";
import type { Store } from "../store/store.js";

/**
 * Recipient outcomes wait here and go into the store together, in one `store.mutate` per batch, so
 * the store's group commit writes the file once per batch rather than once per message. The
 * buffer also counts outcomes that are decided but not yet on disk: after a crash those
 * recipients are still pending and get the message again, so the sender keeps that number bounded.
 */
export interface OutcomeBuffer {
  /** Buffers one final state. `mayDouble`: a message went out, so losing this would send it twice. */
  record(broadcastId: string, key: string, state: RecipientState, mayDouble: boolean): void;
  /** Applies everything buffered, then `extra`, in one mutate, and tracks when it reaches the disk. */
  commit(extra?: (db: Db) => void): void;
  /** Outcomes buffered, not yet applied to the store. */
  readonly buffered: number;
  /** When the oldest buffered outcome was recorded (`clock` time), if any. */
  readonly oldestAt: number | undefined;
  /** Sent messages whose outcome is not yet on disk. */
  readonly undurable: number;
  /** Commits not yet on disk. */
  readonly writing: number;
}

interface Entry {
  id: string;
  key: string;
  state: RecipientState;
}

export function createOutcomeBuffer(store: Store, log: Logger, clock: () => number, onDurable: () => void): OutcomeBuffer {
  let entries: Entry[] = [];
  let doubles = 0; // buffered entries with mayDouble
  let undurable = 0;
  let oldestAt: number | undefined;
  let writing = 0;

  const persist = (count: number): void => {
    store.flush().then(
      () => {
        undurable -= count;
        writing--;
        onDurable();
      },
      (err: unknown) => {
        log.error({ err }, "could not save delivery progress; retrying");
        setTimeout(() => {
          store.mutate(() => undefined); // the changes are in memory; this asks for another write
          persist(count);
        }, 1000);
      },
    );
  };

  return {
    record(id, key, state, mayDouble) {
      if (entries.length === 0) oldestAt = clock();
      entries.push({ id, key, state });
      if (mayDouble) {
        doubles++;
        undurable++;
      }
    },
    commit(extra) {
      if (entries.length === 0 && !extra) return;
      const batch = entries;
      const count = doubles;
      entries = [];
      doubles = 0;
      oldestAt = undefined;
      store.mutate((db) => {
        for (const e of batch) {
          const recipients = db.broadcasts[e.id]?.recipients;
          // a key moved by a group migration meanwhile is not recreated
          if (recipients?.[e.key]) recipients[e.key] = e.state;
        }
        extra?.(db);
      });
      writing++;
      persist(count);
    },
    get buffered() {
      return entries.length;
    },
    get oldestAt() {
      return oldestAt;
    },
    get undurable() {
      return undurable;
    },
    get writing() {
      return writing;
    },
  };
}
