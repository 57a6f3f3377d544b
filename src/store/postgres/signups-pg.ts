/**
 * The sign-up repository over PostgreSQL (one community): the same contract as signup-repo.ts.
 * Nothing is folded in memory: each decision locks its occurrence's row and reads its roster
 * (signups-pg-writes.ts), so instances sharing the database decide one after another; reads are
 * queries (signups-pg-reads.ts). Occurrences are resolved from the notice catalog as on the JSON store.
 */
import type { NoticeCatalog } from "../../domain/notice.js";
import { createOccurrenceResolver } from "../signup-occurrences.js";
import type { SignupRepo } from "../signup-repo.js";
import type { PgDb } from "./database.js";
import { createPgLiveMessages } from "./signups-pg-live.js";
import { createPgSignupReads } from "./signups-pg-reads.js";
import { createPgSignupUpkeep } from "./signups-pg-upkeep.js";
import { createPgSignupWrites } from "./signups-pg-writes.js";

export interface PgSignupRepoOptions {
  catalog: NoticeCatalog;
  timezone: string;
  now: () => Date;
}

export function createPgSignupRepo(db: PgDb, community: string, options: PgSignupRepoOptions): SignupRepo {
  const { catalog, timezone, now } = options;
  const occurrences = createOccurrenceResolver(catalog, timezone);
  const parts = { db, community, occurrences, now };
  return {
    timezone,
    get notices() {
      return occurrences.notices;
    },
    occurrence: occurrences.occurrence,
    current: occurrences.current,
    between: occurrences.between,
    ...createPgSignupWrites(parts),
    ...createPgSignupUpkeep(parts),
    ...createPgSignupReads(parts),
    ...createPgLiveMessages(db, community),
  };
}
