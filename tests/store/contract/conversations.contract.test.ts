/**
 * The conversations' contract (`ConversationRepo`): the plugin's state by key, read back as a copy
 * (as JSON: an `undefined` field is gone), replaced by a later write, deleted; all of it survives a
 * restart, and a key never touches another.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forEachBackend, type BackendHandle, type MakeBackend } from "./harness.js";

interface State { version: [number, string]; state: { step: string; answers: string[]; note?: string | undefined } }

export function describeConversationsContract(make: MakeBackend): void {
  describe("conversations contract", () => {
    let h: BackendHandle;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => {
      await h.dispose();
    });
    const repo = () => h.conversations<State>();
    const a: State = { version: [1, "x"], state: { step: "title", answers: ["2026-12-26", "清洁日"], note: undefined } };

    it("reads what was written, as a copy without undefined fields, also after a restart", async () => {
      expect(await repo().read("42")).toBeUndefined();
      await repo().write("42", a);
      const read = await repo().read("42");
      expect(read).toEqual({ version: [1, "x"], state: { step: "title", answers: ["2026-12-26", "清洁日"] } });
      expect(read && "note" in read.state).toBe(false);
      read?.state.answers.push("changed");
      expect((await repo().read("42"))?.state.answers).toHaveLength(2);
      await h.reopen();
      expect((await repo().read("42"))?.state.step).toBe("title");
    });

    it("a later write replaces, delete removes only its key, and both survive a restart", async () => {
      await repo().write("42", a);
      await repo().write("-1001", { ...a, state: { step: "place", answers: [] } });
      await repo().write("42", { ...a, state: { step: "cap", answers: ["x"] } });
      await repo().delete("-1001");
      await repo().delete("never-written");
      await h.reopen();
      expect((await repo().read("42"))?.state).toEqual({ step: "cap", answers: ["x"] });
      expect(await repo().read("-1001")).toBeUndefined();
    });
  });
}

forEachBackend("conversations", describeConversationsContract);
