import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NoticeCatalog } from "../../src/domain/notice.js";
import { subscribeChat } from "../../src/store/chats.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";
import { createSignupRepo, recordLiveMessage } from "../../src/store/signup-repo.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { eventsOf } from "../helpers/store-files.js";

// pest-control: 2nd Wednesday 09:00, capacity 20, cut-off 120 min. 2026-11-11 is the 2nd Wednesday.
const PEST = "pest-control:2026-11-11";
const CLEANUP = "cleanup-day:2026-11-28";
const EVE = new Date("2026-11-10T11:00:00.000Z"); // 19:00 the evening before, Shanghai

let dir: string;
let file: string;
let store: Store;
let catalog: NoticeCatalog;
let clock: Date;

const repoOf = (s: Store, cat = catalog) => createSignupRepo({ store: s, catalog: cat, timezone: "Asia/Shanghai", now: () => clock });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "signup-repo-"));
  file = join(dir, "db.json");
  store = await openStore({ file, keepBackup: false });
  catalog = await loadNoticeCatalog("data");
  clock = EVE;
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe("signup repo", () => {
  it("joins once, logs the event on disk, and answers the position", async () => {
    const repo = await repoOf(store);
    const writes = store.writes;
    const first = await repo.join(7, PEST, "button");
    expect(first).toMatchObject({ outcome: "decided", written: true, decision: { outcome: "joined", position: 1, headcount: 1 } });
    expect(store.writes).toBeGreaterThan(writes);
    const again = await repo.join(7, PEST, "button");
    expect(again).toMatchObject({ written: false, decision: { outcome: "already", position: 1 } });
    const events = await eventsOf(store);
    expect(events).toEqual([
      { seq: 1, at: EVE.toISOString(), userId: 7, occurrenceId: PEST, type: "join", via: "button" },
    ]);
    expect(events.at(-1)?.seq).toBe(1);
  });

  it("refuses unknown occurrences: a notice without sign-ups, a date that is not an occurrence, junk", async () => {
    const repo = await repoOf(store);
    expect(await repo.join(7, "health-bulletin:2026-11-01", "button")).toEqual({ outcome: "unknown" });
    expect(await repo.join(7, "pest-control:2026-11-12", "button")).toEqual({ outcome: "unknown" });
    expect(await repo.cancel(7, "nope", "button")).toEqual({ outcome: "unknown" });
    expect(await eventsOf(store)).toEqual([]);
  });

  it("waitlists past capacity and promotes the first waiting person on a cancellation", async () => {
    const repo = await repoOf(store);
    for (let u = 1; u <= 20; u++) await repo.join(u, PEST, "button");
    const late = await repo.join(21, PEST, "text");
    expect(late).toMatchObject({ decision: { outcome: "waitlisted", position: 1 } });
    const cancel = await repo.cancel(3, PEST, "button");
    expect(cancel).toMatchObject({ decision: { outcome: "cancelled", wasWaitlisted: false }, written: true });
    expect(cancel.outcome === "decided" && cancel.promoted).toEqual([{ occurrenceId: PEST, userId: 21, position: 20, headcount: 1 }]);
    expect(await repo.counts(PEST)).toEqual({ heads: 20, confirmed: 20, waiting: 0, capacity: 20 });
  });

  it("takes a per-occurrence capacity from the data over the notice's own", async () => {
    const pest = catalog.notices.find((n) => n.id === "pest-control")!;
    const cat: NoticeCatalog = {
      ...catalog,
      notices: catalog.notices.map((n) => (n === pest ? { ...n, signup: { ...n.signup!, capacityByDate: { "2026-11-11": 1 } } } : n)),
    };
    const repo = await repoOf(store, cat);
    expect(await repo.join(1, PEST, "button")).toMatchObject({ decision: { outcome: "joined", position: 1 } });
    expect(await repo.join(2, PEST, "button")).toMatchObject({ decision: { outcome: "waitlisted", position: 1 } });
    // the next month's occurrence keeps the notice's capacity of 20
    expect(await repo.join(2, "pest-control:2026-12-09", "button")).toMatchObject({ decision: { outcome: "joined" } });
  });

  it("closes at the cut-off and refuses once started", async () => {
    const repo = await repoOf(store);
    clock = new Date("2026-11-11T00:00:00.000Z"); // 08:00, one hour before, cut-off is two hours
    expect(await repo.join(1, PEST, "button")).toMatchObject({ decision: { outcome: "closed" }, written: false });
    clock = new Date("2026-11-11T01:00:00.000Z");
    expect(await repo.join(1, PEST, "button")).toMatchObject({ decision: { outcome: "started" } });
    expect(await eventsOf(store)).toEqual([]);
  });

  it("marks attendance once per person and takes it back", async () => {
    const repo = await repoOf(store);
    await repo.join(5, CLEANUP, "button");
    expect(await repo.markAttended(1, CLEANUP, [5, 6, 5], true)).toEqual({ changed: [5, 6] });
    expect(await repo.markAttended(1, CLEANUP, [5], true)).toEqual({ changed: [] });
    expect((await repo.userRecord(5)).participation).toEqual({ occurrences: 1, personTimes: 1 });
    expect(await repo.markAttended(1, CLEANUP, [6], false)).toEqual({ changed: [6] });
    expect((await repo.summary(CLEANUP)).attended.map((a) => a.userId)).toEqual([5]);
    expect((await eventsOf(store)).map((e) => [e.type, e.userId, e.by])).toEqual([
      ["join", 5, undefined], ["attended", 5, 1], ["attended", 6, 1], ["unattended", 6, 1],
    ]);
  });

  it("rebuilds the same rosters after a restart from the file", async () => {
    const repo = await repoOf(store);
    for (let u = 1; u <= 22; u++) await repo.join(u, PEST, u % 2 ? "button" : "text");
    await repo.join(30, CLEANUP, "text", 3);
    await repo.cancel(2, PEST, "button");
    await repo.markAttended(1, CLEANUP, [30], true);
    const before = { pest: await repo.summary(PEST), cleanup: await repo.summary(CLEANUP), my: await repo.userRecord(22), p30: await repo.userRecord(30) };
    await store.close();
    store = await openStore({ file, keepBackup: false });
    const reopened = await repoOf(store);
    expect({ pest: await reopened.summary(PEST), cleanup: await reopened.summary(CLEANUP), my: await reopened.userRecord(22), p30: await reopened.userRecord(30) }).toEqual(before);
    expect(before.pest.confirmed.at(-1)?.userId).toBe(21);
    expect(before.pest.waitlist.map((e) => e.userId)).toEqual([22]);
    expect(before.p30.participation).toEqual({ occurrences: 1, personTimes: 3 });
    // a new event continues the sequence
    await reopened.join(40, CLEANUP, "button");
    const events = await eventsOf(store);
    expect(events.at(-1)?.seq).toBe(events.length);
  });

  it("forgets a user and reports only promotions of occurrences still ahead", async () => {
    const repo = await repoOf(store);
    for (let u = 1; u <= 21; u++) await repo.join(u, PEST, "button");
    expect(await repo.forget(4)).toEqual([{ occurrenceId: PEST, userId: 21, position: 20, headcount: 1 }]);
    expect((await repo.userRecord(4)).upcoming).toEqual([]);
  });

  it("answers 'already' only after the write in flight holding the first press", async () => {
    const repo = await repoOf(store);
    const first = repo.join(9, PEST, "button");
    const writesAtStart = store.writes;
    const second = await repo.join(9, PEST, "button");
    expect(second).toMatchObject({ decision: { outcome: "already" } });
    expect(store.writes).toBeGreaterThan(writesAtStart);
    await first;
  });

  it("records live reminder messages once each", () => {
    recordLiveMessage(store, PEST, -100, 5);
    recordLiveMessage(store, PEST, -100, 5);
    recordLiveMessage(store, PEST, -200, 5);
    expect(store.data.liveMessages[PEST]).toEqual([{ chatId: -100, messageId: 5 }, { chatId: -200, messageId: 5 }]);
  });

  it("lists sign-up occurrences between two instants and the current one per notice", async () => {
    const repo = await repoOf(store);
    const list = repo.between(EVE, new Date("2026-11-30T00:00:00.000Z")).map((o) => o.occurrenceId);
    expect(list).toEqual(["pest-control:2026-11-11", "civility-lecture:2026-11-15", "cleanup-day:2026-11-28"]);
    // the morning after it started, /signups still means that occurrence (attendance)
    expect(repo.current("pest-control", new Date("2026-11-11T05:00:00.000Z"))?.occurrenceId).toBe(PEST);
    expect(repo.current("pest-control", new Date("2026-11-12T05:00:00.000Z"))?.occurrenceId).toBe("pest-control:2026-12-09");
    expect(repo.current("health-bulletin", EVE)).toBeUndefined();
  });

  it("remembers the reminders a subscribed chat received (no one else's), and hands back copies", async () => {
    await store.write((db) => void subscribeChat(db, { id: 100, type: "private" }, EVE), "durable");
    const repo = await repoOf(store);
    await repo.recordReceived(100, PEST, 5, EVE);
    await repo.recordReceived(100, PEST, 5, EVE); // the same message again: kept once
    await repo.recordReceived(100, CLEANUP, undefined, EVE);
    await repo.recordReceived(404, PEST, 6, EVE); // not a subscriber: nothing kept
    const received = await repo.receivedIn(100);
    expect(received).toEqual([{ o: PEST, m: 5, at: EVE.toISOString() }, { o: CLEANUP, at: EVE.toISOString() }]);
    (received[0] as { o: string }).o = "changed";
    expect((await repo.receivedIn(100))[0]?.o).toBe(PEST);
    expect(await repo.receivedIn(404)).toEqual([]);
  });
});
