/**
 * A restart rebuilds exactly the rosters that stood live, also after /forgetme and capacity
 * changes: the JSON store folds its sign-up log at start, and the presses of a person forgotten
 * since (or a capacity changed since) could place the others differently, past capacity even.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NoticeCatalog, NoticeDef } from "../../src/domain/notice.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";
import { createSignupRepo, type FoldedSignupRepo } from "../../src/store/signup-repo.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { forgetUser } from "../../src/store/users.js";

const PEST = "pest-control:2026-11-11"; // capacity set per test

let dir: string;
let store: Store;
let catalog: NoticeCatalog;
let repo: FoldedSignupRepo;
const clock = { now: new Date("2026-11-05T02:00:00.000Z") };

const newRepo = () => createSignupRepo({ store, catalog, timezone: "Asia/Shanghai", now: () => clock.now });
const setCapacity = (capacity: number) => {
  catalog.notices = catalog.notices.map((n): NoticeDef => (n.id === "pest-control" && n.signup ? { ...n, signup: { ...n.signup, capacity } } : n));
};
/** /forgetme as the app runs it: the store forgets, then the sign-up repo. */
const forget = async (userId: number) => {
  await forgetUser(store, userId, false);
  await repo.forget(userId);
};
const reopen = async () => {
  await store.close();
  store = await openStore({ file: join(dir, "db.json"), keepBackup: false });
  repo = await newRepo();
};
/** [user id, headcount] of the confirmed, then of the waiting. */
const lists = async (occurrenceId = PEST) => {
  const s = await repo.summary(occurrenceId);
  return { confirmed: s.confirmed.map((e) => [e.userId, e.headcount]), waiting: s.waitlist.map((e) => [e.userId, e.headcount]), heads: s.heads };
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "signup-restart-"));
  store = await openStore({ file: join(dir, "db.json"), keepBackup: false });
  catalog = await loadNoticeCatalog("data");
  clock.now = new Date("2026-11-05T02:00:00.000Z");
  repo = await newRepo();
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a restart rebuilds the live rosters", () => {
  it("after /forgetme of someone whose press made a party wait that has grown since (the smallest case)", async () => {
    setCapacity(2);
    await repo.join(1, PEST, "button");
    await repo.join(2, PEST, "button"); // full
    await repo.join(3, PEST, "button"); // waits
    await repo.join(3, PEST, "text", 2); // a party of 2, still waiting in its place
    await forget(1); // one place frees: the party of 2 does not fit it
    const live = await lists();
    expect(live).toEqual({ confirmed: [[2, 1]], waiting: [[3, 2]], heads: 1 });
    await reopen();
    // folding the presses without user 1 confirmed user 3 alone, then grew the party: 3 heads in 2 places
    expect(await lists()).toEqual(live);
  });

  it("after /forgetme of someone who had cancelled already: their place in line still shaped the roster", async () => {
    setCapacity(2);
    await repo.join(1, PEST, "button");
    await repo.join(9, PEST, "text", 2); // waits: 2 do not fit the 1 place left
    await repo.join(3, PEST, "button"); // waits behind them (nobody jumps the queue)
    await repo.join(1, PEST, "text", 2); // user 1 brings a friend into the free place
    await repo.cancel(9, PEST, "button");
    await forget(9);
    const live = await lists();
    expect(live).toEqual({ confirmed: [[1, 2]], waiting: [[3, 1]], heads: 2 });
    await reopen();
    expect(await lists()).toEqual(live);
  });

  it("after a capacity lowered: the confirmed stay confirmed, who came later waits", async () => {
    setCapacity(2);
    await repo.join(1, PEST, "button");
    await repo.join(2, PEST, "button");
    setCapacity(1);
    expect(await repo.capacityChanged("pest-control")).toEqual([]);
    await repo.join(3, PEST, "button");
    const live = await lists();
    expect(live).toEqual({ confirmed: [[1, 1], [2, 1]], waiting: [[3, 1]], heads: 2 });
    await reopen();
    expect(await lists()).toEqual(live);
  });

  it("/forgetme leaves the person nowhere in the log, settled rosters included; export sees only presses", async () => {
    setCapacity(2);
    for (const u of [1, 2, 3]) await repo.join(u, PEST, "button");
    setCapacity(1);
    await repo.capacityChanged("pest-control"); // settles the roster with users 1, 2 and 3 on it
    await forget(2);
    const raw: string[] = [];
    await store.signups.replay((e) => raw.push(JSON.stringify(e)));
    expect(raw.some((line) => line.includes('"settled"'))).toBe(true);
    expect(raw.filter((line) => /\[2,\d+,"/.test(line) || line.includes('"userId":2,'))).toEqual([]);
    const types: string[] = [];
    await repo.replayEvents((e) => types.push(e.type));
    expect(types).toEqual(["join", "join"]);
    await reopen();
    expect(await lists()).toEqual({ confirmed: [[1, 1]], waiting: [[3, 1]], heads: 1 });
  });
});
