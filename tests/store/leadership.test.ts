/**
 * Backend-neutral leadership: the embedded store always leads; polling is allowed with the embedded
 * store or while holding the PostgreSQL lease, and refused with a clear message otherwise.
 */
import { describe, expect, it } from "vitest";
import { alwaysLeader, createListeners, pollingDecision } from "../../src/store/leadership.js";

describe("leadership", () => {
  it("the embedded store's leadership always leads, before and after start/stop", async () => {
    const l = alwaysLeader();
    const seen: boolean[] = [];
    const off = l.onChange((v) => seen.push(v));
    expect(l.isLeader()).toBe(true);
    await l.start();
    await l.stop();
    expect(l.isLeader()).toBe(true);
    off();
    expect(seen).toEqual([]);
  });

  it("listeners hear every change until unsubscribed", () => {
    const ls = createListeners();
    const seen: boolean[] = [];
    const off = ls.add((v) => seen.push(v));
    ls.emit(true);
    off();
    ls.emit(false);
    expect(seen).toEqual([true]);
  });

  it("polling: fine with the embedded store or while holding the lease", () => {
    expect(pollingDecision({ backend: "json", holdsLease: false })).toEqual({ ok: true });
    expect(pollingDecision({ backend: "postgres", holdsLease: true })).toEqual({ ok: true });
  });

  it("polling: refused, saying who holds the lease and what to do, when another instance leads", () => {
    const d = pollingDecision({ backend: "postgres", holdsLease: false, otherHolder: "web-2:4242" });
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.message).toMatch(/^Polling refused: another instance \(web-2:4242\) holds the leader lease/);
    expect(d.message).toMatch(/webhook mode \(set WEBHOOK_URL\)/);
    expect(d.message).toMatch(/within 15 s/);
    const anon = pollingDecision({ backend: "postgres", holdsLease: false });
    expect(!anon.ok && anon.message).toMatch(/^Polling refused: another instance holds/);
  });
});
