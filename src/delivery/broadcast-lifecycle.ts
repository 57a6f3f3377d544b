import type { Logger } from "pino";
import type { BroadcastView } from "../store/broadcast-view.js";
import type { DeliveriesRepo, FinishResult } from "../store/deliveries-repo.js";
import { activate, isSettled, timeLeftMs, type ActiveBroadcast } from "./active-broadcast.js";
import type { OutcomeBuffer } from "./outcome-buffer.js";
import type { ProgressReporting } from "./progress-reporting.js";

/** Taking broadcasts up from the outbox and marking them done once every recipient is decided. */
export interface BroadcastLifecycle {
  /** Takes up the broadcasts being sent and not active yet, oldest first, and shows summaries left pending. */
  loadNew(): void;
  /** Finishes the active broadcasts with nothing left to claim, waiting or in flight (those given more go on). */
  finishDone(): void;
  /** The broadcasts being sent, in the order they were taken up. */
  readonly active: ReadonlyMap<string, ActiveBroadcast>;
  /** A load from the outbox is on its way. */
  readonly loading: boolean;
}

export interface LifecycleDeps {
  deliveries: Pick<DeliveriesRepo, "resume" | "finish">;
  reporting: ProgressReporting;
  buffer: Pick<OutcomeBuffer, "commit">;
  /** monotonic ms, and the wall clock */
  clock: () => number;
  now: () => Date;
  log: Logger;
  onFinished?: (broadcast: BroadcastView) => void;
  stopping: () => boolean;
  wake: () => void;
}

/** Takes up the broadcasts being sent and not active yet, oldest first, and shows summaries left pending. */
async function takeUp(deps: LifecycleDeps, active: Map<string, ActiveBroadcast>): Promise<void> {
  const { reporting, clock, log } = deps;
  const skip = new Set([...active.keys(), ...reporting.summarizing]);
  const { sending, summaries } = await deps.deliveries.resume(skip);
  if (deps.stopping()) return;
  // finished before a stop or a crash let its summary be shown: show it now
  for (const s of summaries) if (!reporting.summarizing.has(s.broadcast.id)) reporting.showPending(s);
  for (const s of sending) {
    if (active.has(s.broadcast.id)) continue;
    const a = activate(s, clock());
    active.set(a.id, a);
    log.info({ broadcast: a.id, pending: a.queue.length, total: a.counts.total }, "sending broadcast");
    if (s.broadcast.progress) {
      a.report = reporting.open(a.id, s.broadcast.progress, () => ({ counts: a.counts, etaMs: timeLeftMs(a, clock()) }));
      a.report.update();
    }
  }
}

/** A finish answered: go on with recipients added meanwhile, or drop the broadcast and show its summary. */
function finished(deps: LifecycleDeps, active: Map<string, ActiveBroadcast>, a: ActiveBroadcast, r: FinishResult): void {
  if (r.status === "more") {
    a.queue = [...r.pending]; // recipients added or moved (migrations) while it ran
    a.cursor = 0;
    a.finishing = false;
    return;
  }
  active.delete(a.id);
  if (r.status === "gone") return a.report?.cancel();
  const durationMs = Math.max(deps.clock() - a.startedAt, deps.now().getTime() - Date.parse(a.broadcast.createdAt));
  deps.log.info({ broadcast: a.id, ...r.counts, durationMs: Math.round(durationMs) }, "broadcast finished");
  if (a.report) deps.reporting.summarize(a.id, a.report, r.counts, durationMs);
  try {
    deps.onFinished?.(r.broadcast);
  } catch (err) {
    deps.log.error({ err, broadcast: a.id }, "onFinished failed");
  }
}

export function createBroadcastLifecycle(deps: LifecycleDeps): BroadcastLifecycle {
  const { deliveries, log, wake } = deps;
  const active = new Map<string, ActiveBroadcast>();
  let loading = false;
  let reload = false;

  function loadNew(): void {
    if (loading) {
      reload = true; // kicked while loading: look again once this one is in
      return;
    }
    loading = true;
    takeUp(deps, active)
      .catch((err: unknown) => log.error({ err }, "could not load the outbox"))
      .finally(() => {
        loading = false;
        if (reload && !deps.stopping()) {
          reload = false;
          loadNew();
        }
        wake();
      });
  }

  return {
    loadNew,
    finishDone() {
      for (const a of active.values()) {
        if (a.finishing || !isSettled(a)) continue;
        a.finishing = true;
        deps.buffer.commit(); // its outcomes go first (applied in call order)
        deliveries.finish(a.id, deps.now(), a.handled).then(
          (r) => {
            finished(deps, active, a, r);
            wake();
          },
          (err: unknown) => {
            log.error({ err, broadcast: a.id }, "could not finish a broadcast; trying again");
            setTimeout(() => {
              a.finishing = false;
              wake();
            }, 1000);
          },
        );
      }
    },
    active,
    get loading() {
      return loading;
    },
  };
}
