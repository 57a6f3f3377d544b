/**
 * Forget on the JSON store's document: a user forgotten leaves nothing in the document, the sign-up
 * log or anywhere at rest (`atRest`), also after a restart; everyone else's data stays. Written
 * against `forgetUser` (src/store/users.ts, with forget-traces.ts and the survey's forms); the
 * backend-neutral part is the users contract (contract/users.contract.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/engine/store.js";
import { forgetUser } from "../../src/store/users.js";
import { jsonStoreBackend, type BackendHandle, type MakeBackend } from "./contract/harness.js";

const doc = (h: BackendHandle): Store => {
  if (!h.store) throw new Error("these tests are written against the JSON store's document");
  return h.store;
};
const GONE = 7310042; // an id that appears nowhere by chance
const STAYS = 5550001;
const seen = "2026-12-01T08:00:00.000Z";

async function seedTwoUsers(h: BackendHandle): Promise<void> {
  await doc(h).write((db) => {
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
    doc(h).signups.append({ type: "join", userId: GONE, occurrenceId: "clean:2026-12-02", at: seen, via: "button" });
    doc(h).signups.append({ type: "join", userId: STAYS, occurrenceId: "clean:2026-12-02", at: seen, via: "button", by: GONE });
  }, "durable");
}

function describeForgetInDocument(make: MakeBackend): void {
  describe("forget in the JSON store's document", () => {
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
      const { signups } = await forgetUser(doc(h), GONE, false);
      expect(signups).toBe(1);
      expect(JSON.stringify(doc(h).data)).not.toContain(String(GONE));
      expect(await h.atRest()).not.toContain(String(GONE));
      await h.reopen();
      expect(JSON.stringify(doc(h).data)).not.toContain(String(GONE));
      expect(await h.atRest()).not.toContain(String(GONE));
      const events: { userId: number; by?: number }[] = [];
      await doc(h).signups.replay((e) => events.push(e));
      expect(events).toEqual([expect.objectContaining({ userId: STAYS })]);
      expect(events[0]?.by).toBeUndefined();
      expect(doc(h).data.users[String(STAYS)]?.firstName).toBe("Stays");
      expect(doc(h).data.broadcasts.b1?.recipients[String(STAYS)]).toEqual({ s: "s", mid: 4 });
      expect(doc(h).data.liveMessages["clean:2026-12-02"]).toEqual([{ chatId: STAYS, messageId: 4 }]);
    });

    it("a configured admin forgotten keeps the role and nothing else", async () => {
      await doc(h).write((db) => void (db.roles[String(GONE)] = "admin"), "durable");
      await forgetUser(doc(h), GONE, true);
      await h.reopen();
      expect(doc(h).data.roles[String(GONE)]).toBe("admin");
      expect(doc(h).data.users[String(GONE)]).toBeUndefined();
      expect(doc(h).data.chats[String(GONE)]).toBeUndefined();
    });

    it("forgetting twice, or someone never seen, changes nothing more", async () => {
      await forgetUser(doc(h), GONE, false);
      const before = JSON.stringify(doc(h).data);
      expect((await forgetUser(doc(h), GONE, false)).signups).toBe(0);
      expect((await forgetUser(doc(h), 1234, false)).signups).toBe(0);
      expect(JSON.stringify({ ...doc(h).data, commit: 0 })).toBe(JSON.stringify({ ...JSON.parse(before), commit: 0 }));
    });
  });
}

describeForgetInDocument(jsonStoreBackend);
