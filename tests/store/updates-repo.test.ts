import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { createUpdatesRepo } from "../../src/store/updates-repo.js";
import { createFullDisk } from "../helpers/full-disk.js";
import { readStoreFiles } from "../helpers/store-files.js";

let dir: string;
let file: string;
let store: Store;

const update = (id: number, text = "hi"): Update =>
  ({ update_id: id, message: { message_id: id, date: 0, chat: { id: 7, type: "private", first_name: "A" }, text } }) as Update;
const disk = async () => (await readStoreFiles(file)).db;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "updates-repo-"));
  file = join(dir, "db.json");
  store = await openStore({ file, keepBackup: false });
});
afterEach(async () => {
  await store.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe("updates repository", () => {
  it("an update that changed something is handled once its id is on disk, with the change", async () => {
    const updates = createUpdatesRepo(store);
    const since = await updates.changeMark();
    store.write((db) => void (db.enqueued.k = "x"), "batched"); // the update's effect, batched
    const writes = store.writes;
    await updates.markHandled(5, since);
    expect(store.writes).toBeGreaterThan(writes);
    expect(await updates.isHandled(5)).toBe(true);
    const db = await disk();
    expect(db.handledUpdates).toEqual([5]);
    expect(db.enqueued.k).toBe("x");
  });

  it("an update that changed nothing is noted without a write of its own, and saved with the next", async () => {
    const updates = createUpdatesRepo(store);
    const writes = store.writes;
    await updates.markHandled(6, await updates.changeMark());
    expect(store.writes).toBe(writes); // resolved without waiting for the disk
    expect(await updates.isHandled(6)).toBe(true);
    await updates.flush();
    expect((await disk()).handledUpdates).toEqual([6]);
  });

  it("remembers handled ids across a restart", async () => {
    const updates = createUpdatesRepo(store);
    const since = await updates.changeMark();
    store.write((db) => void (db.enqueued.k = "x"), "batched");
    await updates.markHandled(8, since);
    await store.close();
    store = await openStore({ file, keepBackup: false });
    const again = createUpdatesRepo(store);
    expect(await again.isHandled(8)).toBe(true);
    expect(await again.isHandled(9)).toBe(false);
  });

  it("a save that failed (full disk) and is asked again records the id once", async () => {
    await store.close();
    const full = createFullDisk({ limited: (path) => path.endsWith(".journal") });
    store = await openStore({ file, keepBackup: false, openFile: full.open });
    const updates = createUpdatesRepo(store);
    const since = await updates.changeMark();
    store.write((db) => void (db.enqueued.k = "x"), "batched");
    full.free = 0;
    await expect(updates.markHandled(11, since)).rejects.toThrow(/ENOSPC/);
    full.free = Infinity;
    await updates.markHandled(11, since);
    expect(store.data.handledUpdates).toEqual([11]);
    expect((await disk()).handledUpdates).toEqual([11]);
  });

  it("keeps webhook updates in the inbox on disk, lists copies in id order, and drops them", async () => {
    const updates = createUpdatesRepo(store);
    await updates.keepInInbox(update(21, "second"));
    await updates.keepInInbox(update(20, "first"));
    expect(Object.keys((await disk()).inbox)).toEqual(["20", "21"]);
    const listed = await updates.inbox();
    expect(listed.map((u) => u.message?.text)).toEqual(["first", "second"]);
    (listed[0]!.message as { text: string }).text = "changed";
    expect((await updates.inbox())[0]!.message?.text).toBe("first"); // a copy, not the document
    await updates.dropFromInbox(20);
    await updates.flush();
    expect(Object.keys((await disk()).inbox)).toEqual(["21"]);
  });
});
