/**
 * The flood limit's windows (RateWindows) in memory and on PostgreSQL: a window opens at a key's
 * first hit and counts until it has passed, then starts again; keys and communities are apart; on
 * PostgreSQL two instances (two pools) count in the same window, also when they hit at once.
 */
import { describe, expect, it } from "vitest";
import { createPgRateWindows } from "../../src/store/postgres/rate-windows-pg.js";
import { createMemoryRateWindows, type RateWindows } from "../../src/store/rate-windows.js";
import { usePgCluster, usePgPools } from "../helpers/pg-cluster.js";

const WINDOW = 10_000;

function describeWindows(name: string, make: (clock: { t: number }) => Promise<{ a: RateWindows; other: RateWindows }>): void {
  describe(`rate windows: ${name}`, () => {
    it("counts hits in a window from the first; after it has passed a new one starts at 1", async () => {
      const clock = { t: 1_000_000 };
      const { a } = await make(clock);
      expect([await a.hit("u1", WINDOW), await a.hit("u1", WINDOW), await a.hit("u1", WINDOW)]).toEqual([1, 2, 3]);
      clock.t += WINDOW - 1;
      expect(await a.hit("u1", WINDOW)).toBe(4);
      clock.t += 1;
      expect(await a.hit("u1", WINDOW)).toBe(1);
      expect(await a.hit("u1", WINDOW)).toBe(2);
    });

    it("keeps keys, and communities, apart", async () => {
      const clock = { t: 2_000_000 };
      const { a, other } = await make(clock);
      await a.hit("u1", WINDOW);
      await a.hit("u1", WINDOW);
      expect(await a.hit("u2", WINDOW)).toBe(1);
      expect(await other.hit("u1", WINDOW)).toBe(1);
      expect(await a.hit("u1", WINDOW)).toBe(3);
    });
  });
}

describeWindows("memory", (clock) => Promise.resolve({ a: createMemoryRateWindows(() => clock.t), other: createMemoryRateWindows(() => clock.t) }));

describe("on PostgreSQL", () => {
  const pg = usePgCluster();
  const pools = usePgPools(pg);
  describeWindows("PostgreSQL", async (clock) => {
    const [db] = await pools(1);
    return { a: createPgRateWindows(db!, "a", () => clock.t), other: createPgRateWindows(db!, "b", () => clock.t) };
  });

  it("two instances count in one window: 40 hits at once over both make 1…40, each once", async () => {
    const [one, two] = await pools(2);
    const clock = { t: 3_000_000 };
    const instances = [createPgRateWindows(one!, "a", () => clock.t), createPgRateWindows(two!, "a", () => clock.t)];
    const counts = await Promise.all(Array.from({ length: 40 }, (_, i) => instances[i % 2]!.hit("u9", WINDOW)));
    expect([...counts].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it("a window that has passed is deleted at the next minute's sweep", async () => {
    const [db] = await pools(1);
    const clock = { t: 4_000_000 };
    const w = createPgRateWindows(db!, "a", () => clock.t);
    await w.hit("gone", WINDOW);
    clock.t += 60_000;
    await w.hit("kept", WINDOW);
    const keys = await db!.selectFrom("rate_windows").select("key").where("community", "=", "a").execute();
    expect(keys.map((k) => k.key)).toEqual(["kept"]);
  });
});
