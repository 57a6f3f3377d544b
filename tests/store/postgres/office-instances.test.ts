/**
 * The office's repositories on PostgreSQL with two instances (two pools) on one database: a draft
 * made on one is confirmed on the other, and presses on both at once find it once; broadcasts
 * scheduled on both at once get different ids, and both ticks finishing one finish it once; a
 * compound added on both at once is one; a skip made on one is seen on the other.
 */
import { describe, expect, it } from "vitest";
import { createPgCompoundsRepo } from "../../../src/store/postgres/compounds-pg.js";
import type { PgDb } from "../../../src/store/postgres/database.js";
import { createPgDateOverridesRepo } from "../../../src/store/postgres/date-overrides-pg.js";
import { createPgDraftsRepo } from "../../../src/store/postgres/drafts-pg.js";
import { createPgScheduledRepo } from "../../../src/store/postgres/scheduled-pg.js";
import { usePgCluster, usePgPools } from "../../helpers/pg-cluster.js";

const now = () => new Date("2026-12-01T08:00:00.000Z");
const C = "west";

describe("the office's repositories across two instances", () => {
  const pools = usePgPools(usePgCluster());
  const twoInstances = async (): Promise<[PgDb, PgDb]> => {
    const [a, b] = (await pools(2)) as [PgDb, PgDb];
    return [a, b];
  };

  it("a draft made on one is confirmed on the other, once however many press on both", async () => {
    const [a, b] = await twoInstances();
    const token = await createPgDraftsRepo(a, C, now).put("broadcast", 7, { text: "停水" });
    const repos = [createPgDraftsRepo(a, C, now), createPgDraftsRepo(b, C, now)];
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => repos[i % 2]!.claim("broadcast", token, 7)));
    expect(results.filter((r) => typeof r === "object")).toEqual([{ value: { text: "停水" } }]);
    // another community's bot does not see it
    expect(await createPgDraftsRepo(b, "east", now).claim("broadcast", token, 7)).toBe("missing");
  });

  it("scheduled on both at once: different ids; finished by both ticks: once", async () => {
    const [a, b] = await twoInstances();
    const [sa, sb] = [createPgScheduledRepo(a, C, now), createPgScheduledRepo(b, C, now)];
    const input = { at: "2026-12-05T03:00:00.000Z", createdBy: 7, text: "noon", progress: { chatId: 7, lang: "zh" as const } };
    const kept = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? sa : sb).schedule(input)));
    expect(new Set(kept.map((s) => s.id)).size).toBe(10);
    expect((await createPgScheduledRepo(a, "east", now).schedule(input)).id).toBe("s1"); // ids per community
    const finished = await Promise.all([sa.finish("s1", "sent", "b1"), sb.finish("s1", "sent", "b2")]);
    expect(finished.filter(Boolean)).toHaveLength(1);
    expect((await sb.waiting()).map((s) => s.id)).not.toContain("s1");
  });

  it("a compound added on both at once is one; a skip made on one is seen on the other", async () => {
    const [a, b] = await twoInstances();
    const [ca, cb] = [createPgCompoundsRepo(a, C, [], now), createPgCompoundsRepo(b, C, [], now)];
    await Promise.all([ca.list(), cb.list(), ca.list(), cb.list()]); // connections open, so the adds below overlap
    const added = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? ca : cb).add("新小区", i)));
    expect(added.filter((r) => r.created)).toHaveLength(1);
    expect(await createPgCompoundsRepo(b, C, [], now).list()).toHaveLength(1);
    expect(await createPgCompoundsRepo(b, "east", [], now).list()).toEqual([]);
    const catalog = () => ({ timezone: "Asia/Shanghai", notices: [], bulletins: [] });
    const oa = await createPgDateOverridesRepo(a, C, catalog(), now);
    const ob = await createPgDateOverridesRepo(b, C, catalog(), now);
    await oa.skipDate("cleanup-day", "2026-12-26", "雪", 7);
    expect(await ob.skipReason("cleanup-day", "2026-12-26")).toBe("雪");
  });
});
