import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deactivateChat, subscribeChat, unsubscribeChat } from "../../src/store/chats.js";
import { createChatsRepo } from "../../src/store/chats-repo.js";
import { createUsersRepo } from "../../src/store/users-repo.js";
import { openStore, type Store } from "../../src/store/engine/store.js";

const NOW = new Date("2026-12-05T02:00:00.000Z");
let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "users-chats-repo-"));
  store = await openStore({ file: join(dir, "db.json"), keepBackup: false });
  await store.write((db) => {
    db.users["7"] = { id: 7, firstName: "王\u202e芳", username: "wf", lang: "en", seenAt: NOW.toISOString() };
    db.users["8"] = { id: 8, firstName: "Li", seenAt: NOW.toISOString(), partyMember: true };
    db.roles["8"] = "staff";
    for (const id of [7, 8, 9]) subscribeChat(db, { id, type: "private" }, NOW);
    subscribeChat(db, { id: -200, type: "group", title: "Building 3" }, NOW);
    deactivateChat(db, 9, "blocked", NOW);
    subscribeChat(db, { id: 10, type: "private" }, NOW);
    unsubscribeChat(db, 10, NOW);
  }, "durable");
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe("users and chats repositories: what features read of people", () => {
  it("answers roles and names as staff see them (no bidi controls; #id when unknown)", async () => {
    const users = createUsersRepo(store);
    expect([await users.isStaff(8), await users.isStaff(7)]).toEqual([true, false]);
    expect([...(await users.names([7, 8, 404, 7]))]).toEqual([[7, "王芳 (@wf)"], [8, "Li"], [404, "#404"]]);
  });

  it("hands back profiles as copies, party membership as a boolean", async () => {
    const users = createUsersRepo(store);
    const profiles = await users.profiles();
    expect(profiles.get(8)).toEqual({ id: 8, firstName: "Li", partyMember: true, seenAt: NOW.toISOString() });
    expect(profiles.get(7)?.partyMember).toBe(false);
    (profiles.get(8) as { firstName: string }).firstName = "changed";
    expect(store.data.users["8"]?.firstName).toBe("Li");
  });

  it("sets party membership for known users only, on disk", async () => {
    const users = createUsersRepo(store);
    expect(await users.setPartyMember(404, true)).toBe(false);
    expect(store.data.users["404"]).toBeUndefined();
    expect(await users.setPartyMember(7, true)).toBe(true);
    expect(await users.setPartyMember(8, false)).toBe(true);
    expect((await users.profiles()).get(7)?.partyMember).toBe(true);
    expect(store.data.users["8"]).not.toHaveProperty("partyMember");
  });

  it("counts who receives notices: subscribed and reachable; groups apart", async () => {
    const chats = createChatsRepo(store);
    expect((await chats.activeSubscriberIds()).sort((a, b) => a - b)).toEqual([-200, 7, 8]);
    expect((await chats.privateSubscriberIds()).sort((a, b) => a - b)).toEqual([7, 8]);
    expect(await chats.subscriberStats()).toEqual({ total: 3, private: 2, groups: 1, inactive: 1, unsubscribed: 1 });
  });
});
