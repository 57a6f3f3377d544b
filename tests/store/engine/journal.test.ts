import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreFileError } from "../../../src/store/engine/durable-file.js";
import { emptyDb, type Db, type StoredSignupEvent } from "../../../src/store/schema.js";
import { openStore, type Store } from "../../../src/store/engine/store.js";
import { eventsOf, readStoreFiles } from "../../helpers/store-files.js";

let dir: string;
let file: string;
const open: Store[] = [];

async function openTracked(more: { journalBytes?: number } = {}): Promise<Store> {
  const store = await openStore({ file, ...more });
  open.push(store);
  return store;
}
async function closeAll(): Promise<void> {
  while (open.length > 0) await open.pop()?.close();
}
const join1 = (userId: number, occurrenceId = "cleanup-day:2026-11-28"): Omit<StoredSignupEvent, "seq"> => ({
  at: "2026-11-20T00:00:00.000Z",
  userId,
  occurrenceId,
  type: "join",
  via: "button",
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "journal-test-"));
  file = join(dir, "db.json");
});
afterEach(async () => {
  await closeAll();
  await rm(dir, { recursive: true, force: true });
});

describe("journal: changes are replayed exactly", () => {
  type Action =
    | { k: "setChat"; id: number; subscribed: boolean }
    | { k: "flipChat"; id: number }
    | { k: "deleteChat"; id: number }
    | { k: "push"; n: number }
    | { k: "trim"; keep: number }
    | { k: "clear" }
    | { k: "live"; occ: string; chatId: number }
    | { k: "dropLive"; occ: string }
    | { k: "recipients"; b: string; ids: number[] }
    | { k: "deliver"; b: string; id: number };
  const action: fc.Arbitrary<Action> = fc.oneof(
    fc.record({ k: fc.constant("setChat" as const), id: fc.integer({ min: 1, max: 8 }), subscribed: fc.boolean() }),
    fc.record({ k: fc.constant("flipChat" as const), id: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ k: fc.constant("deleteChat" as const), id: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ k: fc.constant("push" as const), n: fc.integer() }),
    fc.record({ k: fc.constant("trim" as const), keep: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ k: fc.constant("clear" as const) }),
    fc.record({ k: fc.constant("live" as const), occ: fc.constantFrom("a", "b"), chatId: fc.integer({ min: -9, max: 9 }) }),
    fc.record({ k: fc.constant("dropLive" as const), occ: fc.constantFrom("a", "b") }),
    fc.record({ k: fc.constant("recipients" as const), b: fc.constantFrom("b1", "b2"), ids: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 4 }) }),
    fc.record({ k: fc.constant("deliver" as const), b: fc.constantFrom("b1", "b2"), id: fc.integer({ min: 1, max: 5 }) }),
  );
  const at = "2026-01-01T00:00:00.000Z";
  const run = (db: Db, a: Action): void => {
    switch (a.k) {
      case "setChat":
        db.chats[String(a.id)] = { id: a.id, type: "private", subscribed: a.subscribed, active: true, since: at, updatedAt: at };
        return;
      case "flipChat": {
        const chat = db.chats[String(a.id)];
        if (chat) chat.active = !chat.active;
        return;
      }
      case "deleteChat":
        delete db.chats[String(a.id)];
        return;
      case "push":
        db.handledUpdates.push(a.n);
        return;
      case "trim":
        db.handledUpdates.splice(0, Math.max(0, db.handledUpdates.length - a.keep));
        return;
      case "clear":
        db.handledUpdates.length = 0;
        return;
      case "live":
        (db.liveMessages[a.occ] ??= []).push({ chatId: a.chatId, messageId: 1 });
        return;
      case "dropLive": {
        const list = db.liveMessages[a.occ];
        if (list) db.liveMessages[a.occ] = list.filter((m) => m.chatId > 0);
        return;
      }
      case "recipients":
        db.broadcasts[a.b] = {
          id: a.b, kind: "adhoc", createdAt: at, text: { zh: "x", en: "x" }, status: "sending",
          recipients: Object.fromEntries(a.ids.map((id) => [String(id), { s: "p" as const }])),
        };
        return;
      case "deliver": {
        const r = db.broadcasts[a.b]?.recipients[String(a.id)];
        if (r) r.s = "s";
        return;
      }
    }
  };

  it("any sequence of changes, in batches, reopens to the same document (without a snapshot in between)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(action, { maxLength: 6 }), { maxLength: 12 }), async (batches) => {
        await rm(dir, { recursive: true, force: true });
        const store = await openStore({ file });
        const expected = emptyDb();
        for (const batch of batches) {
          // a batch: several changes sharing one journal entry, some batched
          const writes = batch.map((a, i) => (i % 2 === 0 ? store.write((db) => run(db, a), "durable") : Promise.resolve(store.write((db) => run(db, a), "batched"))));
          for (const a of batch) run(expected, a);
          await Promise.all(writes);
        }
        await store.flush();
        const { db } = await readStoreFiles(file);
        expect({ ...db, commit: 0 }).toEqual({ ...expected, commit: 0 });
        expect({ ...store.data, commit: 0 }).toEqual({ ...expected, commit: 0 });
        await store.close();
      }),
      { numRuns: 60 },
    );
  });

  it("a change made behind the store's back (not through the callback's argument) is caught on close", async () => {
    const store = await openStore({ file, verify: true });
    // a cast is the only way around the read-only type now; the check on close catches it at run time
    await store.write(() => void ((store.data as Db).roles["9"] = "staff"), "durable");
    await expect(store.close()).rejects.toThrow(/journal does not reproduce/);
  });

  it("a proxy kept past its callback cannot be used to change the document", async () => {
    const store = await openTracked();
    let kept: Db["roles"] | undefined;
    await store.write((db) => void (kept = db.roles), "durable");
    expect(() => {
      if (kept) kept["5"] = "staff";
    }).toThrow(TypeError);
    expect(store.data.roles).toEqual({});
  });

  it("what a write returns is the plain object, not a view of the document", async () => {
    const store = await openTracked();
    await store.write((db) => void (db.enqueued.k = "v"), "durable");
    const roles = await store.write((db) => db.enqueued, "durable");
    expect(roles).toBe(store.data.enqueued);
  });

  it("a journal grown past its limit is folded into a new snapshot and started again", async () => {
    const store = await openTracked({ journalBytes: 2_000 });
    for (let i = 0; i < 60; i++) await store.write((db) => void (db.enqueued[`key-${i}`] = "x".repeat(40)), "durable");
    const journal = await readFile(join(dir, "db.journal"), "utf8");
    expect(journal.length).toBeLessThan(2_200);
    const snapshot = JSON.parse(await readFile(file, "utf8")) as Db;
    expect(Object.keys(snapshot.enqueued).length).toBeGreaterThan(30);
    expect(snapshot.commit).toBeGreaterThan(30);
    expect(Object.keys((await readStoreFiles(file)).db.enqueued)).toHaveLength(60);
  });

  it("the previous snapshot (.bak) with both journals rebuilds the latest state: the documented way back", async () => {
    const store = await openTracked({ journalBytes: 1_500 });
    for (let i = 0; i < 40; i++) await store.write((db) => void (db.enqueued[`key-${i}`] = "x".repeat(40)), "durable");
    await store.flush();
    const expected = structuredClone(store.data.enqueued);
    await leaveLikeAKillKeepingFiles(store);
    // the newest snapshot is lost (say, the disk damaged it): the operator puts the backup back
    await writeFile(file, await readFile(`${file}.bak`));
    const again = await openTracked({ journalBytes: 1_500 });
    expect(again.data.enqueued).toEqual(expected);
  });
});

