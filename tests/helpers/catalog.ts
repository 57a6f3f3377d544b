import type { NoticeCatalog } from "../../src/domain/notice.js";
import type { CatalogReader } from "../../src/store/catalog-reader.js";
import type { NoticesRepo } from "../../src/store/notices-repo.js";

/** A reader over a catalog the test holds: every read is a copy of its lists as they are then. */
export function catalogReaderOf(catalog: NoticeCatalog): CatalogReader {
  return {
    timezone: catalog.timezone,
    read: async () => ({ timezone: catalog.timezone, notices: [...catalog.notices], bulletins: [...catalog.bulletins] }),
  };
}

/** The notices repository's reads over a catalog the test holds. */
export function noticesOf(catalog: NoticeCatalog): Pick<NoticesRepo, "list" | "get"> {
  return {
    list: async () => catalog.notices,
    get: async (id) => catalog.notices.find((n) => n.id === id),
  };
}
