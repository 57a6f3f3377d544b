/**
 * Leadership, whatever the backend: exactly one instance runs the scheduler, the sender, live-count
 * edits, setWebhook and the command menus. The embedded JSON store is always leader (one process
 * owns its store through the file lock); PostgreSQL's (postgres/pg-leadership.ts) holds a lease.
 *
 * `pollingDecision` says whether this instance may poll getUpdates: Telegram serves one poller per
 * bot, so with several instances polling is refused and webhook mode is the way.
 */

export interface Leadership {
  isLeader(): boolean;
  /** Called with the new state on every change; answers an unsubscribe. */
  onChange(cb: (leader: boolean) => void): () => void;
  start(): Promise<void>;
  /** Stops leading (and gives the lease up, if any). */
  stop(): Promise<void>;
}

/** The embedded store's: one process, always the leader. */
export function alwaysLeader(): Leadership {
  return {
    isLeader: () => true,
    onChange: () => () => undefined,
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
}

/** A tiny listener list for Leadership implementations. */
export function createListeners(): { add(cb: (leader: boolean) => void): () => void; emit(leader: boolean): void } {
  const cbs = new Set<(leader: boolean) => void>();
  return {
    add(cb) {
      cbs.add(cb);
      return () => void cbs.delete(cb);
    },
    emit(leader) {
      for (const cb of [...cbs]) cb(leader);
    },
  };
}

export type PollingDecision = { readonly ok: true } | { readonly ok: false; readonly message: string };

export interface PollingFacts {
  /** "json": the embedded store (its file lock already keeps a second process out) */
  readonly backend: "json" | "postgres";
  /** whether this instance took the leader lease (PostgreSQL only) */
  readonly holdsLease: boolean;
  /** who holds it otherwise, while unexpired */
  readonly otherHolder?: string;
}

/** Whether this instance may use long polling (see the module comment). */
export function pollingDecision(facts: PollingFacts): PollingDecision {
  if (facts.backend === "json" || facts.holdsLease) return { ok: true };
  const who = facts.otherHolder ? `another instance (${facts.otherHolder})` : "another instance";
  return {
    ok: false,
    message:
      `Polling refused: ${who} holds the leader lease on this database, and Telegram serves only one ` +
      "poller per bot. Run several instances in webhook mode (set WEBHOOK_URL) behind a load balancer, " +
      "or stop the other instance (a dead one's lease expires within 15 s).",
  };
}
