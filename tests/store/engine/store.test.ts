import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deadPid } from "../../helpers/process.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreFileError } from "../../../src/store/engine/durable-file.js";
import { StoreLockedError } from "../../../src/store/engine/lock.js";
import { openJournal } from "../../../src/store/engine/journal.js";
import { SCHEMA_VERSION, emptyDb, type Db } from "../../../src/store/schema.js";
import { openStore, type Store } from "../../../src/store/engine/store.js";
import { readStoreFiles } from "../../helpers/store-files.js";

let dir: string;
let file: string;
const open: Store[] = [];

async function openTracked(path = file, more: { openJournal?: typeof openJournal } = {}): Promise<Store> {
  const store = await openStore({ file: path, ...more });
  open.push(store);
  return store;
}

async function closeAll(): Promise<void> {
  while (open.length > 0) await open.pop()?.close();
}

const readJson = async (path = file): Promise<Record<string, unknown>> => JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;
/** What the files hold now (snapshot + journal), as the next start would see it. */
const onDisk = async (): Promise<Db> => (await readStoreFiles(file)).db;

/** A journal whose appends fail while `failing` is true, as on a full disk. */
function flakyJournal(state: { failing: boolean }): typeof openJournal {
  return async (path) => {
    const real = await openJournal(path);
    return {
      get size() {
        return real.size;
      },
      append: (text) => (state.failing ? Promise.reject(new Error("ENOSPC: no space left on device")) : real.append(text)),
      rotate: (p) => real.rotate(p),
      purge: (p) => real.purge(p),
      close: () => real.close(),
    };
  };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "store-test-"));
  file = join(dir, "db.json");
});

afterEach(async () => {
  await closeAll();
  await rm(dir, { recursive: true, force: true });
});

