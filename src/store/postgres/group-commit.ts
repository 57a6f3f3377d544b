/**
 * Group commit for the deliveries' outcomes on PostgreSQL, as the JSON store's journal does it: one
 * UPDATE in flight at a time per instance; outcomes handed in meanwhile wait and go together in the
 * next one (the last outcome of a recipient wins). Each call resolves once its outcomes are written.
 * Without it, a sender at its limit of unsaved outcomes hands over one outcome per message, and a
 * thousand one-row UPDATEs a second queue for the pool (issue 16's district bench: 300 msg/s).
 */
import type { RecipientOutcome } from "../deliveries-repo.js";

interface Waiting {
  outcomes: Map<string, RecipientOutcome>;
  waiters: { resolve(): void; reject(err: unknown): void }[];
}

export function groupCommit(write: (outcomes: readonly RecipientOutcome[]) => Promise<void>): (outcomes: readonly RecipientOutcome[]) => Promise<void> {
  let writing = false;
  let next: Waiting | undefined;

  const start = (): void => {
    const batch = next;
    if (writing || batch === undefined) return;
    next = undefined;
    writing = true;
    write([...batch.outcomes.values()]).then(
      () => batch.waiters.forEach((w) => w.resolve()),
      (err: unknown) => batch.waiters.forEach((w) => w.reject(err)),
    ).finally(() => {
      writing = false;
      start();
    });
  };

  return (outcomes) =>
    new Promise<void>((resolve, reject) => {
      next ??= { outcomes: new Map(), waiters: [] };
      for (const o of outcomes) next.outcomes.set(`${o.broadcastId}\u0000${o.key}`, o);
      next.waiters.push({ resolve, reject });
      start();
    });
}
