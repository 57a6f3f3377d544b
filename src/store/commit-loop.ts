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
}

/** Creates the commit loop of a store; it runs only while there is something to write or run. */
export function createCommitLoop(steps: LoopSteps): CommitLoop {
  const { pending, writeEntry, checkpoint, checkpointDue } = steps;
  const tasks: { run: () => Promise<void>; fail: (err: unknown) => void }[] = [];
  let writing: Promise<void> | undefined;
  let next: Deferred | undefined;
  let writes = 0;

  const schedule = (): Promise<void> => {
    next ??= deferred();
    const waiting = next.promise;
    writing ??= loop();
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
          batch?.resolve();
        } catch (err) {
          // no retry loop here (a full disk would spin): the next change, flush or close writes again
          batch?.reject(err);
          failTasks(err);
          break;
        }
        if (checkpointDue()) await checkpoint().catch(() => undefined); // tried again after the next entry
      }
      // one task between entries at most, so a steady stream of changes cannot starve it
      const task = tasks.shift();
      if (task) await task.run();
      else if (!pending()) break;
    }
    writing = undefined;
    if (next) {
      // someone waits for a change that arrived while the last write failed: it gets a write of its
      // own; with nothing left to write, what they wait for is on disk already
      if (pending()) writing = loop();
      else {
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
  };
}
