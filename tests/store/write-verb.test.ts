import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/schema.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { readStoreFiles } from "../helpers/store-files.js";

let dir: string;
let file: string;
let store: Store | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "store-write-"));
  file = join(dir, "db.json");
  store = await openStore({ file });
});

afterEach(async () => {
  await store?.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const opened = (): Store => {
  if (!store) throw new Error("no store");
  return store;
};
const onDisk = async (): Promise<Db> => (await readStoreFiles(file)).db;

describe("store.write: one verb, the durability said at the call", () => {
  it('"durable" resolves with the result once the files hold the change', async () => {
    const s = opened();
    const pending = s.write((db) => {
      db.enqueued.k = "v";
      return 42;
    }, "durable");
    expect(s.data.enqueued.k).toBe("v"); // applied at once, in memory
    expect(await pending).toBe(42);
    expect((await onDisk()).enqueued.k).toBe("v");
  });

  it('"batched" returns the result at once and is saved by the write under way', async () => {
    const s = opened();
    const writes = s.writes;
    const result = s.write((db) => {
      db.enqueued.b = "1";
      return "now";
    }, "batched");
    expect(result).toBe("now");
    expect(s.writes).toBe(writes); // not waited for: the write comes after this tick
    await s.flush();
    expect(s.writes).toBe(writes + 1);
    expect((await onDisk()).enqueued.b).toBe("1");
  });

  it('"bookkeeping" is saved like "batched" but does not count as a change; the others do', async () => {
    const s = opened();
    const before = s.changes;
    s.write((db) => void db.handledUpdates.push(1), "bookkeeping");
    expect(s.changes).toBe(before);
    s.write((db) => void (db.enqueued.a = "1"), "batched");
    await s.write((db) => void (db.enqueued.c = "1"), "durable");
    expect(s.changes).toBe(before + 2);
    expect((await onDisk()).handledUpdates).toEqual([1]);
  });

  it("an async callback is refused: durable rejects, batched throws", async () => {
    const s = opened();
    await expect(s.write(async () => undefined, "durable")).rejects.toThrow(/synchronous/);
    expect(() => s.write(() => Promise.resolve(1), "batched")).toThrow(/synchronous/);
  });

  it("a callback that throws: durable rejects (no synchronous throw), batched throws", async () => {
    const s = opened();
    const boom = (): never => {
      throw new Error("boom");
    };
    const p = s.write(boom, "durable");
    await expect(p).rejects.toThrow("boom");
    expect(() => s.write(boom, "batched")).toThrow("boom");
  });

  it("an unknown durability is refused rather than guessed", () => {
    const s = opened();
    expect(() => s.write(() => 1, "later" as unknown as "batched")).toThrow(/unknown durability/);
  });

  it("after close, a durable write rejects; nothing is written after close resolves", async () => {
    const s = opened();
    await s.close();
    await expect(s.write(() => 1, "durable")).rejects.toThrow(/closed/);
    const writes = s.writes;
    s.write((db) => void (db.enqueued.late = "1"), "batched");
    await new Promise((r) => setTimeout(r, 20));
    expect(s.writes).toBe(writes);
  });

  it("the view handed to the callback stops working when it returns", async () => {
    const s = opened();
    let kept: Db | undefined;
    await s.write((db) => void (kept = db), "durable");
    expect(() => (kept as Db).roles).toThrow(TypeError);
  });
});

describe("the document is read-only outside a write (checked by the compiler)", () => {
  it("writing into store.data, calling write without a durability or an old verb does not compile", () => {
    const s = opened();
    const typeChecks = (): void => {
      // @ts-expect-error the document is deeply read-only
      s.data.roles["1"] = "admin";
      // @ts-expect-error nested too
      s.data.campaign.records.push();
      // @ts-expect-error the durability is not optional
      void s.write(() => undefined);
      // @ts-expect-error the old verbs (update / mutate / note) are gone: one write verb
      void s.update;
      // @ts-expect-error gone
      void s.mutate;
      // @ts-expect-error gone
      void s.note;
    };
    expect(typeof typeChecks).toBe("function"); // compiled, never run
  });
});
