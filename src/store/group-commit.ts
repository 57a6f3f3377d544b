import { createCheckpoint } from "./checkpoint.js";
import { createClose } from "./close-store.js";
import { createEntryWriter } from "./commit-entry.js";
import { createCommitLoop } from "./commit-loop.js";
import { createCommitState, type Parts } from "./commit-state.js";
import type { Db, StoredSignupEvent } from "./schema.js";
import type { Store } from "./store.js";
import { createTracker } from "./tracker.js";

export type { Parts } from "./commit-state.js";

/**
 * The store over its opened files: changes noted by the tracker are appended to the journal in
 * groups (one entry and one sync for everything changed while the previous entry was written),
 * sign-up events follow into their log, and a snapshot replaces the journal when it grows.
 */
export function createGroupCommitStore(parts: Parts): Store & { checkpoint(purge?: boolean): Promise<void> } {
  const { data, log } = parts;
  const tracker = createTracker();
  // shared with the entry writer, the checkpoints and close
  const state = createCommitState(parts);
  let nextSeq = log.lastSeq + 1;
  let inCallback = 0;
  let changes = 0;

  const { pending, writeEntry } = createEntryWriter(parts, tracker, state);
  const checkpoint = createCheckpoint(parts, state);
  const loop = createCommitLoop({ pending, writeEntry, checkpoint: checkpoint.write, checkpointDue: checkpoint.due });
  const { schedule, exclusive, flush } = loop;
  const close = createClose(parts, state, { loop, pending, checkpoint: checkpoint.write });

  const apply = <R>(fn: (db: Db) => R, counts = true): R => {
    if (counts) changes++;
    inCallback++;
    try {
      return tracker.run(data, fn);
    } finally {
      inCallback--;
    }
  };

  return {
    get data() {
      return data;
    },
    get writes() {
      return loop.writes;
    },
    get changes() {
      return changes;
    },
    update(fn) {
      if (state.closed) return Promise.reject(new Error("store is closed"));
      let result: ReturnType<typeof fn>;
      try {
        result = apply(fn);
      } catch (err) {
        return Promise.reject(err);
      }
      return schedule().then(() => result);
    },
    mutate(fn) {
      const result = apply(fn);
      if (!state.released) void schedule().catch(() => undefined);
      return result;
    },
    note(fn) {
      apply(fn, false);
      if (!state.released) void schedule().catch(() => undefined);
    },
    flush,
    checkpoint: (purge) => exclusive(() => checkpoint.write(purge)),
    signups: {
      append(event) {
        if (inCallback === 0) throw new Error("signups.append outside store.update");
        const stored = { seq: nextSeq++, ...event } as StoredSignupEvent;
        state.events.push(stored);
        return stored;
      },
      async replay(fn) {
        // everything committed so far is in the log once flushed; sign-ups go on while it streams
        await flush();
        await log.replay(fn);
      },
      async rewrite(map) {
        await flush();
        return exclusive(async () => {
          // the journals go first: rewritten before them, the log could take dropped events back
          // from them after a crash (they hold every event the log seems to be missing)
          await checkpoint.write(true);
          return log.rewrite(map);
        });
      },
    },
    close,
  };
}
