/**
 * The audience's contract (`AudienceRepo`): notices go to subscribed, reachable chats; with compounds
 * named, only chats bound to one of them (a private chat: its person's choice, else the chat's; a
 * chat that chose none only gets notices for all); staff are every role holder; a person's language
 * follows the locale rule outside an update (a group its own, else Chinese).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forEachBackend, type BackendHandle, type MakeBackend } from "./harness.js";
import { seedRows } from "./seed-rows.js";

const sorted = (ids: readonly number[]) => [...ids].sort((x, y) => x - y);

export function describeAudienceContract(make: MakeBackend): void {
  describe("audience contract", () => {
    let h: BackendHandle;
    beforeEach(async () => {
      h = await make();
      const p = (id: number, extra: object = {}) => ({ id, type: "private" as const, subscribed: true, active: true, ...extra });
      await seedRows(h, {
        chats: [
          p(1), p(2, { lang: "en" }), p(3, { active: false, inactiveReason: "blocked" }), p(4, { subscribed: false }), p(5, { compound: "c2" }),
          { id: -100, type: "group", subscribed: true, active: true, compound: "c1" },
          { id: -200, type: "supergroup", subscribed: true, active: true, compound: "c2", lang: "en" },
          { id: -300, type: "group", subscribed: true, active: true },
        ],
        users: [{ id: 1, compound: "c1", lang: "en" }, { id: 5, compound: "c1" }, { id: 6, lang: "en" }, { id: 3, compound: "c1" }],
        roles: { 1: "staff", 9: "admin" },
      });
    });
    afterEach(async () => {
      await h.dispose();
    });

    it("everyone subscribed and reachable, or only the chats of the compounds named", async () => {
      const a = h.audience();
      expect(sorted(await a.subscribers())).toEqual([-300, -200, -100, 1, 2, 5]);
      // a private chat counts as its person's compound (5 chose c1 though its chat says c2)
      expect(sorted(await a.subscribers(["c1"]))).toEqual([-100, 1, 5]);
      expect(sorted(await a.subscribers(["c2"]))).toEqual([-200]);
      expect(sorted(await a.subscribers(["c1", "c2"]))).toEqual([-200, -100, 1, 5]);
      expect(await a.subscribers([])).toEqual([]);
      expect(await a.subscribers(["c9"])).toEqual([]);
    });

    it("staff are every staff member and admin; what is kept survives a restart", async () => {
      expect(sorted(await h.audience().staff())).toEqual([1, 9]);
      await h.reopen();
      expect(sorted(await h.audience().staff())).toEqual([1, 9]);
      expect(sorted(await h.audience().subscribers(["c1"]))).toEqual([-100, 1, 5]);
    });

    it("a person's language: their choice, else their private chat's, else Chinese; a group reads its own", async () => {
      const a = h.audience();
      expect(await a.languageOf(1)).toBe("en");
      expect(await a.languageOf(2)).toBe("en");
      expect(await a.languageOf(5)).toBe("zh");
      expect(await a.languageOf(6)).toBe("en");
      expect(await a.languageOf(777)).toBe("zh");
      expect(await a.languageOf(-200)).toBe("en");
      expect(await a.languageOf(-100)).toBe("zh");
    });
  });
}

forEachBackend("audience", describeAudienceContract);
