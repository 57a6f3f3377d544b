/** `db:import`, updates: the ids already handled (a redelivery stays a no-op) and the webhook inbox. */
import { insertAll, type ImportCounts, type ImportTx, type StoreDoc } from "./import-rows.js";

export async function importUpdates(tx: ImportTx, community: string, doc: StoreDoc, counts: ImportCounts): Promise<void> {
  counts.handledUpdates = await insertAll(tx, "handled_updates", [...new Set(doc.handledUpdates)].map((id) => ({ community, update_id: id })));
  // no owner, claimed long ago: the first instance to start handles them
  counts.inbox = await insertAll(tx, "inbox", Object.entries(doc.inbox).map(([id, body]) => ({
    community, update_id: Number(id), body: JSON.stringify(body), owner: null, claimed_at: new Date(0),
  })));
}
