/**
 * The store on a disk that fills up (issue 13), through the `openFile` injection: a write that puts
 * part of an entry on disk is a failed write, cut back, acknowledged to nobody and written again
 * when space returns; the files always open again.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { StoredSignupEvent } from "../../src/store/schema.js";
import { openStore, type Store, type StoreOptions } from "../../src/store/engine/store.js";
import { createFullDisk, type FullDisk } from "../helpers/full-disk.js";
import { eventsOf, readStoreFiles } from "../helpers/store-files.js";

let dir: string;
let file: string;
const open: Store[] = [];

async function openTracked(more: Partial<StoreOptions> = {}): Promise<Store> {
  const store = await openStore({ file, ...more });
  open.push(store);
  return store;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "full-disk-test-"));
  file = join(dir, "db.json");
});
afterEach(async () => {
  vi.useRealTimers();
  while (open.length > 0) await open.pop()?.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

/** Every line of a file, each of which must be whole JSON ending in a newline. */
async function wholeLines(path: string): Promise<unknown[]> {
  const text = await readFile(path, "utf8");
  if (text === "") return [];
  expect(text.endsWith("\n"), `${path} ends in a cut line`).toBe(true);
  return text.slice(0, -1).split("\n").map((line) => JSON.parse(line) as unknown);
}

const joinEvent = (userId: number): Omit<StoredSignupEvent, "seq"> => ({
  at: "2026-11-20T00:00:00.000Z",
  userId,
  occurrenceId: "cleanup-day:2026-11-28",
  type: "join",
  via: "button",
});

/** Moves the fake clock on in small steps, letting real file I/O run between them, until `check`. */
async function advanceUntil(check: () => boolean, what: string): Promise<void> {
  for (const end = Date.now() + 10_000; Date.now() < end; ) {
    if (check()) return;
    await vi.advanceTimersByTimeAsync(250);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  }
  throw new Error(`never: ${what}`);
}

