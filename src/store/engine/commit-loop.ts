interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // awaited by callers; avoid unhandled rejection noise
  return { promise, resolve, reject };
}

/** What the loop runs: the entry writer and the checkpoint it tries when one is due. */
export interface LoopSteps {
  pending: () => boolean;
  writeEntry: () => Promise<void>;
  checkpoint: () => Promise<void>;
  checkpointDue: () => boolean;
}

/** The group-commit loop of a store: one journal entry for everything changed while the last was written. */
export interface CommitLoop {
  /** Makes sure a write is coming; resolves once the changes made so far are on disk. */
  schedule: () => Promise<void>;
  /** Runs `task` between entries (nothing is written meanwhile). */
  exclusive: <T>(task: () => Promise<T>) => Promise<T>;
  /** Resolves once everything changed so far is on disk (writing again after a failed write). */
  flush: () => Promise<void>;
  /** How many entries reached the disk. */
  readonly writes: number;
  /** The running loop, if any. */
  readonly writing: Promise<void> | undefined;
  /** No more retries (the store is closed). */
  stop: () => void;
}

/** A failed write is tried again after this, doubling up to `WRITE_RETRY_MAX_MS` while it keeps failing. */
const WRITE_RETRY_MS = 250;
const WRITE_RETRY_MAX_MS = 10_000;
/** A failed checkpoint (a snapshot: the whole document) waits longer, doubling up to a minute. */
const CHECKPOINT_RETRY_MS = 1000;
const CHECKPOINT_RETRY_MAX_MS = 60_000;

/** A delay that doubles each time it is used, until `reset`. */
function backoff(first: number, max: number): { next: () => number; reset: () => void } {
  let ms = first;
  return {
    next: () => {
      const now = ms;
      ms = Math.min(ms * 2, max);
      return now;
    },
    reset: () => void (ms = first),
  };
}

/** Creates the commit loop of a store; it runs only while there is something to write or run. */
export function createCommitLoop(steps: LoopSteps): CommitLoop {
  const { pending, writeEntry, checkpoint, checkpointDue } = steps;
  const tasks: { run: () => Promise<void>; fail: (err: unknown) => void }[] = [];
  let writing: Promise<void> | undefined;
  let next: Deferred | undefined;
  let writes = 0;
  let stopped = false;
  // a failed write is retried on its own (a full disk that frees up must not wait for the next change)
  const writeDelay = backoff(WRITE_RETRY_MS, WRITE_RETRY_MAX_MS);
  let retry: NodeJS.Timeout | undefined;
  // while a snapshot keeps failing, it is not tried after every entry (each try writes the whole document)
  const checkpointDelay = backoff(CHECKPOINT_RETRY_MS, CHECKPOINT_RETRY_MAX_MS);
  let checkpointHeld = false;

  const retryLater = (): void => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      if (!stopped && (pending() || next)) writing ??= loop();
    }, writeDelay.next());
    retry.unref();
  };
  /** Writes now rather than after the pause (flush and close must not wait for it). */
  const retryNow = (): void => {
    clearTimeout(retry);
    retry = undefined;
  };

  const tryCheckpoint = async (): Promise<void> => {
    if (checkpointHeld || !checkpointDue()) return;
    try {
      await checkpoint();
      checkpointDelay.reset();
    } catch {
      checkpointHeld = true;
      setTimeout(() => (checkpointHeld = false), checkpointDelay.next()).unref();
    }
  };

  const schedule = (): Promise<void> => {
    next ??= deferred();
    const waiting = next.promise;
    // while a failed write pauses, changes wait for its retry: a disk that stays full under a stream
    // of changes (a broadcast's progress) would otherwise be written to, and fail, for each of them
    if (!retry) writing ??= loop();
    return waiting;
  };

  const loop = async (): Promise<void> => {
    // let the current tick's changes join this write
    await new Promise((r) => setImmediate(r));
    for (;;) {
      if (pending()) {
        const batch = next;
        next = undefined;
        try {
          await writeEntry();
          writes++;
          writeDelay.reset();
          batch?.resolve();
        } catch (err) {
          // nothing of it was saved: those waiting are told so; the change stays pending and is
          // written again after a pause (or with the next change, flush or close)
          batch?.reject(err);
          failTasks(err);
          retryLater();
          break;
        }
        await tryCheckpoint();
      }
      // one task between entries at most, so a steady stream of changes cannot starve it
      const task = tasks.shift();
      if (task) await task.run();
      else if (!pending()) break;
    }
    writing = undefined;
    if (next) {
      // someone waits for a change that arrived while the last write failed: it gets a write of its
      // own (after the pause); with nothing left to write, what they wait for is on disk already
      if (pending()) {
        if (!retry) writing = loop();
      } else {
        next.resolve();
        next = undefined;
      }
    }
  };

  const exclusive = <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      tasks.push({ run: () => task().then(resolve, reject), fail: reject });
      writing ??= loop();
    });

  /** A write failed: what waited to run after it fails too, rather than wait for a disk that may not come back. */
  const failTasks = (err: unknown): void => {
    for (const task of tasks.splice(0)) task.fail(err);
  };

  const flush = async (): Promise<void> => {
    retryNow();
    if (writing && !pending()) await writing;
    if (pending()) await schedule();
  };

  return {
    schedule,
    exclusive,
    flush,
    get writes() {
      return writes;
    },
    get writing() {
      return writing;
    },
    stop() {
      stopped = true;
      retryNow();
    },
  };
}
