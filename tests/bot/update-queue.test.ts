import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { createUpdateQueue } from "../../src/bot/update-queue.js";
import { emptyDb } from "../../src/store/schema.js";
import type { Store } from "../../src/store/store.js";

/** A store whose first `failures` writes fail, as on a full disk. */
function flakyStore(failures: number): Store & { attempts: number } {
  const data = emptyDb();
  let changes = 0;
  const store = {
    data,
    writes: 0,
    attempts: 0,
    get changes() {
      return changes;
    },
    update<R>(fn: (db: typeof data) => R): Promise<R> {
      changes++;
      store.attempts++;
      const result = fn(data);
      return store.attempts <= failures ? Promise.reject(new Error("ENOSPC: no space left on device")) : Promise.resolve(result);
    },
    mutate<R>(fn: (db: typeof data) => R): R {
      changes++;
      return fn(data);
    },
    note(fn: (db: typeof data) => void): void {
      fn(data);
    },
    write: ((fn: (db: typeof data) => unknown, durability: string) =>
      durability === "durable" ? store.update(fn) : durability === "batched" ? store.mutate(fn) : void fn(data)) as Store["write"],
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
    signups: {
      append: () => {
        throw new Error("no sign-ups in this test");
      },
      replay: () => Promise.resolve(),
      rewrite: () => Promise.resolve(0),
    },
  };
  return store;
}

describe("update queue", () => {
  it("keeps an update in flight until its save succeeds, so it is never confirmed with its effects only in memory", async () => {
    const store = flakyStore(2);
    const bot = { handleUpdate: async () => void store.mutate((db) => void (db.enqueued.x = "changed")) } as unknown as Bot<BotContext>;
    const queue = createUpdateQueue(bot, store, pino({ level: "silent" }));
    const done = queue.push({ update_id: 7, message: { chat: { id: 1, type: "private" } } } as unknown as Update);
    await new Promise((r) => setTimeout(r, 100));
    expect(queue.has(7)).toBe(true); // the first save failed: not done, so the poller's offset stays below it
    await done;
    expect(store.attempts).toBe(3);
    expect(queue.has(7)).toBe(false);
    expect(store.data.handledUpdates).toContain(7);
  }, 10_000);

  it("read-only updates side by side do not wait for a write: noting a handled id is not a change", async () => {
    const store = flakyStore(0);
    // answers after a moment and changes nothing (a question, /progress)
    const bot = { handleUpdate: () => new Promise((r) => setTimeout(r, 20)) } as unknown as Bot<BotContext>;
    const queue = createUpdateQueue(bot, store, pino({ level: "silent" }));
    const chat = (id: number) => ({ update_id: id, message: { chat: { id, type: "private" } } }) as unknown as Update;
    await queue.push(chat(1)); // its id is noted while the next two are being handled
    await Promise.all([queue.push(chat(2)), new Promise((r) => setTimeout(r, 5)).then(() => queue.push(chat(3)))]);
    expect(store.attempts).toBe(0);
    expect(store.data.handledUpdates).toEqual([1, 2, 3]);
  });

  it("an update that changed something waits for the write that holds its change and its id", async () => {
    const store = flakyStore(0);
    const bot = { handleUpdate: async () => void store.mutate((db) => void (db.enqueued.y = "1")) } as unknown as Bot<BotContext>;
    const queue = createUpdateQueue(bot, store, pino({ level: "silent" }));
    await queue.push({ update_id: 9, message: { chat: { id: 1, type: "private" } } } as unknown as Update);
    expect(store.attempts).toBe(1);
  });
});
