import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "pino";
import { pgRepositories } from "./app-repos-pg.js";
import { seedPgAdmins } from "./store/postgres/people-pg.js";
import { communityGroupKey, describeDatabaseUrl } from "./config-backend.js";
import { createPgChatCommunitiesRepo } from "./store/postgres/chat-communities-pg.js";
import { createPgUsersRepo } from "./store/postgres/users-pg.js";
import type { Backend, SharedBotStore } from "./main-backend.js";
import { createPgDatabase, type PgDb } from "./store/postgres/database.js";
import { createPgLease } from "./store/postgres/lease.js";
import { pendingMigrations } from "./store/postgres/migrations.js";
import { createPgLeadership, pgPollingDecision } from "./store/postgres/pg-leadership.js";
import { createPgUpdatesRepo } from "./store/postgres/updates-pg.js";

/** A startup refusal on PostgreSQL (unreachable, or the schema behind): one line for the operator. */
export class DatabaseNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseNotReadyError";
  }
}

/**
 * Opens PostgreSQL at `url` for `communities` (one, or several sharing the bot of `token`): refuses
 * to start unless the schema is at the latest migration (`npm run db:migrate` makes it so; the bot
 * never migrates by itself, so instances of an older version cannot run on a newer schema
 * unnoticed), and leads through a lease named after the community, or the bot's group of
 * communities (one leader runs every community's scheduler and sender); handled updates and the
 * webhook's inbox are kept under the same name.
 */
export async function openPgBackend(url: string, communities: readonly string[], token: string, log: Logger): Promise<Backend> {
  const group = communityGroupKey(communities);
  const where = describeDatabaseUrl(url);
  const db = createPgDatabase(url, { onIdleError: (err) => log.warn({ err }, "a PostgreSQL connection failed; the next query opens another") });
  try {
    await checkSchema(db, where);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const lease = createPgLease(db, { holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, name: `leader:${group}`, community: group });
  return {
    kind: "postgres",
    source: (community) => ({ repositories: pgRepositories(db, community) }),
    updates: createPgUpdatesRepo(db, group, { holder: lease.holder }),
    leadership: createPgLeadership({ lease, onError: (err) => log.warn({ err }, "could not renew or take the leader lease") }),
    where: { database: where, community: group, instance: lease.holder },
    ...(communities.length > 1 ? { communities: sharedBotStore(db, token) } : {}),
    // ADMIN_IDS made admins in one transaction per community; answers those demoted
    seedAdmins: async (adminIds) => {
      const demoted = new Set<number>();
      for (const community of communities) for (const id of await seedPgAdmins(db, community, adminIds)) demoted.add(id);
      return [...demoted];
    },
    pollingDecision: () => pgPollingDecision(lease),
    // a lease taken for polling but never used (startup failed) is given up, not left to expire
    close: async () => {
      await lease.release().catch(() => undefined);
      await db.destroy();
    },
  };
}

/** The chats' communities of the bot (its id: the token's number) and each community's staff. */
function sharedBotStore(db: PgDb, token: string): SharedBotStore {
  const botId = Number(token.slice(0, token.indexOf(":")));
  return {
    bindings: createPgChatCommunitiesRepo(db, botId),
    isStaff: (community, userId) => createPgUsersRepo(db, community, () => new Date()).isStaff(userId),
  };
}

async function checkSchema(db: PgDb, where: string): Promise<void> {
  let pending: readonly string[];
  try {
    pending = await pendingMigrations(db);
  } catch (err) {
    throw new DatabaseNotReadyError(`Cannot reach PostgreSQL at ${where}: ${reason(err)}. Check DATABASE_URL and that the server runs.`);
  }
  if (pending.length > 0) {
    throw new DatabaseNotReadyError(
      `The PostgreSQL schema at ${where} is not at the latest migration (missing ${pending.join(", ")}): run npm run db:migrate first.`,
    );
  }
}

/** What a failed connection says (a refused connection to several addresses is an AggregateError with no message). */
function reason(err: unknown): string {
  if (err instanceof AggregateError && !err.message) return reason(err.errors[0]);
  return err instanceof Error ? err.message || err.name : String(err);
}
