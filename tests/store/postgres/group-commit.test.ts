/**
 * The deliveries' group commit on PostgreSQL: one write in flight; what comes meanwhile goes in the
 * next write together (a recipient's last outcome wins); each caller resolves when its own
 * outcomes are written, and a failed write rejects only its callers.
 */
import { describe, expect, it } from "vitest";
import type { RecipientOutcome } from "../../../src/store/deliveries-repo.js";
import { groupCommit } from "../../../src/store/postgres/group-commit.js";

const o = (key: string, s: "s" | "f" = "s"): RecipientOutcome => ({ broadcastId: "b1", key, outcome: { s } });

function controlledWrites() {
  const writes: { outcomes: readonly RecipientOutcome[]; done(): void; fail(err: Error): void }[] = [];
  const write = (outcomes: readonly RecipientOutcome[]) =>
    new Promise<void>((resolve, reject) => void writes.push({ outcomes, done: resolve, fail: reject }));
  return { writes, record: groupCommit(write) };
}

const settled = () => new Promise((r) => setImmediate(r));

describe("groupCommit", () => {
  it("writes at once when idle, then everything handed in meanwhile in one write", async () => {
    const { writes, record } = controlledWrites();
    const seen: string[] = [];
    const first = record([o("1")]).then(() => seen.push("first"));
    const second = record([o("2"), o("3", "f")]).then(() => seen.push("second"));
    const third = record([o("3")]).then(() => seen.push("third"));
    await settled();
    expect(writes.map((w) => w.outcomes.map((x) => x.key))).toEqual([["1"]]);
    writes[0]!.done();
    await first;
    await settled();
    expect(seen).toEqual(["first"]);
    expect(writes[1]!.outcomes).toEqual([o("2"), o("3")]);
    writes[1]!.done();
    await Promise.all([second, third]);
    expect(seen).toEqual(["first", "second", "third"]);
    expect(writes).toHaveLength(2);
  });

  it("a failed write rejects its callers only; the next batch is still written", async () => {
    const { writes, record } = controlledWrites();
    const failed = record([o("1")]);
    const later = record([o("2")]);
    await settled();
    writes[0]!.fail(new Error("connection lost"));
    await expect(failed).rejects.toThrow("connection lost");
    await settled();
    expect(writes[1]!.outcomes).toEqual([o("2")]);
    writes[1]!.done();
    await expect(later).resolves.toBeUndefined();
  });
});
