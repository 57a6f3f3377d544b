/**
 * Leadership over the PostgreSQL lease: every `renewEveryMs` a leader renews and a follower tries to
 * take it. A renew answering false (another took over) steps down at once; a renew that fails (the
 * database unreachable) steps down once the lease may have expired, measured from the start of the
 * last successful renew on our own clock (earlier than the database stamped it, so we step down no
 * later than a takeover can happen). Timers and the clock are injected so tests drive the loop.
 */
import { createListeners, pollingDecision, type Leadership, type PollingDecision } from "../leadership.js";
import { DEFAULT_LEASE_RENEW_MS, type PgLease } from "./lease.js";

export interface LeaderTimers {
  /** schedules `fn` after `ms`; answers a cancel */
  schedule(fn: () => void, ms: number): () => void;
  now(): number;
}

const realTimers: LeaderTimers = {
  schedule(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
  now: () => Date.now(),
};

export interface PgLeadershipOptions {
  readonly lease: PgLease;
  /** default 3 s (with the lease's default ttl of 10 s, a dead leader is replaced within 15 s) */
  readonly renewEveryMs?: number;
  readonly timers?: LeaderTimers;
  /** told about failed renews/acquires (the loop keeps going) */
  readonly onError?: (err: unknown) => void;
}

export interface PgLeadership extends Leadership {
  /** One round of the loop now (renew or try to acquire); the timer calls it too. */
  tick(): Promise<void>;
}

export function createPgLeadership(options: PgLeadershipOptions): PgLeadership {
  const { lease } = options;
  const every = options.renewEveryMs ?? DEFAULT_LEASE_RENEW_MS;
  if (!(every > 0 && every < lease.ttlMs)) {
    throw new Error(`renew interval (${every} ms) must be positive and shorter than the lease ttl (${lease.ttlMs} ms)`);
  }
  const timers = options.timers ?? realTimers;
  const listeners = createListeners();
  let leader = false;
  let lastOk = 0;
  let running = false;
  let cancel: (() => void) | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const set = (next: boolean): void => {
    if (next === leader) return;
    leader = next;
    listeners.emit(next);
  };

  const round = async (): Promise<void> => {
    const started = timers.now();
    try {
      if (leader) {
        const kept = await lease.renew();
        if (kept) lastOk = started;
        set(kept);
      } else {
        const epoch = await lease.tryAcquire();
        if (epoch !== undefined) lastOk = started;
        set(epoch !== undefined);
      }
    } catch (err) {
      options.onError?.(err);
      if (leader && timers.now() - lastOk >= lease.ttlMs) set(false);
    }
  };

  const tick = (): Promise<void> => {
    inFlight = inFlight.then(round);
    return inFlight;
  };

  const loop = (): void => {
    cancel = timers.schedule(() => {
      void tick().then(() => {
        if (running) loop();
      });
    }, every);
  };

  return {
    isLeader: () => leader,
    onChange: (cb) => listeners.add(cb),
    tick,
    async start() {
      if (running) return;
      running = true;
      await tick();
      if (running) loop();
    },
    async stop() {
      running = false;
      cancel?.();
      cancel = undefined;
      await inFlight;
      const was = leader;
      set(false);
      if (was) await lease.release();
    },
  };
}

/**
 * Whether a polling instance on PostgreSQL may poll: it must take (or already hold) the lease; if
 * another live instance holds it, the answer carries the message to exit with.
 */
export async function pgPollingDecision(lease: PgLease): Promise<PollingDecision> {
  if ((await lease.tryAcquire()) !== undefined) return pollingDecision({ backend: "postgres", holdsLease: true });
  const other = await lease.current();
  return pollingDecision({ backend: "postgres", holdsLease: false, ...(other?.live ? { otherHolder: other.holder } : {}) });
}