/** Lets real file I/O finish (fake timers hold only setTimeout). */
async function settle(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (const end = Date.now() + 10_000; Date.now() < end; ) {
    if (await check()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`never: ${what}`);
}

describe("full disk: the journal", () => {
  it("a write that fits only in part is refused and cut back; later entries follow whole lines; a stop and a start lose nothing acknowledged", async () => {
    const disk = createFullDisk();
    const store = await openTracked({ openFile: disk.open });
    await store.write((db) => void (db.enqueued.a = "1"), "durable");
    disk.free = 10; // the next entry is longer
    await expect(store.write((db) => void (db.enqueued.b = "2"), "durable")).rejects.toThrow(/ENOSPC/);
    expect(disk.ops.some((op) => op.startsWith(`write ${join(dir, "db.journal")} 10`)), "the disk took part of the entry").toBe(true);
    expect(await wholeLines(join(dir, "db.journal"))).toHaveLength(1);

    disk.free = 0;
    await expect(store.write((db) => void (db.enqueued.c = "3"), "durable")).rejects.toThrow(/ENOSPC/);
    // stopped while the disk is full: close cannot write, and says so
    await expect(store.close()).rejects.toThrow();
    open.length = 0;
    expect(await wholeLines(join(dir, "db.journal"))).toHaveLength(1);

    // space returns: it starts, with what was acknowledged
    const again = await openTracked();
    expect(again.data.enqueued.a).toBe("1");
    await again.write((db) => void (db.enqueued.d = "4"), "durable");
    await again.close();
    open.length = 0;
    const third = await openTracked();
    expect(third.data.enqueued).toMatchObject({ a: "1", d: "4" });
  });

  it("a write refused while full goes to disk with the next one, as whole lines, and the files open (also after rotation into db.journal.prev)", async () => {
    const disk = createFullDisk();
    const store = await openTracked({ openFile: disk.open });
    for (let i = 0; i < 5; i++) {
      disk.free = 7 + i * 13;
      await store.write((db) => void (db.enqueued[`k${i}`] = "x".repeat(40)), "durable").catch(() => undefined);
      disk.free = Infinity;
      await store.write((db) => void (db.enqueued[`ok${i}`] = "y"), "durable");
    }
    const lines = await wholeLines(join(dir, "db.journal"));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const onDisk = (await readStoreFiles(file)).db.enqueued;
    for (let i = 0; i < 5; i++) expect(onDisk).toMatchObject({ [`k${i}`]: "x".repeat(40), [`ok${i}`]: "y" });
    await store.close();
    open.length = 0;
    const again = await openTracked();
    expect(Object.keys(again.data.enqueued)).toHaveLength(10);
  });

  it("a sync that fails is a failed write too: the entry is cut back and written again", async () => {
    const disk = createFullDisk();
    const store = await openTracked({ openFile: disk.open });
    disk.failSync = true;
    await expect(store.write((db) => void (db.enqueued.a = "1"), "durable")).rejects.toThrow(/EIO/);
    expect(await readFile(join(dir, "db.journal"), "utf8")).toBe("");
    disk.failSync = false;
    await store.flush();
    expect(await wholeLines(join(dir, "db.journal"))).toHaveLength(1);
    expect((await readStoreFiles(file)).db.enqueued.a).toBe("1");
  });

  it("a refused change is written again on its own, with backoff, once space returns (no new change needed)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const disk = createFullDisk();
    const store = await openTracked({ openFile: disk.open });
    const journalWrites = () => disk.ops.filter((op) => op.startsWith(`write ${join(dir, "db.journal")}`) || op.startsWith(`truncate ${join(dir, "db.journal")}`)).length;
    disk.free = 0;
    await expect(store.write((db) => void (db.enqueued.a = "1"), "durable")).rejects.toThrow(/ENOSPC/);
    const attempts = (): number => disk.ops.filter((op) => op === `truncate ${join(dir, "db.journal")} 0`).length;
    expect(attempts()).toBe(1);
    // a stream of changes meanwhile (a broadcast's progress) waits for the retry: no write for each
    for (let i = 0; i < 50; i++) {
      store.write((db) => void (db.enqueued[`m${i}`] = "1"), "batched");
      for (let j = 0; j < 5; j++) await new Promise((r) => setImmediate(r));
    }
    expect(attempts()).toBe(1);
    // full for 20 s: a few tries, each after a longer pause, not a loop
    for (let t = 0; t < 80; t++) {
      await vi.advanceTimersByTimeAsync(250);
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    }
    expect(attempts()).toBeGreaterThanOrEqual(3);
    expect(attempts()).toBeLessThanOrEqual(8);
    expect(journalWrites()).toBeLessThan(20);
    disk.free = Infinity;
    const writes = store.writes;
    await advanceUntil(() => store.writes > writes, "the retry");
    expect((await readStoreFiles(file)).db.enqueued).toMatchObject({ a: "1", m0: "1", m49: "1" });
  });
});

