/**
 * `npm run db:import -- <db.json>`: moves an embedded store into PostgreSQL for one community, in
 * one transaction (all of it or nothing). Refuses (ImportRefused, one line) a file that is not a
 * store, a schema that is not migrated, and a community that has rows already, unless `replace`
 * (then that community's rows are deleted first, in the same transaction). The campaign's figures
 * are computed from the imported records in that transaction too.
 */
import { loadCampaign } from "../campaign-catalog.js";
import type { PgDb } from "./database.js";
import { importCampaign } from "./import-campaign.js";
import { importOffice } from "./import-office.js";
import { importOutbox } from "./import-outbox.js";
import { importPeople } from "./import-people.js";
import type { ImportCounts, ImportTx } from "./import-rows.js";
import { ImportRefused, openImportSource } from "./import-source.js";
import { importSignups } from "./import-signups.js";
import { importSurvey } from "./import-survey.js";
import { importUpdates } from "./import-updates.js";
import { pendingMigrations } from "./migrations.js";
import type { Tables } from "./tables.js";

export { ImportRefused } from "./import-source.js";
export type { ImportCounts } from "./import-rows.js";

export interface ImportOptions {
  file: string;
  community: string;
  /** where notices.json and campaign.json are (the bot's DATA_DIR) */
  dataDir: string;
  /** COMMUNITY_TZ, when set */
  timezone?: string;
  replace?: boolean;
  now?: () => Date;
}

/** Every table with a community's rows (leases are the instances', not a community's data). */
const TABLES = [
  "chats", "users", "roles", "handled_updates", "inbox", "broadcasts", "deliveries", "schedule_keys",
  "occurrences", "roster", "signup_events", "signup_marks", "live_messages", "campaign_records", "campaign_targets",
  "campaign_state", "campaign_buckets", "drafts", "compounds", "scheduled", "date_moves", "date_skips", "conversations",
  "survey_state", "survey_rounds", "survey_respondents", "survey_polls", "notice_books", "notices", "bulletins",
] as const satisfies readonly (keyof Tables)[];

async function tablesWithRows(tx: ImportTx, community: string): Promise<(typeof TABLES)[number][]> {
  const found: (typeof TABLES)[number][] = [];
  for (const t of TABLES) {
    const row = await tx.selectFrom(t).select("community").where("community", "=", community).limit(1).executeTakeFirst();
    if (row) found.push(t);
  }
  return found;
}

/** Imports `options.file`; resolves with the rows written, by kind. */
export async function importJsonStore(db: PgDb, options: ImportOptions): Promise<ImportCounts> {
  const { community } = options;
  const now = options.now ?? (() => new Date());
  const pending = await pendingMigrations(db);
  if (pending.length > 0) throw new ImportRefused(`the PostgreSQL schema is not migrated (${pending.join(", ")} pending): run npm run db:migrate first`);
  const { campaign } = await loadCampaign(options.dataDir);
  const source = await openImportSource(options.file, options.dataDir, options.timezone, now);
  const counts: ImportCounts = {};
  try {
    const doc = source.store.data;
    await db.transaction().execute(async (tx) => {
      // one import at a time per community: a second one waits here, then finds the rows
      await tx.selectNoFrom((eb) => eb.fn("pg_advisory_xact_lock", [eb.fn("hashtext", [eb.val(`import:${community}`)])]).as("l")).execute();
      const present = await tablesWithRows(tx, community);
      if (present.length > 0 && !options.replace) {
        throw new ImportRefused(`community "${community}" already has data in PostgreSQL (${present.join(", ")}): give --replace to delete it first`);
      }
      const old = await tx.selectFrom("campaign_state").select("version").where("community", "=", community).executeTakeFirst();
      for (const t of present) await tx.deleteFrom(t).where("community", "=", community).execute();
      await importPeople(tx, community, doc, counts);
      await importOutbox(tx, community, doc, counts);
      await importSignups(tx, community, doc, source.signups, counts);
      await importCampaign(tx, community, doc, { campaign, timezone: source.timezone, previousVersion: old?.version }, counts);
      await importOffice(tx, community, doc, counts);
      await importSurvey(tx, community, doc, counts);
      await importUpdates(tx, community, doc, counts);
    });
  } finally {
    await source.store.close();
  }
  return counts;
}
