import type { Logger } from "pino";
import type { DeliveriesRepo, DeliveryOutcome, RecipientOutcome } from "../store/deliveries-repo.js";

/**
 * Recipient outcomes wait here and go to the deliveries repository together, one batch per
 * commit, so the store writes once per batch rather than once per message. The buffer also counts
 * outcomes that are decided but not yet on disk: after a crash those recipients are still pending
 * and get the message again, so the sender keeps that number bounded.
 */
export interface OutcomeBuffer {
  /** Buffers one final state. `mayDouble`: a message went out, so losing this would send it twice. */
  record(broadcastId: string, key: string, outcome: DeliveryOutcome, mayDouble: boolean): void;
  /** Hands everything buffered to the repository as one batch, and tracks when it reaches the disk. */
  commit(): void;
  /** Outcomes buffered, not yet handed over. */
  readonly buffered: number;
  /** When the oldest buffered outcome was recorded (`clock` time), if any. */
  readonly oldestAt: number | undefined;
  /** Sent messages whose outcome is not yet on disk. */
  readonly undurable: number;
  /** Batches not yet on disk. */
  readonly writing: number;
}

export interface OutcomeBufferDeps {
  deliveries: Pick<DeliveriesRepo, "record" | "flush">;
  log: Logger;
  clock: () => number;
  /** a batch reached the disk (slots may be free again) */
  onDurable: () => void;
}

export function createOutcomeBuffer(deps: OutcomeBufferDeps): OutcomeBuffer {
  const { deliveries, log, clock, onDurable } = deps;
  let entries: RecipientOutcome[] = [];
  let doubles = 0; // buffered entries with mayDouble
  let undurable = 0;
  let oldestAt: number | undefined;
  let writing = 0;

  const saved = (count: number) => (): void => {
    undurable -= count;
    writing--;
    onDurable();
  };
  const retry = (count: number) => (err: unknown): void => {
    log.error({ err }, "could not save delivery progress; retrying");
    setTimeout(() => void deliveries.flush().then(saved(count), retry(count)), 1000);
  };

  return {
    record(broadcastId, key, outcome, mayDouble) {
      if (entries.length === 0) oldestAt = clock();
      entries.push({ broadcastId, key, outcome });
      if (mayDouble) {
        doubles++;
        undurable++;
      }
    },
    commit() {
      if (entries.length === 0) return;
      const batch = entries;
      const count = doubles;
      entries = [];
      doubles = 0;
      oldestAt = undefined;
      writing++;
      deliveries.record(batch).then(saved(count), retry(count));
    },
    get buffered() {
      return entries.length;
    },
    get oldestAt() {
      return oldestAt;
    },
    get undurable() {
      return undurable;
    },
    get writing() {
      return writing;
    },
  };
}
