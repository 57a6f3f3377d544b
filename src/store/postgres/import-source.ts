/**
 * The embedded store `db:import` reads: opened through the engine (snapshot, journals, sign-up
 * log; the lock keeps a running bot out meanwhile), with its sign-up log folded by the JSON
 * store's own sign-up repository over the notices as the bot sees them (moved and skipped dates
 * merged in), so the rosters are exactly the ones the bot answers with.
 */
import { access } from "node:fs/promises";
import { createDateOverridesRepo } from "../date-overrides-repo.js";
import { StoreLockedError } from "../engine/lock.js";
import { openStore, type Store } from "../engine/store.js";
import { loadNoticeCatalog } from "../notice-catalog.js";
import { createNoticesRepo } from "../notices-repo.js";
import { createSignupRepo, type FoldedSignupRepo } from "../signup-repo.js";

export interface ImportSource {
  readonly store: Store;
  readonly signups: FoldedSignupRepo;
  readonly timezone: string;
}

/** Thrown for a refusal the script prints as one line (not a store, not migrated, data present). */
export class ImportRefused extends Error {}

export async function openImportSource(file: string, dataDir: string, timezone: string | undefined, now: () => Date): Promise<ImportSource> {
  // openStore makes a missing store; an import of nothing must say so instead
  await access(file).catch(() => { throw new ImportRefused(`${file} does not exist`); });
  let store: Store;
  try {
    store = await openStore({ file, verify: false });
  } catch (err) {
    // a bot still running on it: stop it first (its lock says so, and which process)
    if (err instanceof StoreLockedError) throw new ImportRefused(err.message);
    throw new ImportRefused(`${file} is not a store this bot can open: ${(err as Error).message}`);
  }
  try {
    const catalog = await loadNoticeCatalog(dataDir, timezone);
    const dateOverrides = createDateOverridesRepo(store, catalog, now);
    await createNoticesRepo({ store, catalog, decorate: dateOverrides.apply });
    const signups = await createSignupRepo({ store, catalog, timezone: catalog.timezone, now });
    return { store, signups, timezone: catalog.timezone };
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
}