describe("store: durable file", () => {
  it("write then reopen gives the same data", async () => {
    const store = await openTracked();
    await store.write((db) => {
      db.roles["42"] = "staff";
      db.users["42"] = { id: 42, firstName: "王芳", seenAt: "2026-01-01T00:00:00.000Z", lang: "zh" };
      db.handledUpdates.push(7);
    }, "durable");
    const before = structuredClone(store.data);
    await closeAll();
    const again = await openTracked();
    expect({ ...again.data, commit: 0 }).toEqual({ ...before, commit: 0 });
    expect(again.data.roles).toEqual({ "42": "staff" });
    expect(again.data.users["42"]?.firstName).toBe("王芳");
  });

  it("a new store starts empty at the current schema version", async () => {
    const store = await openTracked();
    expect(store.data).toEqual(emptyDb());
    expect(store.data.version).toBe(SCHEMA_VERSION);
  });

  it("a durable write appends to the journal; close writes a snapshot, keeps the previous one as .bak and no temporary file", async () => {
    const store = await openTracked();
    await store.write((db) => void (db.roles["1"] = "admin"), "durable");
    await closeAll();
    const first = await readJson();
    expect(first.roles).toEqual({ "1": "admin" });
    const again = await openTracked();
    await again.write((db) => void (db.roles["2"] = "staff"), "durable");
    const journal = await readFile(join(dir, "db.journal"), "utf8");
    expect(journal.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(journal)).toMatchObject({ ops: [[["roles", "2"], "staff"]] });
    expect((await readJson()).roles).toEqual({ "1": "admin" }); // the snapshot is not rewritten per change
    await closeAll();
    expect((await readJson()).roles).toEqual({ "1": "admin", "2": "staff" });
    expect((await readJson(`${file}.bak`)).roles).toEqual({ "1": "admin" });
    const files = (await readdir(dir)).sort();
    expect(files.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(files).toEqual(["db.journal", "db.journal.prev", "db.json", "db.json.bak", "db.signups.ndjson"]);
    expect(await readFile(join(dir, "db.journal"), "utf8")).toBe("");
  });

  it("groups concurrent durable writes into few writes, and all 1,000 changes reach the disk", async () => {
    const store = await openTracked();
    const writesBefore = store.writes;
    const all = Array.from({ length: 1000 }, (_, i) => store.write((db) => db.handledUpdates.push(i), "durable"));
    const results = await Promise.all(all);
    expect(results[999]).toBe(1000); // update resolves with fn's result
    const writes = store.writes - writesBefore;
    expect(writes).toBeGreaterThanOrEqual(1);
    expect(writes).toBeLessThanOrEqual(5);
    await closeAll();
    const again = await openTracked();
    expect(again.data.handledUpdates).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it("durable writes that arrive during a write are saved by one following write", async () => {
    const store = await openTracked();
    const first = store.write((db) => void (db.enqueued.a = "x"), "durable");
    await new Promise((r) => setImmediate(r)); // the first write is under way
    const later = Array.from({ length: 50 }, (_, i) => store.write((db) => void (db.enqueued[`k${i}`] = "y"), "durable"));
    await Promise.all([first, ...later]);
    expect(store.writes).toBeLessThanOrEqual(3);
    expect(Object.keys((await onDisk()).enqueued)).toHaveLength(51);
  });

  it("a durable write resolves only once the file holds the change", async () => {
    const store = await openTracked();
    const seen: unknown[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store
          .write((db) => void (db.enqueued[`key-${i}`] = `v${i}`), "durable")
          .then(async () => seen.push((await onDisk()).enqueued[`key-${i}`])),
      ),
    );
    expect(seen).toHaveLength(20);
    expect(seen.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`).sort());
  });

  it("a batched write is saved by the next flush; close flushes", async () => {
    const store = await openTracked();
    store.write((db) => void (db.enqueued.m = "1"), "batched");
    await store.flush();
    expect((await onDisk()).enqueued.m).toBe("1");
    store.write((db) => void (db.enqueued.n = "2"), "batched");
    await closeAll();
    expect(((await readJson()).enqueued as Record<string, string>).n).toBe("2"); // in the snapshot close wrote
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("a failed write rejects its durable write; flush writes again and the change reaches the disk", async () => {
    const disk = { failing: false };
    const store = await openTracked(file, { openJournal: flakyJournal(disk) });
    await store.write((db) => void (db.enqueued.before = "1"), "durable");
    disk.failing = true;
    await expect(store.write((db) => void (db.enqueued.lost = "1"), "durable")).rejects.toThrow(/ENOSPC/);
    expect((await onDisk()).enqueued.lost).toBeUndefined();
    disk.failing = false;
    await store.flush();
    expect((await onDisk()).enqueued).toEqual({ before: "1", lost: "1" });
  });

  it("a write that fails half-way leaves no torn entry in front of the next one", async () => {
    const store = await openTracked();
    await store.write((db) => void (db.enqueued.a = "1"), "durable");
    await closeAll();
    // a crash in the middle of an append leaves the start of an entry at the end of the journal
    const journal = join(dir, "db.journal");
    await writeFile(journal, '{"n":2,"ops":[[["enqueued","b"],"2"]]}\n{"n":3,"ops":[[["enq');
    const again = await openTracked();
    expect(again.data.enqueued).toEqual({ a: "1", b: "2" });
    await again.write((db) => void (db.enqueued.c = "3"), "durable");
    expect((await onDisk()).enqueued).toEqual({ a: "1", b: "2", c: "3" });
  });

  it("close reports a write that keeps failing, and still releases the lock", async () => {
    const store = await openTracked(file, { openJournal: flakyJournal({ failing: true }) });
    store.write((db) => void (db.enqueued.x = "1"), "batched");
    await expect(store.close()).rejects.toThrow();
    expect(existsSync(`${file}.lock`)).toBe(false);
    open.length = 0;
  });

  it("a durable write whose function throws rejects (no synchronous throw) and writes nothing", async () => {
    const store = await openTracked();
    const writes = store.writes;
    const p = store.write(() => {
      throw new Error("boom");
    }, "durable");
    await expect(p).rejects.toThrow("boom");
    await store.flush();
    expect(store.writes).toBe(writes);
  });

  it("close waits for batched changes that arrive while its flush is writing: nothing is written after it resolves", async () => {
    const store = await openTracked();
    store.write((db) => void (db.enqueued.a = "1"), "batched");
    const closed = store.close();
    // lands during the write close is waiting for, so it needs one more write
    setImmediate(() => setImmediate(() => store.write((db) => void (db.enqueued.b = "2"), "batched")));
    await closed;
    const writes = store.writes;
    expect(((await readJson()).enqueued as Record<string, string>).b).toBe("2"); // in the snapshot close wrote
    await new Promise((r) => setTimeout(r, 50));
    expect(store.writes).toBe(writes);
    await expect(store.write(() => 1, "durable")).rejects.toThrow(/closed/);
  });
});

describe("store: one owner", () => {
  it("a second openStore in the same process fails with StoreLockedError while the first is open, and succeeds after close", async () => {
    const first = await openTracked();
    await expect(openStore({ file })).rejects.toBeInstanceOf(StoreLockedError);
    await first.close();
    open.length = 0;
    const second = await openTracked();
    expect(second.data.version).toBe(SCHEMA_VERSION);
  });

  it("a second process cannot open the store while the first holds it", async () => {
    await openTracked();
    const script = `
      import { openStore } from ${JSON.stringify(join(process.cwd(), "src/store/engine/store.ts"))};
      try { await openStore({ file: ${JSON.stringify(file)} }); console.log("OPENED"); }
      catch (e) { console.log(e.name + ": " + e.message); }
    `;
    const out = await runTsx(script);
    expect(out).toContain("StoreLockedError");
    expect(out).toContain(file);
    expect(out).toContain(`process ${process.pid}`);
  });

  it("two opens racing for the same file: exactly one wins (the lock never looks empty, so never stale)", async () => {
    for (let round = 0; round < 20; round++) {
      const path = join(dir, `race-${round}.json`);
      const results = await Promise.allSettled([openStore({ file: path }), openStore({ file: path }), openStore({ file: path })]);
      const won = results.filter((r) => r.status === "fulfilled");
      for (const r of won) open.push(r.value);
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(StoreLockedError);
      await closeAll();
    }
  });

  it("takes over a stale lock whose process is gone", async () => {
    await writeFile(`${file}.lock`, String(await deadPid()));
    const store = await openTracked();
    expect(store.data.version).toBe(SCHEMA_VERSION);
    expect((await readFile(`${file}.lock`, "utf8")).trim().split(" ")[0]).toBe(String(process.pid));
  });

  it("takes over a lock carrying this process's pid from an earlier run (pid reused, e.g. pid 1 in a container)", async () => {
    await writeFile(`${file}.lock`, `${process.pid} an-earlier-run`);
    const store = await openTracked();
    expect(store.data.version).toBe(SCHEMA_VERSION);
  });

  it("the message names the file and the owning process", () => {
    const err = new StoreLockedError("/x/db.json", 4321);
    expect(err.message).toContain("/x/db.json");
    expect(err.message).toContain("4321");
  });
});

describe("store: files it must not use", () => {
  it("a truncated JSON file is a StoreFileError naming the file, and the file is left byte-identical", async () => {
    const good = JSON.stringify({ ...emptyDb(), roles: { "1": "admin" } });
    const truncated = good.slice(0, Math.floor(good.length / 2));
    await writeFile(file, truncated);
    const err = await openStore({ file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreFileError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(/not valid JSON/);
    expect(await readFile(file, "utf8")).toBe(truncated);
    expect(existsSync(`${file}.lock`)).toBe(false); // the lock was released
    expect((await readdir(dir)).sort()).toEqual(["db.json"]);
  });

  it("a file written by a newer version is refused clearly and left alone", async () => {
    const text = JSON.stringify({ ...emptyDb(), version: SCHEMA_VERSION + 1 });
    await writeFile(file, text);
    const err = await openStore({ file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreFileError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(/newer version/);
    expect(await readFile(file, "utf8")).toBe(text);
  });

  it("a file with a wrong layout is an error naming the path inside it", async () => {
    const text = JSON.stringify({ ...emptyDb(), chats: { "5": { id: "five", subscribed: true } } });
    await writeFile(file, text);
    const err = await openStore({ file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreFileError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toContain("chats.5.");
    expect(await readFile(file, "utf8")).toBe(text);
  });

  it("a file that holds no JSON object is refused", async () => {
    await writeFile(file, "[1,2,3]");
    await expect(openStore({ file })).rejects.toThrow(/does not hold a JSON object/);
    await writeFile(file, "");
    await expect(openStore({ file })).rejects.toBeInstanceOf(StoreFileError);
  });
});

async function runTsx(script: string): Promise<string> {
  const child = spawn(join(process.cwd(), "node_modules/.bin/tsx"), ["--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  await new Promise((r) => child.once("exit", r));
  return out;
}
