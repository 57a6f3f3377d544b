import { link, unlink } from "node:fs/promises";
import { Low } from "lowdb";
import type { CommitState, Parts } from "./commit-state.js";
import { fileSize } from "./durable-file.js";

/** A store's checkpoints: the document as a new snapshot, replacing the journal. */
export interface Checkpoint {
  /** Writes the document as a new snapshot and lets the journal go (it is all in the snapshot now). */
  write: (purge?: boolean) => Promise<void>;
  /** Whether the journal has outgrown its limit, so a checkpoint is due. */
  due: () => boolean;
}

/** Creates the checkpoints of a store over its shared state. */
export function createCheckpoint(parts: Parts, state: CommitState): Checkpoint {
  const { data, snapshot, paths, log, journal } = parts;

  const write = async (purge = false): Promise<void> => {
    if (state.unlogged.length > 0) await log.append(state.unlogged).then(() => (state.unlogged = []));
    await log.sync();
    data.commit = state.commit;
    await new Low(snapshot, data).write();
    if (purge) {
      await journal.purge(paths.previous);
      // the backup is the previous snapshot: after a purge it must not keep what was purged
      await unlink(`${paths.snapshot}.bak`).catch(() => undefined);
      await link(paths.snapshot, `${paths.snapshot}.bak`).catch(() => undefined);
    } else await journal.rotate(paths.previous);
    state.journalLimit = Math.max(parts.journalBytes, await fileSize(paths.snapshot));
  };

  return { write, due: () => journal.size > state.journalLimit };
}
