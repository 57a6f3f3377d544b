import type { EnqueueInput, OutboxRepo } from "../store/outbox-repo.js";

export type { EnqueueInput };

/**
 * The outbox: broadcasts waiting in the store, each with every recipient's state. The scheduler
 * and the bot put work here; the sender is the only one that takes it out. Enqueueing is durable
 * before it resolves, so a crash right after loses nothing.
 */
export interface Outbox {
  enqueue(input: EnqueueInput): Promise<{ id: string; created: boolean }>;
  /** Wakes the sender (set by whoever runs it). */
  onEnqueued?: () => void;
}

/** Creates the outbox over its repository; a new broadcast wakes the sender. */
export function createOutbox(repo: OutboxRepo): Outbox {
  const outbox: Outbox = {
    async enqueue(input) {
      const result = await repo.enqueue(input);
      if (result.created) outbox.onEnqueued?.();
      return result;
    },
  };
  return outbox;
}
