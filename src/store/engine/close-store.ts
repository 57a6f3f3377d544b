import { isDeepStrictEqual } from "node:util";
import type { CommitLoop } from "./commit-loop.js";
import type { CommitState, Parts } from "./commit-state.js";
import { DurableJsonFile } from "./durable-file.js";
import { loadDocument } from "./load.js";
import type { Db } from "../schema.js";

/** What closing a store drives besides its parts and shared state. */
export interface CloseSteps {
  loop: CommitLoop;
  pending: () => boolean;
  checkpoint: () => Promise<void>;
}

/**
 * Creates a store's `close`: refuses further updates, writes everything pending, verifies the files
 * when asked to, writes a snapshot, and lets the files and the lock go even when a write fails.
 * Calling it again returns the same promise.
 */
export function createClose(parts: Parts, state: CommitState, steps: CloseSteps): () => Promise<void> {
  const { journal, log, release } = parts;
  const { loop, pending, checkpoint } = steps;
  let closing: Promise<void> | undefined;

  return () => {
    closing ??= (async () => {
      state.closed = true;
      try {
        // batched writes may still arrive while the last writes run: wait until none is left,
        // so nothing is written after the lock is released
        do await loop.flush();
        while (pending() || loop.writing);
        if (parts.verify) await verifyFiles(parts);
        if (journal.size > 0) await checkpoint();
      } finally {
        state.released = true;
        loop.stop();
        await journal.close().catch(() => undefined);
        await log.close().catch(() => undefined);
        await release();
      }
    })();
    return closing;
  };
}

/** Rebuilds the document from the files: a change made behind the store's back would be missing. */
async function verifyFiles(parts: Parts): Promise<void> {
  const { data, paths } = parts;
  const reread = await loadDocument(new DurableJsonFile<Db>(paths.snapshot, false), paths);
  const strip = (d: Db) => ({ ...d, commit: 0 });
  if (!isDeepStrictEqual(strip(reread.data), strip(data))) {
    throw new Error(`store ${paths.snapshot}: the journal does not reproduce the document in memory (a change made outside store.write?)`);
  }
}
