import type { ApiSignal } from "./sender.js";

const REQUEST_TIMEOUT_MS = 120_000;

/**
 * The Bot API requests the sender has in flight (sends, progress messages, others' calls): how
 * many, room for another, and the signals that abort them all at stop.
 */
export interface InFlight {
  readonly count: number;
  /** fewer than the concurrency in flight */
  readonly hasRoom: boolean;
  /** One request starts: its signal (aborted by `abortAll` or after the request timeout). */
  begin(): ApiSignal;
  /** One request ended (answered or failed). */
  end(): void;
  /** Whether a request carries one of `begin()`'s signals, i.e. the sender counted it already. */
  isOwn(signal: unknown): boolean;
  abortAll(): void;
  /**
   * Resolves once nothing is in flight (at once when nothing is), or when `withinMs` have passed
   * (a timer, so a test's fake timers drive it), whichever comes first.
   */
  settled(withinMs?: number): Promise<void>;
}

export function createInFlight(concurrency: number): InFlight {
  const limit = Math.max(1, concurrency);
  const abort = new AbortController();
  const own = new WeakSet<object>();
  let count = 0;
  const waiting: (() => void)[] = [];
  return {
    get count() {
      return count;
    },
    get hasRoom() {
      return count < limit;
    },
    begin() {
      count++;
      const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]);
      own.add(signal);
      return signal as unknown as ApiSignal;
    },
    end() {
      count--;
      if (count === 0) for (const resolve of waiting.splice(0)) resolve();
    },
    isOwn: (signal) => typeof signal === "object" && signal !== null && own.has(signal),
    abortAll() {
      abort.abort();
    },
    settled(withinMs = Infinity) {
      if (count === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = Number.isFinite(withinMs) ? setTimeout(done, withinMs) : undefined;
        function done(): void {
          clearTimeout(timer);
          const i = waiting.indexOf(done);
          if (i >= 0) waiting.splice(i, 1);
          resolve();
        }
        waiting.push(done);
      });
    },
  };
}
