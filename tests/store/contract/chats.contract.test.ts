/**
 * The chats' contract (`ChatsRepo`): subscribe creates or reactivates and keeps a language once set,
 * unsubscribe answers whether it was subscribed, unreachable/reachable/leave, and a migration moves
 * the record and its pending deliveries to the new id; all of it survives a restart.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forEachBackend, type BackendHandle, type MakeBackend } from "./harness.js";

const t0 = new Date("2026-12-01T08:00:00.000Z");
const t1 = new Date("2026-12-02T08:00:00.000Z");

export function describeChatsContract(make: MakeBackend): void {
  describe("chats contract", () => {
    let h: BackendHandle;
    let clock = t0;
    beforeEach(async () => {
      clock = t0;
      h = await make();
    });
    afterEach(async () => {
      await h.dispose();
    });
    const chats = () => h.chats(() => clock);

    it("subscribe creates, keeps the first language, and survives a restart", async () => {
      expect(await chats().get(5)).toBeUndefined();
      const v = await chats().subscribe({ id: 5, type: "private" }, "en");
      expect(v).toEqual({ id: 5, type: "private", subscribed: true, active: true, lang: "en", since: t0.toISOString(), updatedAt: t0.toISOString() });
      clock = t1;
      const again = await chats().subscribe({ id: 5, type: "private" }, "zh");
      expect(again).toMatchObject({ lang: "en", since: t0.toISOString(), updatedAt: t1.toISOString() });
      await h.reopen();
      expect(await chats().get(5)).toEqual(again);
    });

    it("unsubscribe answers whether it was subscribed; a language is set only on a known chat", async () => {
      await chats().subscribe({ id: -100, type: "group", title: "1号楼" });
      expect(await chats().unsubscribe(-100)).toBe(true);
      expect(await chats().unsubscribe(-100)).toBe(false);
      expect(await chats().unsubscribe(42)).toBe(false);
      await chats().setLanguage(-100, "zh");
      await chats().setLanguage(42, "zh");
      await h.reopen();
      expect(await chats().get(-100)).toMatchObject({ subscribed: false, lang: "zh", title: "1号楼" });
      expect(await chats().get(42)).toBeUndefined();
    });

    it("unreachable until reachable again; leaving unsubscribes; subscribing reactivates", async () => {
      await chats().subscribe({ id: 7, type: "private" });
      await chats().markUnreachable(7, "blocked");
      expect(await chats().get(7)).toMatchObject({ active: false, inactiveReason: "blocked", subscribed: true });
      await chats().markReachable(7);
      const back = await chats().get(7);
      expect(back).toMatchObject({ active: true, subscribed: true });
      expect(back?.inactiveReason).toBeUndefined();
      await chats().leave(7, "kicked");
      expect(await chats().get(7)).toMatchObject({ active: false, subscribed: false, inactiveReason: "kicked" });
      await chats().subscribe({ id: 7, type: "private" });
      await h.reopen();
      const re = await chats().get(7);
      expect(re).toMatchObject({ active: true, subscribed: true });
      expect(re?.inactiveReason).toBeUndefined();
    });

    it("a migration moves the record and the pending deliveries to the supergroup's id", async () => {
      await chats().subscribe({ id: -1, type: "group", title: "楼" }, "zh");
      const { id } = await h.outbox(() => t0).enqueue({ kind: "notice", text: { zh: "a", en: "a" }, recipients: [-1, 3] });
      await chats().migrate(-1, -1009);
      await h.reopen();
      expect(await chats().get(-1)).toBeUndefined();
      expect(await chats().get(-1009)).toMatchObject({ id: -1009, type: "supergroup", lang: "zh", subscribed: true });
      const [s] = (await h.deliveries().resume(new Set())).sending;
      expect(s?.broadcast.id).toBe(id);
      expect([...(s?.pending ?? [])].sort()).toEqual(["-1009", "3"]);
    });
  });
}

forEachBackend("chats", describeChatsContract);
