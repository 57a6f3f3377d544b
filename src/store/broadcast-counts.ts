import type { DeepReadonly } from "../domain/deep-readonly.js";
import type { BroadcastRecord } from "./schema.js";

/** Where a broadcast stands: its recipients by state (pending = total − the rest). */
export interface DeliveryCounts {
  total: number;
  sent: number;
  failed: number;
  blocked: number;
}

/** Counts a broadcast's recipients by state; a finished one keeps its totals in `counts`. */
export function countRecipients(b: DeepReadonly<BroadcastRecord>): DeliveryCounts {
  if (b.counts) return { ...b.counts };
  const c: DeliveryCounts = { total: 0, sent: 0, failed: 0, blocked: 0 };
  for (const key in b.recipients) {
    const s = b.recipients[key]?.s;
    c.total++;
    if (s === "s") c.sent++;
    else if (s === "f") c.failed++;
    else if (s === "b") c.blocked++;
  }
  return c;
}