/** Releases the store without its final checkpoint, leaving every file as a crash would. */
async function leaveLikeAKillKeepingFiles(store: Store): Promise<void> {
  const saved = new Map<string, Buffer>();
  for (const name of await readdir(dir)) if (!name.endsWith(".lock")) saved.set(name, await readFile(join(dir, name)));
  open.splice(open.indexOf(store), 1);
  await store.close();
  for (const name of await readdir(dir)) if (!saved.has(name)) await rm(join(dir, name), { force: true });
  for (const [name, content] of saved) await writeFile(join(dir, name), content);
}

describe("journal: sign-up events live in their own log", () => {
  it("events are numbered, saved, kept out of the document, and streamed back after a restart", async () => {
    const store = await openTracked();
    const [a, b] = await store.write(() => [store.signups.append(join1(1)), store.signups.append(join1(2))], "durable");
    expect([a?.seq, b?.seq]).toEqual([1, 2]);
    expect(JSON.stringify(store.data)).not.toContain("cleanup-day");
    await closeAll();
    const again = await openTracked();
    expect((await eventsOf(again)).map((e) => [e.seq, e.userId])).toEqual([[1, 1], [2, 2]]);
    const [c] = await again.write(() => [again.signups.append(join1(3))], "durable");
    expect(c?.seq).toBe(3);
  });

  it("appending outside a write is refused", async () => {
    const store = await openTracked();
    expect(() => store.signups.append(join1(1))).toThrow(/outside store.write/);
  });

  it("a crash after the journal entry but before the log line: the event is recovered from the journal", async () => {
    const store = await openTracked();
    await store.write(() => void store.signups.append(join1(1)), "durable");
    await store.write(() => void store.signups.append(join1(2)), "durable");
    await leaveLikeAKillKeepingFiles(store);
    const log = join(dir, "db.signups.ndjson");
    const text = await readFile(log, "utf8");
    // the log lost its last line, and half of it is still there
    await writeFile(log, text.slice(0, text.indexOf("\n") + 1) + text.slice(text.indexOf("\n") + 1, text.indexOf("\n") + 10));
    const again = await openTracked();
    expect((await eventsOf(again)).map((e) => e.userId)).toEqual([1, 2]);
    expect((await readFile(log, "utf8")).trim().split("\n")).toHaveLength(2);
  });

  it("a damaged line inside the log is a clear error naming the file", async () => {
    const store = await openTracked();
    await store.write(() => [store.signups.append(join1(1)), store.signups.append(join1(2))], "durable");
    await closeAll();
    const log = join(dir, "db.signups.ndjson");
    await writeFile(log, "{not json}\n" + (await readFile(log, "utf8")).split("\n")[1] + "\n");
    const again = await openTracked();
    await expect(eventsOf(again)).rejects.toThrow(StoreFileError);
  });

  it("a version-1 file that held its events in the document is moved to the log once, and the snapshot no longer holds them", async () => {
    const v1 = { ...emptyDb(), version: 1, signups: { nextSeq: 3, events: [{ seq: 2, ...join1(2) }, { seq: 1, ...join1(1) }] } } as Record<string, unknown>;
    delete v1.commit;
    await writeFile(file, JSON.stringify(v1));
    const store = await openTracked();
    expect((await eventsOf(store)).map((e) => e.seq)).toEqual([1, 2]);
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ version: 2 });
    expect(await readFile(file, "utf8")).not.toContain("signups");
    await closeAll();
    const again = await openTracked();
    expect((await eventsOf(again)).map((e) => e.seq)).toEqual([1, 2]);
  });

  it("rewrite drops events from the log and leaves no copy in the journals or the backup", async () => {
    const store = await openTracked();
    await store.write((db) => void (db.users["7"] = { id: 7, firstName: "Seven", seenAt: "2026-01-01T00:00:00.000Z" }), "durable");
    await store.write(() => [store.signups.append(join1(7)), store.signups.append(join1(8)), store.signups.append({ ...join1(8), type: "attended", by: 7 })], "durable");
    await store.write((db) => void delete db.users["7"], "durable");
    const dropped = await store.signups.rewrite((e) => (e.userId === 7 ? undefined : e.by === 7 ? { ...e, by: undefined } : e));
    expect(dropped).toBe(1);
    expect((await eventsOf(store)).map((e) => [e.userId, e.type, e.by])).toEqual([[8, "join", undefined], [8, "attended", undefined]]);
    for (const name of await readdir(dir)) {
      if (name.endsWith(".lock")) continue;
      const text = await readFile(join(dir, name), "utf8");
      expect(text, name).not.toMatch(/"userId":7\b|"by":7\b|Seven/);
    }
    expect(existsSync(join(dir, "db.journal.prev"))).toBe(false);
  });
});

