/**
 * The repository contract suites' harness. A suite is a function `describeXContract(make)` that
 * declares its tests against a fresh backend from `make`; each backend (the JSON store, PostgreSQL)
 * runs every suite it implements with its own `make`, so all backends keep one behaviour. A suite a
 * backend does not implement yet shows as a `todo` naming it (`forEachBackend`), never a silent skip.
 *
 * A backend handle gives the repositories a suite needs, each backend building its own; it can
 * `reopen` (close and open the same data again: what a restart, or a kill after the write
 * resolved, would find), and show everything it keeps at rest (`atRest`), so a suite can check that
 * a forgotten user left no trace at rest either. Suites take repositories from the handle after
 * each reopen. `store` is there only on the JSON store (suites written against the document).
 */
import { readdir, readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";
import { createAudienceRepo, type AudienceRepo } from "../../../src/store/audience-repo.js";
import { createCampaignRepo, type CampaignRepo, type CampaignRepoOptions } from "../../../src/store/campaign-repo.js";
import { createChatsRepo, type ChatsRepo } from "../../../src/store/chats-repo.js";
import type { Compound } from "../../../src/domain/compounds.js";
import type { NoticeCatalog } from "../../../src/domain/notice.js";
import type { NoticeDef } from "../../../src/domain/notice.js";
import { createBulletinRepo, type BulletinRepo } from "../../../src/store/bulletin-repo.js";
import { createNoticesRepo, type NoticesRepo } from "../../../src/store/notices-repo.js";
import { createCompoundsRepo, type CompoundsRepo } from "../../../src/store/compounds-repo.js";
import { createDateOverridesRepo, type DateOverridesRepo } from "../../../src/store/date-overrides-repo.js";
import { createDraftsRepo, type DraftsRepo } from "../../../src/store/drafts-repo.js";
import { createScheduledRepo, type ScheduledRepo } from "../../../src/store/scheduled-repo.js";
import { createConversationRepo, type ConversationRepo } from "../../../src/store/conversation-repo.js";
import { createDeliveriesRepo, type DeliveriesRepo } from "../../../src/store/deliveries-repo.js";
import { openStore, type Store } from "../../../src/store/engine/store.js";
import { createOutboxRepo, type OutboxRepo } from "../../../src/store/outbox-repo.js";
import { createScheduleKeys, type ScheduleKeys } from "../../../src/store/schedule-keys.js";
import { createUpdatesRepo, type UpdatesRepo } from "../../../src/store/updates-repo.js";
import { createSurveyRepo, type SurveyRepo, type SurveyRepoOptions } from "../../../src/store/survey-repo.js";
import type { PgDb } from "../../../src/store/postgres/database.js";
import { createUsersRepo, type UsersRepo } from "../../../src/store/users-repo.js";
import { usePgCluster } from "../../helpers/pg-cluster.js";
import { makePgBackend } from "./pg-backend.js";

/** The repositories a backend builds for the suites. */
export interface BackendRepos {
  outbox(now: () => Date): OutboxRepo;
  deliveries(): DeliveriesRepo;
  chats(now: () => Date): ChatsRepo;
  updates(): UpdatesRepo;
  scheduleKeys(): ScheduleKeys;
  compounds(seeded: readonly Compound[], now: () => Date): CompoundsRepo;
  scheduled(now: () => Date): ScheduledRepo;
  /** builds it over `catalog` (merging what is stored into its notices at once) */
  dateOverrides(catalog: NoticeCatalog, now: () => Date): Promise<DateOverridesRepo>;
  drafts(now: () => Date, ttlMs?: number): DraftsRepo;
  /** builds it over `catalog` (its notices seed the store on first use; `decorate` as app-repos passes dateOverrides.apply) */
  notices(catalog: NoticeCatalog, decorate?: (notice: NoticeDef) => NoticeDef): Promise<NoticesRepo>;
  /** builds it over `catalog` (its bulletins are the data files' issues) */
  bulletins(catalog: NoticeCatalog, now: () => Date): Promise<BulletinRepo>;
  /** test seeding (no users repository on every backend yet): a person who wrote to the bot */
  seedUser(id: number, firstName: string): Promise<void>;
  audience(): AudienceRepo;
  conversations<T>(): ConversationRepo<T>;
  /** The survey over this backend, its forms counted through `campaign` (build it again after `reopen`). */
  surveys(options: Omit<SurveyRepoOptions, "store">): Promise<SurveyRepo>;
  /** The campaign of the real data, seeded on first open (build it again after `reopen`). */
  campaign(options: Omit<CampaignRepoOptions, "store">): Promise<CampaignRepo>;
  users(now: () => Date): UsersRepo;
}

export interface BackendHandle extends BackendRepos {
  /** The JSON store as it is now (a new object after `reopen`); absent on other backends. */
  readonly store?: Store;
  /** The PostgreSQL database as it is now (a new pool after `reopen`); absent on other backends. */
  readonly pgDb?: PgDb;
  /** Closes the backend and opens the same data again. */
  reopen(): Promise<void>;
  /** Everything kept at rest, as text (JSON store: every file of its folder; PostgreSQL: every row). */
  atRest(): Promise<string>;
  /** Closes and removes everything. */
  dispose(): Promise<void>;
}

/** Makes a fresh, empty backend. */
export type MakeBackend = () => Promise<BackendHandle>;

/** The contract suites, by name. */
export type SuiteName = "outbox" | "chats" | "updates" | "users" | "signups" | "campaign"
  | "compounds" | "scheduled" | "date-overrides" | "drafts"
  | "history" | "audience" | "surveys" | "conversations"
  | "notices" | "bulletins";

export interface Backend {
  readonly make: MakeBackend;
  /** the suites this backend runs; the others show as todo */
  readonly implements: ReadonlySet<SuiteName>;
}

/** The JSON store in a temporary folder (STORE_VERIFY checks every close). */
export const jsonStoreBackend: MakeBackend = async () => {
  const dir = await mkdtemp(join(tmpdir(), "contract-"));
  const file = join(dir, "db.json");
  let store = await openStore({ file, verify: true });
  let closed = false;
  return {
    get store() {
      return store;
    },
    outbox: (now) => createOutboxRepo(store, now),
    deliveries: () => createDeliveriesRepo(store),
    chats: (now) => createChatsRepo(store, now),
    updates: () => createUpdatesRepo(store),
    scheduleKeys: () => createScheduleKeys(store),
    compounds: (seeded, now) => createCompoundsRepo(store, seeded, now),
    scheduled: (now) => createScheduledRepo(store, now),
    dateOverrides: (catalog, now) => Promise.resolve(createDateOverridesRepo(store, catalog, now)),
    drafts: (now, ttlMs) => createDraftsRepo(store, now, ttlMs),
    notices: (catalog, decorate) => createNoticesRepo({ store, catalog, ...(decorate ? { decorate } : {}) }),
    bulletins: (catalog, now) => Promise.resolve(createBulletinRepo({ store, catalog, now })),
    seedUser: (id, firstName) =>
      store.write((db) => {
        db.users[String(id)] = { id, firstName, seenAt: new Date(0).toISOString() };
      }, "durable"),
    audience: () => createAudienceRepo(store),
    conversations: () => createConversationRepo(store),
    surveys: (options) => Promise.resolve(createSurveyRepo({ store, ...options })),
    campaign: (options) => createCampaignRepo({ store, ...options }),
    users: (now) => createUsersRepo(store, now),
    async reopen() {
      await store.close();
      store = await openStore({ file, verify: true });
    },
    async atRest() {
      await store.flush();
      const names = (await readdir(dir)).filter((n) => !n.endsWith(".lock")).sort();
      const texts = await Promise.all(names.map((n) => readFile(join(dir, n), "utf8")));
      return texts.join("\n");
    },
    async dispose() {
      if (!closed) await store.close();
      closed = true;
      await rm(dir, { recursive: true, force: true });
    },
  };
};

/** The office's suites (compounds, scheduled broadcasts, date overrides, drafts): on every backend. */
const OFFICE: readonly SuiteName[] = ["compounds", "scheduled", "date-overrides", "drafts"];
/** The notices' and bulletin issues' suites: on every backend. */
const NOTICES: readonly SuiteName[] = ["notices", "bulletins"];

/**
 * Every backend the contract suites run against. Call at collection time (top of a test file):
 * it shares one throwaway PostgreSQL cluster per file, each handle a fresh database.
 */
export function backends(): Record<string, Backend> {
  const pg = usePgCluster();
  return {
    "json store": {
      make: jsonStoreBackend,
      implements: new Set<SuiteName>([
        "outbox", "chats", "updates", "users", "signups", "campaign",
        ...OFFICE,
        "history", "audience", "surveys", "conversations",
        ...NOTICES,
      ]),
    },
    postgres: {
      make: () => makePgBackend(pg.freshDatabase),
      implements: new Set<SuiteName>([
        "outbox", "chats", "updates",
        ...OFFICE,
        "history", "audience", "surveys", "conversations",
        ...NOTICES,
        "campaign",
        "users",
      ]),
    },
  };
}

/** Runs `suite` on every backend implementing it; lists it as todo on the others. */
export function forEachBackend(suite: SuiteName, run: (make: MakeBackend) => void): void {
  for (const [name, backend] of Object.entries(backends())) {
    describe(name, () => {
      if (backend.implements.has(suite)) run(backend.make);
      else it.todo(`the ${suite} contract is not implemented on ${name} yet`);
    });
  }
}
