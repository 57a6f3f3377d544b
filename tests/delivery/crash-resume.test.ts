import { fork } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Api } from "grammy";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { addBroadcast } from "../../src/store/outbox-repo.js";
import { createSender } from "../../src/delivery/sender.js";
import { createDeliveriesRepo } from "../../src/store/deliveries-repo.js";
import { subscribeChat } from "../../src/store/chats.js";
import { openStore } from "../../src/store/engine/store.js";
import { createFakeBotApi, type FakeBotApi } from "../../tools/fake-bot-api/index.js";
import { range } from "./setup.js";

const CHILD = fileURLToPath(new URL("./fixtures/crash-sender.ts", import.meta.url));
const CONCURRENCY = 4;
const MAX_UNSAVED = 8;
let server: FakeBotApi | undefined;
let dir: string | undefined;

afterEach(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const deliveries = (api: FakeBotApi): Map<number, number> => {
  const per = new Map<number, number>();
  for (const c of api.calls) {
    if (c.method !== "sendMessage" || !("ok" in c.response) || !c.response.ok) continue;
    const chat = Number(c.params.chat_id);
    per.set(chat, (per.get(chat) ?? 0) + 1);
  }
  return per;
};

describe("sender after kill -9", () => {
  it("resumes: every recipient gets the message, at most the unsaved window twice", async () => {
    dir = await mkdtemp(join(tmpdir(), "sender-crash-"));
    const file = join(dir, "db.json");
    const ids = range(20_000, 200);
    const first = await openStore({ file });
    const { id } = await first.write((db) => {
      for (const chat of ids) subscribeChat(db, { id: chat, type: "private" }, new Date());
      return addBroadcast(db, { kind: "adhoc", text: { zh: "通知", en: "Notice" }, recipients: ids }, new Date());
    }, "durable");
    await first.close();

    server = createFakeBotApi({ latencyMs: 15 });
    const { url } = await server.start();
    const child = fork(CHILD, [file, url, String(CONCURRENCY), String(MAX_UNSAVED)], { execArgv: ["--import", "tsx"], stdio: "ignore" });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    // killed as the 80th message is answered (the server tells each call as it records it: no polling)
    let delivered = 0;
    await server.waitForCall((c) => c.method === "sendMessage" && "ok" in c.response && c.response.ok && ++delivered >= 80, 15_000);
    child.kill("SIGKILL");
    await exited;
    const beforeCrash = [...deliveries(server).values()].reduce((a, b) => a + b, 0);
    expect(beforeCrash).toBeGreaterThanOrEqual(80);
    expect(beforeCrash).toBeLessThan(200);

    const store = await openStore({ file });
    const saved = Object.values(store.data.broadcasts[id]!.recipients).filter((r) => r.s === "s").length;
    expect(saved).toBeGreaterThan(beforeCrash - MAX_UNSAVED - 1); // progress was saved as it went
    const sender = createSender({
      deliveries: createDeliveriesRepo(store),
      api: new Api("123:TEST", { apiRoot: url }),
      log: pino({ level: "silent" }),
      now: () => new Date(),
      rate: { perSecond: 1000, groupPerMinute: 20, concurrency: CONCURRENCY },
      localeOf: () => "zh",
      translate: () => (key) => key,
    });
    sender.start();
    await sender.idle();
    await sender.stop();
    expect(store.data.broadcasts[id]!.status).toBe("done");
    await store.close();

    const per = deliveries(server);
    for (const chat of ids) expect(per.get(chat) ?? 0).toBeGreaterThanOrEqual(1);
    const doubled = [...per.values()].filter((n) => n > 1).length;
    expect([...per.values()].every((n) => n <= 2)).toBe(true);
    expect(doubled).toBeLessThanOrEqual(MAX_UNSAVED);
  });
});