describe("full disk: the sign-up log", () => {
  it("an append cut short is cut back (the journal holds the events), later appends follow whole lines, and the log opens", async () => {
    const disk = createFullDisk({ limited: (p) => p.endsWith(".ndjson") });
    const store = await openTracked({ openFile: disk.open });
    const log = join(dir, "db.signups.ndjson");
    await store.write(() => void store.signups.append(joinEvent(1)), "durable");
    disk.free = 10;
    // the journal entry is on disk: saved, though the log could not take it yet
    await store.write(() => void store.signups.append(joinEvent(2)), "durable");
    expect(await wholeLines(log)).toHaveLength(1);
    disk.free = Infinity;
    await store.write(() => void store.signups.append(joinEvent(3)), "durable");
    expect((await wholeLines(log)).map((e) => (e as StoredSignupEvent).userId)).toEqual([1, 2, 3]);
    expect((await eventsOf(store)).map((e) => e.userId)).toEqual([1, 2, 3]);
    await store.close();
    open.length = 0;
    const again = await openTracked();
    expect((await eventsOf(again)).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it("a log that stays full: a stop and a start take the events back from the journal", async () => {
    const disk = createFullDisk({ limited: (p) => p.endsWith(".ndjson") });
    const store = await openTracked({ openFile: disk.open });
    disk.free = 30;
    await store.write(() => void store.signups.append(joinEvent(1)), "durable");
    await store.write(() => void store.signups.append(joinEvent(2)), "durable");
    await expect(store.close()).rejects.toThrow(/ENOSPC/); // the checkpoint needs the log first
    open.length = 0;
    expect(await wholeLines(join(dir, "db.signups.ndjson"))).toEqual([]);
    const again = await openTracked();
    expect((await eventsOf(again)).map((e) => e.userId)).toEqual([1, 2]);
  });
});

describe("full disk: snapshots", () => {
  const tmpFiles = async (): Promise<string[]> => (await readdir(dir)).filter((f) => f.endsWith(".tmp"));

  it("a snapshot that cannot be written leaves no temporary file, and is retried with backoff, not after every entry", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const disk = createFullDisk({ limited: (p) => p.endsWith(".tmp"), free: 100 });
    // a snapshot is due after every entry
    const store = await openTracked({ openFile: disk.open, journalBytes: 1 });
    const snapshotTries = (): number => disk.ops.filter((op) => op.startsWith("open ") && op.includes(".tmp ")).length;
    // (flush waits for the checkpoint tried after an entry)
    for (let i = 0; i < 20; i++) {
      await store.write((db) => void (db.enqueued[`k${i}`] = "v".repeat(50)), "durable");
      await store.flush();
    }
    expect(snapshotTries()).toBe(1);
    expect(await tmpFiles()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    await store.write((db) => void (db.enqueued.x = "1"), "durable");
    await store.flush();
    expect(snapshotTries()).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    await store.write((db) => void (db.enqueued.y = "1"), "durable");
    await store.flush();
    expect(snapshotTries()).toBe(2); // the pause doubled
    expect(await tmpFiles()).toEqual([]);
    expect(existsSync(join(dir, "db.journal.prev"))).toBe(false);

    disk.free = Infinity;
    await vi.advanceTimersByTimeAsync(1000);
    await store.write((db) => void (db.enqueued.z = "1"), "durable");
    await store.flush();
    expect(snapshotTries()).toBe(3);
    expect(existsSync(join(dir, "db.journal.prev"))).toBe(true);
    expect((JSON.parse(await readFile(file, "utf8")) as { enqueued: Record<string, string> }).enqueued.z).toBe("1");
    expect(await tmpFiles()).toEqual([]);
  });

  it("a snapshot that fails on close removes its temporary file", async () => {
    const disk = createFullDisk({ limited: (p) => p.endsWith(".tmp"), free: 5 });
    const store = await openTracked({ openFile: disk.open });
    await store.write((db) => void (db.enqueued.a = "1"), "durable");
    await expect(store.close()).rejects.toThrow(/ENOSPC/);
    open.length = 0;
    expect(await tmpFiles()).toEqual([]);
    const again = await openTracked();
    expect(again.data.enqueued.a).toBe("1");
  });
});

describe("the folder is synced after renames in it", () => {
  it("a journal rotation syncs the folder (as the snapshot's rename does)", async () => {
    const disk: FullDisk = createFullDisk();
    const store = await openTracked({ openFile: disk.open, journalBytes: 1 });
    disk.ops.length = 0;
    await store.write((db) => void (db.enqueued.a = "1"), "durable");
    const journalOpen = `open ${join(dir, "db.journal")} a`;
    await settle(() => disk.ops.includes(journalOpen), "the rotation (the journal opened anew)");
    expect(existsSync(join(dir, "db.journal.prev"))).toBe(true);
    const syncs = disk.ops.flatMap((op, i) => (op === `sync ${dir}` ? [i] : []));
    // one for the snapshot's rename, then one for the journal's, before it is written again
    expect(syncs).toHaveLength(2);
    expect(syncs[1]).toBeLessThan(disk.ops.indexOf(journalOpen));
    expect(syncs[0]).toBeGreaterThan(disk.ops.findIndex((op) => op.startsWith("open ") && op.includes(".tmp")));
  });
});
