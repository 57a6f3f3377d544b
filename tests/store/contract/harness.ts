/**
 * The repository contract suites' harness. A suite is a function `describeXContract(make)` that
 * declares its tests against a fresh backend from `make`; each backend (today the JSON store, later
 * PostgreSQL) calls every suite with its own `make`, so all backends keep one behaviour.
 *
 * A backend handle gives the store the repositories are built over, can `reopen` it (close and
 * open the same data again: what a restart, or a kill after the write resolved, would find), and
 * can show everything it keeps at rest (`atRest`), so a suite can check that a forgotten user left
 * no trace on disk either. Suites build their repositories from `handle.store` after each reopen.
 */
import { readdir, readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "../../../src/store/engine/store.js";

export interface BackendHandle {
  /** The backend as it is now (a new object after `reopen`). */
  readonly store: Store;
  /** Closes the backend and opens the same data again. */
  reopen(): Promise<void>;
  /** Everything kept at rest, as text (the JSON store: every file of its folder). */
  atRest(): Promise<string>;
  /** Closes and removes everything. */
  dispose(): Promise<void>;
}

/** Makes a fresh, empty backend. */
export type MakeBackend = () => Promise<BackendHandle>;

/** Today's backend: the JSON store in a temporary folder (STORE_VERIFY checks every close). */
export const jsonStoreBackend: MakeBackend = async () => {
  const dir = await mkdtemp(join(tmpdir(), "contract-"));
  const file = join(dir, "db.json");
  let store = await openStore({ file, verify: true });
  let closed = false;
  return {
    get store() {
      return store;
    },
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

/** Every backend the contract suites run against here. */
export const backends: Record<string, MakeBackend> = { "json store": jsonStoreBackend };
