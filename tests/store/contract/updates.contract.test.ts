/**
 * The updates' and schedule keys' contract (`UpdatesRepo`, `ScheduleKeys`): an update marked
 * handled stays handled across a restart (also when marked twice), the webhook's inbox keeps an
 * update until it is dropped, a restart takes over (claims) what an earlier run left there once, and a schedule key taken once is taken for good, also for the outbox.
 */
import type { Update } from "grammy/types";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forEachBackend, type BackendHandle, type MakeBackend } from "./harness.js";

const at = new Date("2026-12-01T08:00:00.000Z");
const update = (id: number): Update => ({
  update_id: id,
  message: { message_id: id, date: 0, chat: { id: 5, type: "private", first_name: "A" }, from: { id: 5, is_bot: false, first_name: "A" }, text: "/start" },
});

export function describeUpdatesContract(make: MakeBackend): void {
  describe("updates and schedule keys contract", () => {
    let h: BackendHandle;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => {
      await h.dispose();
    });

    it("an update marked handled stays handled after a restart; marking twice is harmless", async () => {
      const u = h.updates();
      expect(await u.isHandled(100)).toBe(false);
      // a mark that is not the current one: something changed, so the id is saved durably
      await u.markHandled(100, { changes: -1 });
      await u.markHandled(100, { changes: -1 });
      await u.flush();
      await h.reopen();
      expect(await h.updates().isHandled(100)).toBe(true);
      expect(await h.updates().isHandled(101)).toBe(false);
    });

    it("the inbox keeps updates until dropped, also across a restart", async () => {
      expect(await h.updates().keepInInbox(update(7))).toBe(true);
      expect(await h.updates().keepInInbox(update(8))).toBe(true);
      // kept already: whoever kept it first handles it (two instances given the same update)
      expect(await h.updates().keepInInbox(update(7))).toBe(false);
      await h.reopen();
      expect((await h.updates().inbox()).map((x) => x.update_id).sort()).toEqual([7, 8]);
      expect((await h.updates().inbox())[0]?.message?.text).toBe("/start");
      await h.updates().dropFromInbox(7);
      await h.updates().flush();
      await h.reopen();
      expect((await h.updates().inbox()).map((x) => x.update_id)).toEqual([8]);
    });

    it("claimInbox takes what an earlier run left, once, and never what this instance keeps", async () => {
      const u = h.updates(); // one instance's
      expect(await u.keepInInbox(update(7))).toBe(true);
      expect(await u.keepInInbox(update(9))).toBe(true);
      // kept here (handled now): not taken over by this instance's own sweep
      expect(await u.claimInbox()).toEqual([]);
      await u.flush();
      await h.reopen();
      if (h.pgDb) await sql`UPDATE inbox SET claimed_at = claimed_at - interval '1 hour'`.execute(h.pgDb); // the ttl passed
      const next = h.updates();
      const taken = await next.claimInbox();
      expect(taken.map((x) => x.update_id)).toEqual([7, 9]);
      expect(taken[0]?.message?.text).toBe("/start");
      // claimed now: a second sweep finds nothing, and renewing is harmless
      await next.renewClaims([7, 9]);
      expect(await next.claimInbox()).toEqual([]);
      await next.dropFromInbox(7);
      await next.flush();
      expect((await next.inbox()).map((x) => x.update_id)).toEqual([9]);
    });

    it("a schedule key taken is taken for good, and the outbox will not enqueue under it", async () => {
      expect(await h.scheduleKeys().isTaken("remind:a")).toBe(false);
      await h.scheduleKeys().take(["remind:a", "remind:b", "remind:a"], at);
      await h.scheduleKeys().take(["remind:a"], at);
      await h.reopen();
      expect(await h.scheduleKeys().isTaken("remind:a")).toBe(true);
      expect(await h.scheduleKeys().isTaken("remind:c")).toBe(false);
      const r = await h.outbox(() => at).enqueue({ kind: "notice", key: "remind:b", text: { zh: "x", en: "x" }, recipients: [1] });
      expect(r.created).toBe(false);
    });
  });
}

forEachBackend("updates", describeUpdatesContract);
