/**
 * A clock for code that takes a `sleep(ms)` option (the poller, the update queue): every pause waits
 * until the test lets it pass, so a test says "after one pause" instead of sleeping for real.
 */
export interface ManualSleep {
  sleep: (ms: number) => Promise<void>;
  /** every pause asked for so far, in order (`passed` once let through) */
  readonly pauses: readonly { ms: number; passed: boolean }[];
  /** Resolves once `n` pauses were asked for in all. */
  asked(n: number): Promise<void>;
  /** Resolves once a pause is waiting (asked for and not let through). */
  waiting(): Promise<void>;
  /** Lets every pause asked for so far pass. */
  passAll(): void;
}

export function manualSleep(): ManualSleep {
  const pauses: { ms: number; passed: boolean; pass: () => void }[] = [];
  return {
    pauses,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const pause = { ms, passed: false, pass: () => ((pause.passed = true), resolve()) };
        pauses.push(pause);
      }),
    asked: (n) => until(() => pauses.length >= n, () => `only ${pauses.length} of ${n} pauses were asked for`),
    waiting: () => until(() => pauses.some((p) => !p.passed), () => "no pause is waiting"),
    passAll() {
      for (const p of pauses) if (!p.passed) p.pass();
    },
  };
}

/** Checks on every turn of the event loop (not on a timer) until `done`, for at most 5 s. */
async function until(done: () => boolean, failure: () => string): Promise<void> {
  const end = Date.now() + 5_000;
  while (!done()) {
    if (Date.now() > end) throw new Error(failure());
    await new Promise((r) => setImmediate(r));
  }
}
