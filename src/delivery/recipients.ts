import type { Logger } from "pino";
import type { DeliveriesRepo, DeliveryOutcome } from "../store/deliveries-repo.js";
import type { ActiveBroadcast, Job } from "./active-broadcast.js";
import type { OutcomeBuffer } from "./outcome-buffer.js";

const PRUNE_KINDS: ReadonlySet<string> = new Set(["notice", "adhoc", "survey"]);

/** What the sender counts per recipient decided. */
export type Count = (what: "sent" | "failed" | "blocked" | "retried") => void;

/**
 * Taking up the recipients of the active broadcasts, and recording what became of each. Keys are
 * claimed from the deliveries repository a batch ahead of the free slots, so a slot never waits
 * for the store, and a chat blocked or unsubscribed meanwhile is seen shortly before its turn.
 */
export interface Recipients {
  /**
   * The next claimed recipient to send to, in broadcast order (claiming more on the way).
   * Recipients decided without a message (inactive chat, unsubscribed) are recorded and skipped.
   */
  nextFresh(): Job | undefined;
  /** Ends a job; `outcome` is its final state, or undefined to leave the recipient pending in the store. */
  close(job: Job, outcome: DeliveryOutcome | undefined): void;
  /** A group became a supergroup: keys of the old id found gone are looked up under the new one. */
  follow(fromId: number, toId: number): void;
  /** Recipients taken up and not yet decided (the sender counts them as unsaved). */
  readonly open: number;
}

export interface RecipientsDeps {
  active: () => Iterable<ActiveBroadcast>;
  deliveries: Pick<DeliveriesRepo, "claim">;
  buffer: Pick<OutcomeBuffer, "record">;
  count: Count;
  log: Logger;
  /** claims run ahead by at least this many recipients (the sender's concurrency) */
  ahead: number;
  /** claimed recipients are ready: run the send loop */
  wake: () => void;
}

/**
 * Takes up what a claim returned: keys gone through a migration seen elsewhere are queued under the
 * supergroup's id; inactive or unsubscribed chats are decided without a message; the rest are ready.
 */
function admit(
  a: ActiveBroadcast,
  claimed: Awaited<ReturnType<DeliveriesRepo["claim"]>>,
  migrations: ReadonlyMap<number, number>,
  skip: (key: string, outcome: DeliveryOutcome) => void,
): void {
  for (const key of claimed.gone) {
    const to = migrations.get(Number(key)); // moved by a migration seen in another broadcast
    if (to !== undefined && !a.handled.has(String(to))) a.queue.push(String(to));
  }
  for (const { key, chat } of claimed.pending) {
    if (a.handled.has(key)) continue;
    a.handled.add(key);
    if (chat && !chat.active) skip(key, { s: "b", err: chat.inactiveReason ?? "inactive" });
    // personal reminders and staff reports go out whatever the notice subscription says
    else if (chat && !chat.subscribed && PRUNE_KINDS.has(a.broadcast.kind)) skip(key, { s: "b", err: "unsubscribed" });
    else a.ready.push({ a, key, chatId: Number(key), part: 0, attempts: 0, notBefore: 0 });
  }
}

/** Counts a recipient's outcome and hands it to the buffer (`mayDouble`: a message may have gone out). */
function decide(deps: Pick<RecipientsDeps, "buffer" | "count">, a: ActiveBroadcast, key: string, outcome: DeliveryOutcome, mayDouble: boolean): void {
  const what = outcome.s === "s" ? "sent" : outcome.s === "f" ? "failed" : "blocked";
  a.counts[what]++;
  deps.count(what);
  a.doneThisRun++;
  deps.buffer.record(a.id, key, outcome, mayDouble);
  a.report?.update();
}

export function createRecipients(deps: RecipientsDeps): Recipients {
  const { deliveries, log, wake } = deps;
  const batch = Math.max(64, 2 * deps.ahead);
  const migrations = new Map<number, number>(); // old group id → supergroup id
  let open = 0;

  function claimNext(a: ActiveBroadcast): void {
    const keys: string[] = [];
    while (a.cursor < a.queue.length && keys.length < batch) {
      const key = a.queue[a.cursor++] as string;
      if (!a.handled.has(key)) keys.push(key);
    }
    if (keys.length === 0) return;
    a.claiming = true;
    deliveries.claim(a.id, keys).then(
      (claimed) => {
        a.claiming = false;
        admit(a, claimed, migrations, (key, outcome) => decide(deps, a, key, outcome, false));
        wake();
      },
      (err: unknown) => {
        log.error({ err, broadcast: a.id }, "could not claim recipients; trying again");
        setTimeout(() => {
          a.queue.push(...keys);
          a.claiming = false;
          wake();
        }, 1000);
      },
    );
  }

  return {
    nextFresh() {
      for (const a of deps.active()) {
        if (a.finishing) continue;
        if (!a.claiming && a.ready.length <= deps.ahead && a.cursor < a.queue.length) claimNext(a);
        const job = a.ready.shift();
        if (job) {
          a.open++;
          open++;
          return job;
        }
      }
      return undefined;
    },
    close(job, outcome) {
      job.a.open--;
      open--;
      if (outcome) decide(deps, job.a, job.key, outcome, true);
    },
    follow(fromId, toId) {
      migrations.set(fromId, toId);
    },
    get open() {
      return open;
    },
  };
}
