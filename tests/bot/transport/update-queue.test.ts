import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { BotContext } from "../../../src/bot/context.js";
import { createUpdateQueue } from "../../../src/bot/transport/update-queue.js";
import type { ChangeMark, UpdatesRepo } from "../../../src/store/updates-repo.js";
import { manualSleep } from "../../helpers/manual-sleep.js";

const log = pino({ level: "silent" });
const chat = (id: number, chatId = id) => ({ update_id: id, message: { chat: { id: chatId, type: "private" } } }) as unknown as Update;

/** A record of updates in memory whose first `failures` durable saves fail, as on a full disk. */
function fakeUpdates(failures = 0) {
  let changes = 0;
  const handled: number[] = [];
  const durable: number[] = [];
  let attempts = 0;
  const repo: UpdatesRepo = {
    isHandled: (id) => Promise.resolve(handled.includes(id)),
    changeMark: () => Promise.resolve({ changes }),
    markHandled(id: number, since: ChangeMark) {
      if (since.changes === changes) {
        handled.push(id);
        return Promise.resolve();
      }
      attempts++;
      if (attempts <= failures) return Promise.reject(new Error("ENOSPC: no space left on device"));
      handled.push(id);
      durable.push(id);
      return Promise.resolve();
    },
    keepInInbox: () => Promise.resolve(true),
    dropFromInbox: () => Promise.resolve(),
    inbox: () => Promise.resolve([]),
    claimInbox: () => Promise.resolve([]),
    renewClaims: () => Promise.resolve(),
    flush: () => Promise.resolve(),
  };
  return {
    repo,
    handled,
    durable,
    change: () => void changes++,
    get attempts() {
      return attempts;
    },
  };
}

/** A promise the test resolves. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

describe("update queue", () => {
  it("keeps an update in flight until its save succeeds, so it is never confirmed with its effects only in memory", async () => {
    const updates = fakeUpdates(2);
    const clock = manualSleep();
    const bot = { handleUpdate: async () => updates.change() } as unknown as Bot<BotContext>;
    const queue = createUpdateQueue({ bot, updates: updates.repo, log, sleep: clock.sleep });
    const done = queue.push(chat(7));
    await clock.asked(1);
    expect(queue.has(7)).toBe(true); // the first save failed: not done, so the poller's offset stays below it
    expect(await queue.handled(7)).toBe(false);
    clock.passAll();
    await clock.asked(2);
    expect(queue.has(7)).toBe(true);
    clock.passAll();
    await done;
    expect(clock.pauses.map((p) => p.ms)).toEqual([500, 1000]); // backing off
    expect(updates.attempts).toBe(3);
    expect(queue.has(7)).toBe(false);
    expect(updates.durable).toEqual([7]);
  });

  it("read-only updates side by side do not wait for a write: noting a handled id is not a change", async () => {
    const updates = fakeUpdates();
    const gates = new Map([2, 3].map((id) => [id, gate()]));
    // changes nothing (a question, /progress); 2 and 3 answer when the test lets them
    const bot = { handleUpdate: (u: Update) => gates.get(u.update_id)?.promise } as unknown as Bot<BotContext>;
    const queue = createUpdateQueue({ bot, updates: updates.repo, log });
    await queue.push(chat(1));
    const both = Promise.all([queue.push(chat(2)), queue.push(chat(3))]);
    gates.get(3)!.open();
    while (!updates.handled.includes(3)) await new Promise((r) => setImmediate(r));
    expect(updates.handled).toEqual([1, 3]); // 2 still being handled
    gates.get(2)!.open();
    await both;
    expect(updates.attempts).toBe(0);
    expect(updates.durable).toEqual([]);
    expect(updates.handled).toEqual([1, 3, 2]); // different chats: 3 was not held up by 2
  });

  it("an update that changed something waits for the write that holds its change and its id", async () => {
    const updates = fakeUpdates();
    const bot = { handleUpdate: async () => updates.change() } as unknown as Bot<BotContext>;
    const queue = createUpdateQueue({ bot, updates: updates.repo, log });
    await queue.push(chat(9));
    expect(updates.attempts).toBe(1);
    expect(updates.durable).toEqual([9]);
  });

  it("one chat's updates run in order; a copy pushed again is handled once", async () => {
    const updates = fakeUpdates();
    const first = gate();
    const seen: number[] = [];
    const bot = {
      handleUpdate: async (u: Update) => {
        if (u.update_id === 1) await first.promise;
        seen.push(u.update_id);
      },
    } as unknown as Bot<BotContext>;
    const queue = createUpdateQueue({ bot, updates: updates.repo, log });
    const pushed = [queue.push(chat(1, 5)), queue.push(chat(2, 5)), queue.push(chat(1, 5))];
    expect(queue.inFlight.size).toBe(2);
    first.open();
    await Promise.all(pushed);
    await queue.push(chat(2, 5)); // delivered again after it was handled
    expect(seen).toEqual([1, 2]);
  });
});
