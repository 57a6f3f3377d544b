/**
 * Users' contract, forget: a user forgotten leaves nothing in the document, the sign-up log or
 * anywhere at rest (`atRest`), also after a restart; everyone else's data stays. Written against
 * today's `forgetUser` (src/store/users.ts, with forget-traces.ts and the survey's forms).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forgetUser } from "../../../src/store/users.js";
import { backends, type BackendHandle, type MakeBackend } from "./harness.js";

const GONE = 7310042; // an id that appears nowhere by chance
const STAYS = 5550001;
const seen = "2026-12-01T08:00:00.000Z";

async function seedTwoUsers(h: BackendHandle): Promise<void> {
  await h.store.write((db) => {
    for (const id of [GONE, STAYS]) {
      const k = String(id);
      db.users[k] = { id, firstName: id === GONE ? "Forgettable" : "Stays", username: `u${id}`, seenAt: seen };
      db.chats[k] = { id, type: "private", subscribed: true, active: true, since: seen, updatedAt: seen };
    }
    db.roles[String(GONE)] = "staff";
    db.inbox["900"] = { update_id: 900, message: { message_id: 1, date: 0, chat: { id: GONE, type: "private" }, from: { id: GONE, is_bot: false, first_name: "Forgettable" }, text: "/forgetme" } };
    db.enqueued[`promoted:clean:2026-12-02:${GONE}:1`] = seen;
    db.broadcasts.b1 = {
      id: "b1", kind: "adhoc", createdAt: seen, createdBy: GONE, text: { zh: "通知", en: "Notice" },
      recipients: { [String(GONE)]: { s: "s", mid: 3 }, [String(STAYS)]: { s: "s", mid: 4 } }, status: "done",
      progress: { chatId: GONE, lang: "zh" },
    };
    db.liveMessages["clean:2026-12-02"] = [{ chatId: GONE, messageId: 3 }, { chatId: STAYS, messageId: 4 }];
    h.store.signups.append({ type: "join", userId: GONE, occurrenceId: "clean:2026-12-02", at: seen, via: "button" });
    h.store.signups.append({ type: "join", userId: STAYS, occurrenceId: "clean:2026-12-02", at: seen, via: "button", by: GONE });
  }, "durable");
}

export function describeUsersContract(make: MakeBackend): void {
  describe("users contract: forget", () => {
    let h: BackendHandle;
    beforeEach(async () => {
      h = await make();
      await seedTwoUsers(h);
    });
    afterEach(async () => {
      await h.dispose();
    });

    it("a forgotten user leaves nothing in the document, the sign-ups or at rest; the other user stays", async () => {
      expect(await h.atRest()).toContain(String(GONE)); // the check below can fail
      const { signups } = await forgetUser(h.store, GONE, false);
      expect(signups).toBe(1);
      expect(JSON.stringify(h.store.data)).not.toContain(String(GONE));
      expect(await h.atRest()).not.toContain(String(GONE));
      await h.reopen();
      expect(JSON.stringify(h.store.data)).not.toContain(String(GONE));
      expect(await h.atRest()).not.toContain(String(GONE));
      const events: { userId: number; by?: number }[] = [];
      await h.store.signups.replay((e) => events.push(e));
      expect(events).toEqual([expect.objectContaining({ userId: STAYS })]);
      expect(events[0]?.by).toBeUndefined();
      expect(h.store.data.users[String(STAYS)]?.firstName).toBe("Stays");
      expect(h.store.data.broadcasts.b1?.recipients[String(STAYS)]).toEqual({ s: "s", mid: 4 });
      expect(h.store.data.liveMessages["clean:2026-12-02"]).toEqual([{ chatId: STAYS, messageId: 4 }]);
    });

    it("a configured admin forgotten keeps the role and nothing else", async () => {
      await h.store.write((db) => void (db.roles[String(GONE)] = "admin"), "durable");
      await forgetUser(h.store, GONE, true);
      await h.reopen();
      expect(h.store.data.roles[String(GONE)]).toBe("admin");
      expect(h.store.data.users[String(GONE)]).toBeUndefined();
      expect(h.store.data.chats[String(GONE)]).toBeUndefined();
    });

    it("forgetting twice, or someone never seen, changes nothing more", async () => {
      await forgetUser(h.store, GONE, false);
      const before = JSON.stringify(h.store.data);
      expect((await forgetUser(h.store, GONE, false)).signups).toBe(0);
      expect((await forgetUser(h.store, 1234, false)).signups).toBe(0);
      expect(JSON.stringify({ ...h.store.data, commit: 0 })).toBe(JSON.stringify({ ...JSON.parse(before), commit: 0 }));
    });
  });
}

for (const [name, make] of Object.entries(backends)) describe(name, () => describeUsersContract(make));
