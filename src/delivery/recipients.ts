import type { RecipientState } from "../store/schema.js";
import type { ActiveBroadcast, Job } from "./active-broadcast.js";
import type { SenderContext } from "./sender-context.js";

const PRUNE_KINDS: ReadonlySet<string> = new Set(["notice", "adhoc", "survey"]);

/** Taking up the recipients of the active broadcasts, and recording what became of each. */
export interface Recipients {
  /**
   * The next recipient to send to, in broadcast order. Recipients decided without a message
   * (inactive chat, unsubscribed) are recorded on the way and skipped.
   */
  nextFresh(): Job | undefined;
  /** Ends a job; `state` is its final outcome, or undefined to leave the recipient pending in the store. */
  close(job: Job, state: RecipientState | undefined): void;
}

/** Creates the recipients' bookkeeping over the sender's shared context. */
export function createRecipients(ctx: SenderContext): Recipients {
  const { store, stats, buffer, migrations } = ctx;

  /** Takes up one recipient key: a job to send, or undefined when decided without sending or skipped. */
  function admit(a: ActiveBroadcast, key: string): Job | undefined {
    const db = store.data;
    const b = db.broadcasts[a.id];
    if (!b || a.handled.has(key)) return undefined;
    if (!b.recipients[key]) {
      const to = migrations.get(Number(key)); // moved by a migration seen in another broadcast
      if (to === undefined) return undefined;
      key = String(to);
      if (a.handled.has(key)) return undefined;
    }
    if (b.recipients[key]?.s !== "p") return undefined;
    a.handled.add(key);
    const chat = db.chats[key];
    if (chat && !chat.active) return void decide(a, key, { s: "b", err: chat.inactiveReason ?? "inactive" }, false);
    // personal reminders and staff reports go out whatever the notice subscription says
    if (chat && !chat.subscribed && PRUNE_KINDS.has(b.kind)) return void decide(a, key, { s: "b", err: "unsubscribed" }, false);
    a.open++;
    ctx.openRecipients++;
    return { a, key, chatId: Number(key), part: 0, attempts: 0, notBefore: 0 };
  }

  function decide(a: ActiveBroadcast, key: string, state: RecipientState, mayDouble: boolean): void {
    const c = a.counts;
    if (state.s === "s") c.sent++;
    else if (state.s === "f") c.failed++;
    else if (state.s === "b") c.blocked++;
    if (state.s !== "p") stats[state.s === "s" ? "sent" : state.s === "f" ? "failed" : "blocked"]++;
    a.doneThisRun++;
    buffer.record(a.id, key, state, mayDouble);
    a.report?.update();
  }

  return {
    nextFresh() {
      for (const a of ctx.active.values()) {
        while (a.cursor < a.queue.length) {
          const job = admit(a, a.queue[a.cursor++] as string);
          if (job) return job;
        }
      }
      return undefined;
    },
    close(job, state) {
      job.a.open--;
      ctx.openRecipients--;
      if (state) decide(job.a, job.key, state, true);
    },
  };
}
