import { mkdir, readdir, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { DurableJsonFile, fileSize, StoreFileError, tempPrefixOf } from "./durable-file.js";
import { openEventLog } from "./event-log.js";
import { createGroupCommitStore } from "./group-commit.js";
import { openFile, type OpenFile } from "./file-io.js";
import { openJournal } from "./journal.js";
import { acquireLock } from "./lock.js";
import { loadDocument, storePaths, type StorePaths } from "./load.js";
import type { Db, StoredSignupEvent } from "../schema.js";
import type { Store } from "./store-api.js";

export type { Durability, ReadonlyDb, SignupLog, Store, Writer } from "./store-api.js";

export interface StoreOptions {
  file: string;
  /** Keep the previous snapshot as `<file>.bak` (default true). */
  keepBackup?: boolean;
  /**
   * On close, rebuild the document from the files and compare it with the one in memory (default:
   * the STORE_VERIFY environment variable is "1", which the test suite sets): a change made behind
   * the store's back, which the journal would not hold, fails loudly.
   */
  verify?: boolean;
  /** The journal is folded into a new snapshot past this size or the snapshot's, whichever is larger (default 8 MiB). */
  journalBytes?: number;
  /** Opens the journal for writing (tests inject failing disks here). */
  openJournal?: typeof openJournal;
  /** Opens every file the store writes (tests inject a disk that fills up; default the real one). */
  openFile?: OpenFile;
}

/** The journal is folded into a new snapshot once it grows past this, or past the snapshot's size. */
const MIN_JOURNAL_BYTES = 8 * 2 ** 20;

/** Opens (or creates) the store: takes the lock, reads the snapshot, replays the journal, validates. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const { file } = options;
  await mkdir(dirname(file), { recursive: true });
  const release = await acquireLock(file);
  const opened: { close(): Promise<void> }[] = [];
  try {
    const paths = storePaths(file);
    await removeLeftoverTempFiles(paths);
    const open = options.openFile ?? openFile;
    const snapshot = new DurableJsonFile<Db>(file, options.keepBackup ?? true, open);
    const loaded = await loadDocument(snapshot, paths, true);
    const log = await openEventLog<StoredSignupEvent>(paths.signups, open);
    opened.push(log);
    // events the log already has are skipped by it
    if (loaded.events.length > 0) {
      await log.append(loaded.events);
      await log.sync();
    }
    const journal = await (options.openJournal ?? openJournal)(paths.journal, open);
    opened.push(journal);
    const store = createGroupCommitStore({
      data: loaded.data, commit: loaded.commit, snapshot, paths, log, journal, release,
      snapshotBytes: await fileSize(file),
      journalBytes: options.journalBytes ?? MIN_JOURNAL_BYTES,
      verify: options.verify ?? process.env.STORE_VERIFY === "1",
    });
    // an old file that still held sign-up events: write the new layout now, once they are in the log
    if (loaded.migrated) await store.checkpoint();
    return store;
  } catch (err) {
    for (const file of opened) await file.close().catch(() => undefined);
    await release();
    throw err;
  }
}


/** Temporary files a killed process left half-written (safe to delete: the lock is ours). */
async function removeLeftoverTempFiles(paths: StorePaths): Promise<void> {
  const prefixes = [paths.snapshot, paths.signups].map(tempPrefixOf);
  const dir = dirname(paths.snapshot);
  for (const name of await readdir(dir)) {
    if (name.endsWith(".tmp") && prefixes.some((p) => name.startsWith(p))) await unlink(join(dir, name)).catch(() => undefined);
  }
}

export { StoreFileError };
