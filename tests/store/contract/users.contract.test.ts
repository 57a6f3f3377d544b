/**
 * The users' contract (`UsersRepo`): names remembered (and `seenAt` moved only when they change),
 * names as staff see them, languages chosen and remembered, staff granted and revoked, the party
 * mark, profiles; and forget: a forgotten user leaves nothing at rest (`atRest`: every file, or
 * every row), also after a restart, while everyone else's data and the campaign's figures stay.
 * Sign-up log and live messages on the JSON store: forget-document.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { currentValue, findMetric } from "../../../src/domain/campaign/index.js";
import { loadCampaign, type LoadedCampaign } from "../../../src/store/campaign-catalog.js";
import { forEachBackend, type BackendHandle, type MakeBackend } from "./harness.js";

const GONE = 7310042; // an id that appears nowhere by chance
const STAYS = 5550001;
const t0 = new Date("2026-12-01T08:00:00.000Z");
const t1 = new Date("2026-12-02T08:00:00.000Z");
const info = (id: number, first_name: string) => ({ id, first_name, username: `u${id}` });

export function describeUsersContract(make: MakeBackend): void {
  describe("users contract", () => {
    let h: BackendHandle;
    let clock = t0;
    let loaded: LoadedCampaign;
    beforeEach(async () => {
      clock = t0;
      loaded = await loadCampaign("data");
      h = await make();
    });
    afterEach(async () => {
      await h.dispose();
    });
    const users = () => h.users(() => clock);
    const campaign = () => h.campaign({ ...loaded, timezone: "Asia/Shanghai", now: () => clock });
    const garbage = async () => currentValue((await (await campaign()).figures()).aggregates, findMetric(loaded.campaign, "garbage_cleared")!, t1, "Asia/Shanghai").value;

    it("remembers names (seenAt moves only when they change) and shows them as staff see them", async () => {
      await users().touch({ id: 1, first_name: "王芳", username: "wangfang" });
      clock = t1;
      await users().touch({ id: 1, first_name: "王芳", username: "wangfang" });
      expect(await users().get(1)).toEqual({ id: 1, firstName: "王芳", username: "wangfang", seenAt: t0.toISOString() });
      await users().touch({ id: 1, first_name: "王芳", last_name: "李" });
      await h.reopen();
      expect(await users().get(1)).toEqual({ id: 1, firstName: "王芳", lastName: "李", seenAt: t1.toISOString() });
      const names = await users().names([1, 2, 1]);
      expect([...names]).toEqual([[1, "王芳 李"], [2, "#2"]]);
      expect(await users().get(2)).toBeUndefined();
    });

    it("a chosen language stays; one remembered only for someone known who never chose", async () => {
      expect(await users().rememberLanguage(3, "en")).toBe(false); // unknown
      await users().touch(info(3, "A"));
      expect(await users().rememberLanguage(3, "en")).toBe(true);
      expect(await users().rememberLanguage(3, "zh")).toBe(false);
      await users().setLanguage(info(4, "B"), "zh");
      expect(await users().rememberLanguage(4, "en")).toBe(false);
      await users().setLanguage(info(3, "A"), "zh");
      await h.reopen();
      expect((await users().get(3))?.lang).toBe("zh");
      expect(await users().get(4)).toMatchObject({ firstName: "B", lang: "zh" });
    });

    it("staff: granted once, revoked once; the party mark only on someone known; profiles", async () => {
      await users().touch(info(5, "Staff"));
      expect(await users().grantStaff(5)).toBe(true);
      expect(await users().grantStaff(5)).toBe(false);
      expect(await users().grantStaff(6)).toBe(true);
      expect(await users().isStaff(5)).toBe(true);
      expect(await users().roleOf(7)).toBeUndefined();
      expect(await users().setPartyMember(5, true)).toBe(true);
      expect(await users().setPartyMember(7, true)).toBe(false);
      await h.reopen();
      expect([...(await users().staffIds())].sort()).toEqual([5, 6]);
      expect([...(await users().roleHolders())].sort((a, b) => a.id - b.id)).toEqual([{ id: 5, role: "staff", firstName: "Staff" }, { id: 6, role: "staff" }]);
      expect((await users().profiles()).get(5)).toEqual({ id: 5, firstName: "Staff", username: "u5", partyMember: true, seenAt: t0.toISOString() });
      expect(await users().revokeStaff(6)).toBe("removed");
      expect(await users().revokeStaff(6)).toBe("not-staff");
      expect(await users().setPartyMember(5, false)).toBe(true);
      await h.reopen();
      expect(await users().isStaff(6)).toBe(false);
      expect((await users().profiles()).get(5)?.partyMember).toBe(false);
    });

    /** GONE and STAYS as every repository here can know them. */
    async function seedTwo(): Promise<void> {
      for (const id of [GONE, STAYS]) {
        await users().setLanguage(info(id, id === GONE ? "Forgettable" : "Stays"), "zh");
        await h.chats(() => clock).subscribe({ id, type: "private" });
      }
      await users().grantStaff(GONE);
      await users().setPartyMember(GONE, true);
      await h.updates().keepInInbox({ update_id: 900, message: { message_id: 1, date: 0, chat: { id: GONE, type: "private", first_name: "Forgettable" }, from: { id: GONE, is_bot: false, first_name: "Forgettable" }, text: "/forgetme" } });
      await h.outbox(() => clock).enqueue({ kind: "adhoc", key: `promoted:clean:2026-12-02:${GONE}:1`, text: { zh: "通知", en: "Notice" }, recipients: [GONE, STAYS], createdBy: GONE, progress: { chatId: GONE, lang: "zh" } });
      const repo = await campaign();
      await repo.record(GONE, { metricId: "garbage_cleared", amount: 12 });
      await repo.addAttendance([{ id: `attendance:cleanup-day:2026-11-28:${GONE}:weekly_cleanup_participants`, metricId: "weekly_cleanup_participants", amount: 1, at: t0.toISOString(), by: GONE, source: "attendance" }]);
    }

    it("forget: nothing about the person stays at rest, also after a restart; the others and the figures stay", async () => {
      await seedTwo();
      const figure = await garbage();
      expect(await h.atRest()).toContain(String(GONE)); // the check below can fail
      expect(await users().forget(GONE, false)).toEqual({ signups: 0 });
      expect(await h.atRest()).not.toContain(String(GONE));
      await h.reopen();
      expect(await h.atRest()).not.toContain(String(GONE));
      expect(await users().get(GONE)).toBeUndefined();
      expect(await users().isStaff(GONE)).toBe(false);
      expect(await h.chats(() => clock).get(GONE)).toBeUndefined();
      expect(await users().get(STAYS)).toMatchObject({ firstName: "Stays", lang: "zh" });
      expect(await h.chats(() => clock).get(STAYS)).toMatchObject({ subscribed: true });
      const [sending] = (await h.deliveries().resume(new Set())).sending;
      expect([...(sending?.pending ?? [])]).toEqual([String(STAYS)]);
      expect(await h.updates().inbox()).toEqual([]);
      expect(await garbage()).toBe(figure);
      const records = await (await campaign()).records();
      expect(records.filter((r) => r.source !== "seed").map((r) => r.by)).toEqual([null, null]);
    });

    it("forget keeps the role when asked (a configured admin) and nothing else", async () => {
      await seedTwo();
      await users().forget(GONE, true);
      await h.reopen();
      expect(await users().roleOf(GONE)).toBe("staff");
      expect(await users().get(GONE)).toBeUndefined();
      expect(await h.chats(() => clock).get(GONE)).toBeUndefined();
    });

    it("forgetting twice, or someone never seen, changes nothing more", async () => {
      await seedTwo();
      await users().forget(GONE, false);
      const before = { profiles: [...(await users().profiles())], figure: await garbage(), records: await (await campaign()).records() };
      expect(await users().forget(GONE, false)).toEqual({ signups: 0 });
      expect(await users().forget(1234, false)).toEqual({ signups: 0 });
      expect({ profiles: [...(await users().profiles())], figure: await garbage(), records: await (await campaign()).records() }).toEqual(before);
    });
  });
}

forEachBackend("users", describeUsersContract);