describe("journal: a crash while a snapshot is written", () => {
  it("killed before the rename: the half-written temporary file is removed, the old snapshot and the journal give the state", async () => {
    const store = await openTracked();
    for (let i = 0; i < 5; i++) await store.write((db) => void (db.enqueued[`k${i}`] = "v"), "durable");
    await leaveLikeAKillKeepingFiles(store);
    const tmp = join(dir, `.db.json.${process.pid}.tmp`);
    await writeFile(tmp, '{"version":2,"chats":{"1":');
    const again = await openTracked();
    expect(Object.keys(again.data.enqueued)).toEqual(["k0", "k1", "k2", "k3", "k4"]);
    expect(existsSync(tmp)).toBe(false);
  });

  it("killed after the new snapshot but before the journal was set aside: entries the snapshot holds are not applied twice", async () => {
    const store = await openTracked();
    await store.write((db) => db.handledUpdates.push(1), "durable");
    await store.write((db) => db.handledUpdates.push(2), "durable");
    await leaveLikeAKillKeepingFiles(store);
    const journal = await readFile(join(dir, "db.journal"), "utf8");
    // the snapshot of commit 2 was written; the journal holding commits 1 and 2 is still in place
    await writeFile(file, JSON.stringify({ ...emptyDb(), commit: 2, handledUpdates: [1, 2] }));
    expect(journal.trim().split("\n")).toHaveLength(2);
    const again = await openTracked();
    expect(again.data.handledUpdates).toEqual([1, 2]);
    await again.write((db) => db.handledUpdates.push(3), "durable");
    await closeAll();
    expect((await openTracked()).data.handledUpdates).toEqual([1, 2, 3]);
  });
});

describe("journal: damage", () => {
  it("a damaged entry before the last one is a clear error; the journal is left as it is", async () => {
    const store = await openTracked();
    await store.write((db) => void (db.enqueued.a = "1"), "durable");
    await store.write((db) => void (db.enqueued.b = "2"), "durable");
    await leaveLikeAKillKeepingFiles(store);
    const journal = join(dir, "db.journal");
    const lines = (await readFile(journal, "utf8")).split("\n");
    const damaged = ["{garbage", ...lines.slice(1)].join("\n");
    await writeFile(journal, damaged);
    await expect(openTracked()).rejects.toThrow(/db\.journal cannot be used: line 1 of the journal is damaged/);
    expect(await readFile(journal, "utf8")).toBe(damaged);
  });

  it("an empty journal file and a missing log are fine", async () => {
    await writeFile(file, JSON.stringify(emptyDb()));
    await writeFile(join(dir, "db.journal"), "");
    const store = await openTracked();
    expect(store.data.chats).toEqual({});
    await truncate(join(dir, "db.signups.ndjson"), 0);
    expect(await eventsOf(store)).toEqual([]);
  });
});
