import type { Job } from "./active-broadcast.js";

/**
 * Jobs already taken up: continuations (the next part of a long message, a retry after 429 or a
 * migration) go first, then deferred jobs once their time has come (a group at its per-minute
 * limit, a backoff after a network error). Fresh recipients come from the broadcasts after these.
 */
export interface JobQueue {
  continueWith(job: Job): void;
  defer(job: Job): void;
  /** The next job that may go at `now`, if any. */
  next(now: number): Job | undefined;
  /** When the earliest deferred job is due. */
  nextDue(): number | undefined;
  readonly size: number;
}

export function createJobQueue(): JobQueue {
  const continuations: Job[] = [];
  const deferred: Job[] = []; // sorted by notBefore
  return {
    continueWith(job) {
      continuations.push(job);
    },
    defer(job) {
      let lo = 0;
      let hi = deferred.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((deferred[mid] as Job).notBefore <= job.notBefore) lo = mid + 1;
        else hi = mid;
      }
      deferred.splice(lo, 0, job);
    },
    next(now) {
      const c = continuations.shift();
      if (c) return c;
      const d = deferred[0];
      if (d && d.notBefore <= now) return deferred.shift();
      return undefined;
    },
    nextDue() {
      return deferred[0]?.notBefore;
    },
    get size() {
      return continuations.length + deferred.length;
    },
  };
}
