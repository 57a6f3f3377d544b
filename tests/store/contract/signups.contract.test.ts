import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadNoticeCatalog } from "../../../src/store/notice-catalog.js";
import { createSignupRepo, type SignupRepo } from "../../../src/store/signup-repo.js";
import { openStore, type Store } from "../../../src/store/engine/store.js";
import { forgetUser } from "../../../src/store/users.js";
import { createPgDatabase, type PgDb } from "../../../src/store/postgres/database.js";
import { migrateToLatest } from "../../../src/store/postgres/migrations.js";
import { createPgSignupRepo } from "../../../src/store/postgres/signups-pg.js";
import { usePgCluster } from "../../helpers/pg-cluster.js";
import { describeSignupContract } from "./signups.contract.js";

// the JSON store runs the sign-up contract; another backend adds a file like this one
describeSignupContract("JSON store", () => loadNoticeCatalog("data"), async ({ catalog, timezone, now }) => {
  const dir = await mkdtemp(join(tmpdir(), "signup-contract-"));
  const file = join(dir, "db.json");
  let store: Store = await openStore({ file, keepBackup: false });
  let repo: SignupRepo = await createSignupRepo({ store, catalog, timezone, now });
  return {
    get repo() {
      return repo;
    },
    async forget(userId) {
      await forgetUser(store, userId, false);
      return repo.forget(userId);
    },
    async reopen() {
      await store.close();
      store = await openStore({ file, keepBackup: false });
      repo = await createSignupRepo({ store, catalog, timezone, now });
      return repo;
    },
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

// PostgreSQL: a fresh database per test in one throwaway cluster; reopen ends the pool and opens another
const pg = usePgCluster();
describeSignupContract("PostgreSQL", () => loadNoticeCatalog("data"), async (options) => {
  const url = await pg.freshDatabase();
  let db: PgDb = createPgDatabase(url);
  await migrateToLatest(db);
  let repo: SignupRepo = createPgSignupRepo(db, "test", options);
  return {
    get repo() {
      return repo;
    },
    // the repository deletes the user's places, marks and events itself
    forget: (userId) => repo.forget(userId),
    async reopen() {
      await db.destroy();
      db = createPgDatabase(url);
      repo = createPgSignupRepo(db, "test", options);
      return repo;
    },
    close: () => db.destroy(),
  };
});
