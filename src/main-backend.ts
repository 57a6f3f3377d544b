import type { Logger } from "pino";
import type { RepositoriesFactory } from "./app-repositories.js";
import type { Config } from "./config.js";
import type { ChatCommunitiesRepo } from "./store/chat-communities-repo.js";
import type { Store } from "./store/engine/store.js";
import type { Leadership, PollingDecision } from "./store/leadership.js";
import type { UpdatesRepo } from "./store/updates-repo.js";

/** Where the bot keeps its data: the embedded JSON store, or PostgreSQL (DATABASE_URL). */
export interface Backend {
  readonly kind: "json" | "postgres";
  /** what createApp builds a community's repositories from */
  source(community: string): { store: Store } | { repositories: RepositoriesFactory };
  /** handled update ids and the webhook's inbox */
  readonly updates: UpdatesRepo;
  /** who runs the scheduler and the sender: always this process on the JSON store; a lease on PostgreSQL */
  readonly leadership: Leadership;
  /** for the log: where the data is (never a password) */
  readonly where: Readonly<Record<string, string>>;
  /** Several communities on one bot (PostgreSQL): which community each chat is in, and each one's staff. */
  readonly communities?: SharedBotStore;
  /** Makes ADMIN_IDS admins (of every community served); answers the admins no longer listed (demoted to staff). */
  seedAdmins(adminIds: readonly number[]): Promise<number[]>;
  /** Whether this instance may poll getUpdates (asked only without a webhook). */
  pollingDecision(): Promise<PollingDecision>;
  close(): Promise<void>;
}

/** What the router in front of several communities keeps in the database. */
export interface SharedBotStore {
  readonly bindings: ChatCommunitiesRepo;
  isStaff(community: string, userId: number): Promise<boolean>;
}

/** Opens the backend the config names: PostgreSQL with DATABASE_URL, else the JSON store file. */
export async function openBackend(config: Config, log: Logger): Promise<Backend> {
  if (config.databaseUrl) {
    const { openPgBackend } = await import("./main-backend-pg.js");
    return openPgBackend(config.databaseUrl, config.communities ?? [config.community], config.token, log);
  }
  return openJsonBackend(config);
}

async function openJsonBackend(config: Config): Promise<Backend> {
  const { openStore } = await import("./store/engine/store.js");
  const { alwaysLeader } = await import("./store/leadership.js");
  const { createUpdatesRepo } = await import("./store/updates-repo.js");
  const { seedStoreAdmins } = await import("./store/users.js");
  const store = await openStore({ file: config.dbFile });
  return {
    kind: "json",
    source: () => ({ store }),
    updates: createUpdatesRepo(store),
    // this process owns the store (file lock), so it always leads
    leadership: alwaysLeader(),
    where: { dbFile: config.dbFile },
    seedAdmins: (adminIds) => seedStoreAdmins(store, adminIds),
    pollingDecision: () => Promise.resolve({ ok: true }),
    close: () => store.close(),
  };
}
