/**
 * The webhook server's limits (issue 13), with real sockets: a stalled body or slow headers are cut
 * off, an over-size body gets 413, connections are capped, and /healthz says only what a load
 * balancer needs.
 */
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import { connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { UpdateQueue } from "../../src/bot/transport/update-queue.js";
import { createWebhookServer, DEFAULT_WEBHOOK_LIMITS, type HealthFacts, type WebhookLimits } from "../../src/bot/transport/webhook.js";
import { openStore, type Store } from "../../src/store/engine/store.js";
import { createUpdatesRepo } from "../../src/store/updates-repo.js";

const SECRET = "s3cret_Webhook-token";
const PATH = "/tg";

let dir: string;
let store: Store;
let server: Server | undefined;
let port: number;
const pushed: Update[] = [];
const sockets: Socket[] = [];

/** A queue that only records: these tests are about HTTP, not about handling. */
const queue: UpdateQueue = {
  push: (u) => {
    pushed.push(u);
    return Promise.resolve();
  },
  has: () => false,
  handled: () => Promise.resolve(false),
  inFlight: new Map(),
  drain: () => Promise.resolve(),
};

async function listen(limits?: Partial<WebhookLimits>, health?: () => HealthFacts): Promise<Server> {
  server = createWebhookServer({ queue, updates: createUpdatesRepo(store), log: pino({ level: "silent" }), secret: SECRET, path: PATH, ...(limits ? { limits } : {}), ...(health ? { health } : {}) });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return server;
}

/** A raw connection: what the server sent, and when it closed (or null after `waitMs`). */
function rawRequest(chunks: string[], waitMs: number): Promise<{ text: string; closedAfterMs: number | null }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, "127.0.0.1");
    sockets.push(socket);
    let text = "";
    socket.on("data", (d: Buffer) => (text += d.toString()));
    socket.on("error", () => undefined); // a reset after the answer is fine
    const timer = setTimeout(() => resolve({ text, closedAfterMs: null }), waitMs);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ text, closedAfterMs: performance.now() - started });
    });
    socket.on("connect", () => {
      for (const c of chunks) socket.write(c);
    });
  });
}

const headers = (extra: string) =>
  `POST ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\n${extra}\r\n`;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "webhook-limits-"));
  store = await openStore({ file: join(dir, "db.json") });
  pushed.length = 0;
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  if (server) {
    server.closeAllConnections();
    await new Promise((r) => server!.close(r));
    server = undefined;
  }
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe("webhook server limits", () => {
  it("defaults: request and header timeouts of at most 30 s, a connection cap, a 1 MiB body cap", async () => {
    const s = await listen();
    expect(DEFAULT_WEBHOOK_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(s.requestTimeout).toBeLessThanOrEqual(30_000);
    expect(s.headersTimeout).toBeLessThanOrEqual(30_000);
    expect(s.headersTimeout).toBeLessThanOrEqual(s.requestTimeout);
    expect(s.maxConnections).toBeGreaterThanOrEqual(40); // Telegram's max_connections
    expect(s.maxConnections).toBeLessThanOrEqual(1000);
    expect(DEFAULT_WEBHOOK_LIMITS.maxBodyBytes).toBe(1024 * 1024);
  });

  it("cuts off a request with the right secret whose body stalls (408), and saves nothing", async () => {
    await listen({ requestTimeoutMs: 300, headersTimeoutMs: 200 });
    const { text, closedAfterMs } = await rawRequest([headers("Content-Length: 100\r\n"), '{"update_id":'], 5_000);
    expect(closedAfterMs).not.toBeNull();
    expect(closedAfterMs!).toBeLessThan(3_000);
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(pushed).toEqual([]);
    expect(store.data.inbox).toEqual({});
  });

  it("cuts off headers that never end", async () => {
    await listen({ requestTimeoutMs: 400, headersTimeoutMs: 200 });
    const { text, closedAfterMs } = await rawRequest([`POST ${PATH} HTTP/1.1\r\nHost: x\r\nX-Slow: a`], 5_000);
    expect(closedAfterMs).not.toBeNull();
    expect(closedAfterMs!).toBeLessThan(3_000);
    expect(text).toMatch(/^HTTP\/1\.1 408/);
  });

  it("answers 413 to a body over the cap, announced or chunked, and saves nothing", async () => {
    await listen({ maxBodyBytes: 1_000 });
    const announced = await rawRequest([headers("Content-Length: 1001\r\n")], 3_000);
    expect(announced.text).toMatch(/^HTTP\/1\.1 413/);
    expect(announced.closedAfterMs).not.toBeNull();
    const chunk = "x".repeat(600);
    const size = chunk.length.toString(16);
    const chunked = await rawRequest([headers("Transfer-Encoding: chunked\r\n"), `${size}\r\n${chunk}\r\n`, `${size}\r\n${chunk}\r\n`], 3_000);
    expect(chunked.text).toMatch(/^HTTP\/1\.1 413/);
    // a body under the cap still goes through
    const ok = await fetch(`http://127.0.0.1:${port}${PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify({ update_id: 7 }),
    });
    expect(ok.status).toBe(200);
    expect(pushed.map((u) => u.update_id)).toEqual([7]);
  });

  it("closes connections beyond the cap at once; others are served", async () => {
    await listen({ maxConnections: 2 });
    const idle = [connect(port, "127.0.0.1"), connect(port, "127.0.0.1")];
    sockets.push(...idle);
    await Promise.all(idle.map((s) => new Promise((r) => s.once("connect", r))));
    await new Promise((r) => setTimeout(r, 50));
    const third = await rawRequest(["GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"], 2_000);
    expect(third.closedAfterMs).not.toBeNull();
    expect(third.text).toBe("");
    idle[0]!.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it("/healthz says ok (and leader when told), no counters; 503 when not ok", async () => {
    let facts: HealthFacts = { ok: true };
    await listen({}, () => facts);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    facts = { ok: true, leader: true };
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ ok: true, leader: true });
    facts = { ok: false };
    const stopping = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(stopping.status).toBe(503);
    expect(await stopping.json()).toEqual({ ok: false });
  });
});
