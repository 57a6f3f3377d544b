import { bulletinDate } from "../domain/bulletins.js";
import { bulletinOf, type IssueVersion, type StoredIssue } from "../domain/bulletin-issue.js";
import type { Bulletin, LocalDate, NoticeCatalog } from "../domain/notice.js";
import { reminderKey } from "../domain/notice.js";
import type { Locale } from "../domain/translate.js";
import type { ReadonlyDb, Store } from "./engine/store.js";

/** What publishing one language of an issue needs. */
export interface PublishInput {
  /** the month, `YYYY-MM` */
  id: string;
  publishOn: LocalDate;
  locale: Locale;
  version: IssueVersion;
  by: number;
}

/** What a publication replaced: nothing, the data file's issue, or this language's earlier version. */
export type Replaced = "none" | "file" | "version";

/**
 * The health-bulletin issues: those in `data/bulletins/` (the seed) and those staff published from
 * the chat (in the store, by month; one replaces the file of its month). The catalog's `bulletins`
 * list is kept as the current view of both inside the store; the notice, /sendnow and the week-ahead
 * watch read the issues as they are now through `list()` (the CatalogReader).
 */
export interface BulletinRepo {
  /** Every issue, oldest first. */
  list(): Promise<Bulletin[]>;
  get(id: string): Promise<Bulletin | undefined>;
  /** The versions published from the chat for a month, if any. */
  stored(id: string): Promise<StoredIssue | undefined>;
  /** What publishing this language for this month would replace. */
  wouldReplace(id: string, locale: Locale): Promise<Replaced>;
  /** Stores one language of an issue (durable when it resolves). */
  publish(input: PublishInput): Promise<{ replaced: Replaced }>;
  /** Whether the bulletin notice has gone out (or is going out) for the issue date `date`. */
  sent(date: LocalDate): Promise<boolean>;
}

/** Whether any reminder of a bulletin notice on `date` was enqueued (by the scheduler or /sendnow). */
export function bulletinSent(db: ReadonlyDb, catalog: NoticeCatalog, date: LocalDate): boolean {
  return catalog.notices.some((n) => n.bulletin && n.reminders.some((r) => db.enqueued[reminderKey(n.id, date, r.id)] !== undefined));
}

/** The issues of the data files and those published from the chat (which replace a file's month), oldest first. */
export function mergeIssues(seed: readonly Bulletin[], stored: readonly StoredIssue[]): Bulletin[] {
  const published = stored.map(bulletinOf);
  const ids = new Set(published.map((b) => b.id));
  const merged = [...seed.filter((b) => !ids.has(b.id)), ...published];
  return merged.sort((a, b) => (bulletinDate(a) < bulletinDate(b) ? -1 : bulletinDate(a) > bulletinDate(b) ? 1 : a.id < b.id ? -1 : 1));
}

/** What publishing `locale` of a month replaces, given its stored issue and whether a data file has that month. */
export function replacedBy(issue: StoredIssue | undefined, inFiles: boolean, locale: Locale): Replaced {
  if (issue?.[locale]) return "version";
  return !issue && inFiles ? "file" : "none";
}

/** The repository over the store; `catalog.bulletins` becomes its live view (seeded from the files). */
export function createBulletinRepo(options: { store: Store; catalog: NoticeCatalog; now?: () => Date }): BulletinRepo {
  const { store, catalog } = options;
  const now = options.now ?? (() => new Date());
  const seed = [...catalog.bulletins];
  const seedIds = new Set(seed.map((b) => b.id));

  const refresh = (): void => {
    catalog.bulletins.splice(0, catalog.bulletins.length, ...mergeIssues(seed, Object.values(store.data.bulletins)));
  };
  const replaced = (id: string, locale: Locale): Replaced => replacedBy(store.data.bulletins[id], seedIds.has(id), locale);
  refresh();

  return {
    list: async () => [...catalog.bulletins],
    get: async (id) => catalog.bulletins.find((b) => b.id === id),
    stored: async (id) => store.data.bulletins[id],
    wouldReplace: async (id, locale) => replaced(id, locale),
    async publish(input) {
      const was = replaced(input.id, input.locale);
      const at = now().toISOString();
      await store.write((db) => {
        const issue = (db.bulletins[input.id] ??= { id: input.id, publishOn: input.publishOn });
        issue.publishOn = input.publishOn;
        issue[input.locale] = { ...input.version, by: input.by, at };
      }, "durable");
      refresh();
      return { replaced: was };
    },
    sent: async (date) => bulletinSent(store.data, catalog, date),
  };
}
