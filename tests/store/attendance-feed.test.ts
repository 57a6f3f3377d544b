import { jsonPartyMembers } from "../../src/store/users-repo.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAttendanceFeed } from "../../src/store/attendance-feed.js";
import { loadCampaign } from "../../src/store/campaign-catalog.js";
import { createCampaignRepo } from "../../src/store/campaign-repo.js";
import { openStore, type Store } from "../../src/store/engine/store.js";

const TZ = "Asia/Shanghai";
const CLEANUP = { date: "2026-11-28", startsAt: "2026-11-28T00:30:00.000Z" };
const LECTURE = { date: "2026-11-15", startsAt: "2026-11-15T07:00:00.000Z" };

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "attendance-feed-"));
  store = await openStore({ file: join(dir, "db.json"), keepBackup: false });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function setup() {
  const loaded = await loadCampaign("data");
  const repo = await createCampaignRepo({ store, ...loaded, timezone: TZ, now: () => new Date("2026-11-28T04:00:00Z") });
  await store.write((db) => {
    db.users["7"] = { id: 7, firstName: "党员", partyMember: true, seenAt: "2026-11-01T00:00:00.000Z" };
    db.users["8"] = { id: 8, firstName: "群众", seenAt: "2026-11-01T00:00:00.000Z" };
  }, "durable");
  const feed = createAttendanceFeed(jsonPartyMembers(store), loaded.campaign, repo);
  const attendance = () =>
    store.data.campaign.records
      .filter((r) => r.source === "attendance")
      .map((r) => `${r.metricId}:${String(r.by)}`)
      .sort();
  return { feed, attendance };
}

describe("attendance feed", () => {
  it("turns cleanup-day attendance into weekly participants, and party members' into party participation, once", async () => {
    const { feed, attendance } = await setup();
    await feed("cleanup-day", CLEANUP, [7, 8], { attended: true, remaining: 2 });
    await feed("cleanup-day", CLEANUP, [7], { attended: true, remaining: 2 });
    expect(attendance()).toEqual(["party_member_participation:7", "weekly_cleanup_participants:7", "weekly_cleanup_participants:8"]);
    expect(store.data.campaign.records.find((r) => r.by === 7 && r.metricId === "weekly_cleanup_participants")?.at).toBe(CLEANUP.startsAt);
  });

  it("takes an unmarked attendee's records back, party participation included", async () => {
    const { feed, attendance } = await setup();
    await feed("cleanup-day", CLEANUP, [7, 8]);
    await feed("cleanup-day", CLEANUP, [7], { attended: false, remaining: 1 });
    expect(attendance()).toEqual(["weekly_cleanup_participants:8"]);
    // marked again: counted again
    await feed("cleanup-day", CLEANUP, [7], { attended: true, remaining: 2 });
    expect(attendance()).toEqual(["party_member_participation:7", "weekly_cleanup_participants:7", "weekly_cleanup_participants:8"]);
  });

  it("keeps a lecture counted as held until nobody is marked any more", async () => {
    const { feed, attendance } = await setup();
    await feed("civility-lecture", LECTURE, [7, 8], { attended: true, remaining: 2 });
    expect(attendance()).toEqual(["moral_practice_events:null", "party_member_participation:7"]);
    await feed("civility-lecture", LECTURE, [8], { attended: false, remaining: 1 });
    expect(attendance()).toEqual(["moral_practice_events:null", "party_member_participation:7"]);
    await feed("civility-lecture", LECTURE, [7], { attended: false, remaining: 0 });
    expect(attendance()).toEqual([]);
  });
});
