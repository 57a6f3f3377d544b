/**
 * Changed sign-up counts marked on PostgreSQL by followers, for the leader's live-count editor:
 * a mark made on one instance is taken on another, once (also when two take at once), marking
 * twice is one mark, and communities keep their own marks; the pressed group message a follower
 * remembered is what the leader then reads.
 */
import { describe, expect, it } from "vitest";
import type { PgDb } from "../../../src/store/postgres/database.js";
import { createPgLiveMessages } from "../../../src/store/postgres/signups-pg-live.js";
import { usePgCluster, usePgPools } from "../../helpers/pg-cluster.js";

describe("live-count marks across instances", () => {
  const pools = usePgPools(usePgCluster());

  it("a follower's marks reach the leader once", async () => {
    const [fa, fb, lead] = (await pools(3)) as [PgDb, PgDb, PgDb];
    const [followerA, followerB, leader] = [createPgLiveMessages(fa, "west"), createPgLiveMessages(fb, "west"), createPgLiveMessages(lead, "west")];
    await followerA.rememberLiveMessage("pest:2026-11-11", -100, 9);
    await followerA.markCountChanged("pest:2026-11-11");
    await followerB.markCountChanged("pest:2026-11-11");
    await followerB.markCountChanged("cleanup:2026-11-28");
    await createPgLiveMessages(fb, "east").markCountChanged("east-only:2026-11-28");
    // a stale leader and the new one asking at once: each mark goes to one of them
    const [x, y] = await Promise.all([leader.takeCountChanges(), createPgLiveMessages(fa, "west").takeCountChanges()]);
    expect([...x, ...y].sort()).toEqual(["cleanup:2026-11-28", "pest:2026-11-11"]);
    expect(await leader.takeCountChanges()).toEqual([]);
    expect(await leader.liveMessages("pest:2026-11-11")).toEqual([{ chatId: -100, messageId: 9 }]);
    expect(await createPgLiveMessages(lead, "east").takeCountChanges()).toEqual(["east-only:2026-11-28"]);
  });
});
