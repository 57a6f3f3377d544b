import { createCheckpoint } from "./checkpoint.js";
import { createClose } from "./close-store.js";
import { createEntryWriter } from "./commit-entry.js";
import { createCommitLoop } from "./commit-loop.js";
import { createCommitState, type Parts } from "./commit-state.js";
import type { StoredSignupEvent } from "../schema.js";
import type { Durability, Store, Writer } from "./store-api.js";
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

  const apply = <R>(fn: Writer<R>, counts: boolean): R => {
    if (counts) changes++;
    inCallback++;
    try {
      const result = tracker.run(data, fn);
      // an async callback would write after its view is revoked, outside the change being saved
      if (isThenable(result)) throw new TypeError("a store write's callback must be synchronous (it returned a promise)");
      return result;
    } finally {
      inCallback--;
    }
  };

  /** Saves what was applied with the next entry, without waiting for it (the files may be let go already). */
  const saveLater = (): void => {
    if (!state.released) void schedule().catch(() => undefined);
  };

  function write<R>(fn: Writer<R>, durability: "durable"): Promise<R>;
  function write<R>(fn: Writer<R>, durability: "batched" | "bookkeeping"): R;
  function write<R>(fn: Writer<R>, durability: Durability): R | Promise<R> {
    if (durability !== "durable") {
      if (durability !== "batched" && durability !== "bookkeeping") throw new TypeError(`unknown durability ${String(durability)}`);
      const result = apply(fn, durability === "batched");
      saveLater();
      return result;
    }
    if (state.closed) return Promise.reject(new Error("store is closed"));
    let result: R;
    try {
      result = apply(fn, true);
    } catch (err) {
      return Promise.reject(err);
    }
    return schedule().then(() => result);
  }

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
    write,
    flush,
    checkpoint: (purge) => exclusive(() => checkpoint.write(purge)),
    signups: {
      append(event) {
        if (inCallback === 0) throw new Error("signups.append outside store.write");
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

const isThenable = (value: unknown): boolean =>
  value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as { then?: unknown }).then === "function";
