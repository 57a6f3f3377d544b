import { describe, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadNoticeCatalog } from "../../../src/store/notice-catalog.js";
import { createSignupRepo, type SignupRepo } from "../../../src/store/signup-repo.js";
import { openStore, type Store } from "../../../src/store/engine/store.js";
import { forgetUser } from "../../../src/store/users.js";
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

// listed, not silently skipped: the PostgreSQL backend does not implement this suite yet
describe("postgres", () => {
  it.todo("the signups contract is not implemented on postgres yet");
});
