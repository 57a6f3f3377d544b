import type { BroadcastLifecycle } from "./broadcast-lifecycle.js";
import type { CallQueue } from "./call-queue.js";
import type { InFlight } from "./in-flight.js";
import type { Dispatch } from "./job-dispatch.js";
import type { JobQueue } from "./job-queue.js";
import type { OutcomeBuffer } from "./outcome-buffer.js";
import type { Pacing } from "./pacing.js";
import type { Recipients } from "./recipients.js";

/** What the loop drives, and its limits. */
export interface SendLoopDeps {
  pacing: Pacing;
  inFlight: Pick<InFlight, "count" | "hasRoom">;
  calls: Pick<CallQueue, "takeReady">;
  jobs: JobQueue;
  recipients: Pick<Recipients, "nextFresh" | "open">;
  dispatch: Dispatch;
  lifecycle: Pick<BroadcastLifecycle, "finishDone" | "active" | "loading">;
  buffer: OutcomeBuffer;
  stopping: () => boolean;
  /** outcomes are saved at least this often */
  batchMs: number;
  /** most messages sent (or in flight) whose outcome is not yet on disk */
  maxUnsaved: number;
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
  /** Messages whose outcome is not on disk yet: in flight, or decided and not yet saved. */
  unsaved(): number;
}

/** One timer for the next thing that becomes possible: an earlier wake replaces a later one. */
function createWakeTimer(now: () => number, stopping: () => boolean, pump: () => void) {
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;
  return {
    at(at: number): void {
      if (stopping() || at >= timerAt) return;
      if (timer) clearTimeout(timer);
      timerAt = at;
      timer = setTimeout(() => {
        timer = undefined;
        timerAt = Infinity;
        pump();
      }, Math.max(0, Math.ceil(at - now())));
    },
    cancel(): void {
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * Fills the free request slots at time `t` as far as the rate allows: others' calls first, then
 * continuations, due retries and fresh recipients (no more unsaved than `maxUnsaved`).
 */
function fillSlots(deps: SendLoopDeps, t: number, unsaved: () => number, wakeAt: (at: number) => void): void {
  const { pacing, inFlight, calls, jobs, recipients, dispatch, maxUnsaved } = deps;
  while (inFlight.hasRoom) {
    if (pacing.globalWait(t) > 0) return wakeAt(t + pacing.globalWait(t));
    const { call, wait: callWait } = calls.takeReady((chatId) => pacing.chatWait(chatId, t));
    if (call) {
      pacing.take(call.chatId, t);
      call.run();
      continue;
    }
    // calls to groups at their minute's limit wait without holding up the rest
    if (callWait !== undefined) wakeAt(t + callWait);
    const next = jobs.next(t) ?? (unsaved() < maxUnsaved ? recipients.nextFresh() : undefined);
    if (!next) return;
    const job = dispatch.prepare(next);
    if (!job) continue; // its language is being looked up; it comes back as a continuation
    const wait = pacing.chatWait(job.chatId, t);
    if (wait > 0) {
      jobs.defer({ ...job, notBefore: t + wait }); // a group at its limit waits; others go ahead
      continue;
    }
    pacing.take(job.chatId, t);
    dispatch.send(job);
  }
}

export function createSendLoop(deps: SendLoopDeps): SendLoop {
  const { pacing, inFlight, jobs, recipients, lifecycle, buffer, stopping, batchMs, maxUnsaved } = deps;
  const idlers: (() => void)[] = [];
  let pumping = false;
  let again = false;
  const unsaved = (): number => recipients.open + buffer.undurable;
  const timer = createWakeTimer(() => pacing.now(), stopping, () => pump());
  const wakeAt = (at: number): void => timer.at(at);

  function commitIfDue(t: number): void {
    const oldest = buffer.oldestAt;
    if (oldest === undefined) return;
    // a slot is free again only once its outcome is on disk (see maxUnsaved): with no commit being
    // written, write now; the outcomes arriving meanwhile go together in the next one
    const slotsWait = buffer.writing === 0 && unsaved() >= maxUnsaved / 2;
    if (stopping() || slotsWait || buffer.buffered >= maxUnsaved / 2 || unsaved() >= maxUnsaved || t - oldest >= batchMs) buffer.commit();
    else wakeAt(oldest + batchMs);
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
        const t = pacing.now();
        if (!stopping() && t < pacing.pausedUntil) wakeAt(pacing.pausedUntil);
        else if (!stopping()) fillSlots(deps, t, unsaved, wakeAt);
        if (!stopping()) lifecycle.finishDone();
        commitIfDue(pacing.now());
        const due = jobs.nextDue();
        if (due !== undefined) wakeAt(due);
      } while (again);
    } finally {
      pumping = false;
    }
    if (lifecycle.active.size === 0 && !lifecycle.loading && inFlight.count === 0 && unsaved() === 0 && buffer.buffered === 0) {
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
    cancelTimer: () => timer.cancel(),
    unsaved,
  };
}
