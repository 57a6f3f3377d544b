import type { DurableJsonFile } from "./durable-file.js";
import type { EventLog } from "./event-log.js";
import type { JournalWriter } from "./journal.js";
import type { StorePaths } from "./load.js";
import type { Db, StoredSignupEvent } from "../schema.js";
import type { Op } from "./tracker.js";

/** What an opened store is made of (see openStore). */
export interface Parts {
  data: Db;
  commit: number;
  snapshot: DurableJsonFile<Db>;
  paths: StorePaths;
  log: EventLog<StoredSignupEvent>;
  journal: JournalWriter;
  release: () => Promise<void>;
  snapshotBytes: number;
  journalBytes: number;
  verify: boolean;
}

/**
 * What the entry writer, checkpoints and close of one store share. One object per store, passed
 * explicitly, so each part reads and replaces the same values (never a copy taken earlier).
 */
export interface CommitState {
  /** The number of the last entry written to the journal. */
  commit: number;
  /** The journal is folded into a new snapshot once it grows past this. */
  journalLimit: number;
  /** Sign-up events appended since the last entry was taken. */
  events: StoredSignupEvent[];
  /** What a failed write held: it goes first into the next entry. */
  carried: { ops: Op[]; ev: StoredSignupEvent[] } | undefined;
  /** Committed through the journal but not yet in the sign-up log (its append failed). */
  unlogged: StoredSignupEvent[];
  /** Close has begun: durable writes are refused. */
  closed: boolean;
  /** The files are let go: batched and bookkeeping writes no longer schedule a write. */
  released: boolean;
}

/** The shared state of a store just opened from `parts`. */
export function createCommitState(parts: Parts): CommitState {
  return {
    commit: parts.commit,
    journalLimit: Math.max(parts.journalBytes, parts.snapshotBytes),
    events: [],
    carried: undefined,
    unlogged: [],
    closed: false,
    released: false,
  };
}
