import type { Job } from "./active-broadcast.js";
import type { CallQueue } from "./call-queue.js";
import type { SenderContext } from "./sender-context.js";

/** What the loop drives: the others' calls, fresh recipients, one job's send, finished broadcasts. */
export interface SendLoopParts {
  calls: CallQueue;
  nextFresh: () => Job | undefined;
  dispatch: (job: Job) => void;
  /** true when the loop must go again (see BroadcastLifecycle.finishDone) */
  finishDone: () => boolean;
}

/**
 * The sender's scheduling loop. Each turn fills the free request slots (others' calls first, then
 * continuations, due retries and fresh recipients) as far as the rate limit allows, finishes the
 * broadcasts that are done and saves the outcomes once a batch is due; then it sets one timer for
 * the next thing that becomes possible (a rate window, a 429 pause, a deferred job, a batch).
 */
export interface SendLoop {
  /** Runs a turn now (a nested call makes the running one go again). */
  pump(): void;
  /** Resolves when nothing is pending and everything is on disk. */
  idle(): Promise<void>;
  /** Clears the timer (stop); no new one is set once the sender is stopping. */
  cancelTimer(): void;
}

/** Creates the loop over the sender's shared context. */
export function createSendLoop(ctx: SenderContext, parts: SendLoopParts): SendLoop {
  const { clock, limiter, jobs, buffer } = ctx;
  const { calls, nextFresh, dispatch, finishDone } = parts;
  const idlers: (() => void)[] = [];
  let pumping = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;

  function wakeAt(at: number): void {
    if (ctx.stopping || at >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Infinity;
      pump();
    }, Math.max(0, Math.ceil(at - clock())));
  }

  function fill(t: number): void {
    while (ctx.requests < ctx.concurrency) {
      if (limiter.globalWait(t) > 0) return wakeAt(t + limiter.globalWait(t));
      const { call, wait: callWait } = calls.takeReady((chatId) => limiter.chatWait(chatId, t));
      if (call) {
        limiter.take(call.chatId, t);
        call.run();
        continue;
      }
      // calls to groups at their minute's limit wait without holding up the rest
      if (callWait !== undefined) wakeAt(t + callWait);
      const job = jobs.next(t) ?? (ctx.unsaved() < ctx.maxUnsaved ? nextFresh() : undefined);
      if (!job) return;
      const wait = limiter.chatWait(job.chatId, t);
      if (wait > 0) {
        jobs.defer({ ...job, notBefore: t + wait }); // a group at its limit waits; others go ahead
        continue;
      }
      limiter.take(job.chatId, t);
      dispatch(job);
    }
  }

  function commitIfDue(t: number): void {
    const oldest = buffer.oldestAt;
    if (oldest === undefined) return;
    // a slot is free again only once its outcome is on disk (see maxUnsaved): with no commit being
    // written, write now; the outcomes arriving meanwhile go together in the next one
    const slotsWait = buffer.writing === 0 && ctx.unsaved() >= ctx.maxUnsaved / 2;
    if (ctx.stopping || slotsWait || buffer.buffered >= ctx.maxUnsaved / 2 || ctx.unsaved() >= ctx.maxUnsaved || t - oldest >= ctx.batchMs) buffer.commit();
    else wakeAt(oldest + ctx.batchMs);
  }

  function pump(): void {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        const t = clock();
        if (!ctx.stopping && t < ctx.pausedUntil) wakeAt(ctx.pausedUntil);
        else if (!ctx.stopping) fill(t);
        if (!ctx.stopping && finishDone()) again = true;
        commitIfDue(clock());
        const due = jobs.nextDue();
        if (due !== undefined) wakeAt(due);
      } while (again);
    } finally {
      pumping = false;
    }
    if (ctx.active.size === 0 && ctx.requests === 0 && ctx.unsaved() === 0 && buffer.buffered === 0) {
      for (const resolve of idlers.splice(0)) resolve();
    }
  }

  return {
    pump,
    idle() {
      return new Promise<void>((resolve) => {
        idlers.push(resolve);
        pump();
      });
    },
    cancelTimer() {
      if (timer) clearTimeout(timer);
    },
  };
}
