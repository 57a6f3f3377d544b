import type { NoticeCatalog } from "../domain/notice.js";
import type { BulletinRepo } from "./bulletin-repo.js";
import type { NoticesRepo } from "./notices-repo.js";

/**
 * The notices and the bulletin issues as they are now, read through their repositories: a copy for
 * the domain's and the renderer's pure functions (a reminder's text and file, due reminders, the
 * issue of a date). Callers read it when they need it, never keep it: staff change both at any time.
 */
export interface CatalogReader {
  /** the community time zone (fixed at start) */
  readonly timezone: string;
  read(): Promise<NoticeCatalog>;
}

/** The reader over the notices and bulletin repositories. */
export function createCatalogReader(o: {
  timezone: string;
  notices: Pick<NoticesRepo, "list">;
  bulletins: Pick<BulletinRepo, "list">;
}): CatalogReader {
  return {
    timezone: o.timezone,
    read: async () => ({ timezone: o.timezone, notices: [...(await o.notices.list())], bulletins: await o.bulletins.list() }),
  };
}
