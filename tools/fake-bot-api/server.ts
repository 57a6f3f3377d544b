/**
 * A local HTTP server speaking the Telegram Bot API (`POST {root}/bot{token}/{method}`, JSON,
 * form-urlencoded or multipart bodies), for end-to-end tests, `npm run chat` and benchmarks.
 * It refuses what the real Bot API refuses (see validate.ts) and can inject faults.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { createBotApiCore, type BotApiCore, type CoreOptions } from "./core.js";
import { errors, type ApiReply } from "./faults.js";
import { parseMultipart } from "./multipart.js";
import { createUpdateQueue, type UpdateInput } from "./update-queue.js";

export interface FakeBotApiOptions extends CoreOptions {
  /** the token the bot must use (default "123:TEST"); any other gets 401 Unauthorized */
  token?: string;
  /** delay before every answer, to imitate a network */
  latencyMs?: number;
}

export interface FakeBotApi extends BotApiCore {
  readonly token: string;
  /** the API root once started, e.g. "http://127.0.0.1:41234" */
  readonly url: string | undefined;
  start(port?: number): Promise<{ url: string }>;
  stop(): Promise<void>;
  /** Queues an update for getUpdates, giving it the next update_id. */
  pushUpdate(update: UpdateInput): Update;
  /** Updates not yet confirmed by an offset. */
  pendingUpdates(): Update[];
}

const PATH = /^\/bot([^/]+)\/([A-Za-z0-9_]+)\/?$/;
const WEBHOOK_ACTIVE: ApiReply = {
  ok: false, error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
};

function reply(res: ServerResponse, body: ApiReply): void {
  if (res.writableEnded || res.destroyed) return;
  const json = JSON.stringify(body);
  res.writeHead(body.ok ? 200 : body.error_code, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  res.end(json);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function readParams(req: IncomingMessage, query: string): Promise<Record<string, unknown> | undefined> {
  const body = await readBody(req);
  const params: Record<string, unknown> = query === "" ? {} : Object.fromEntries(new URLSearchParams(query));
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (body.length === 0) return params;
  if (type.startsWith("application/json")) {
    try {
      const json = JSON.parse(body.toString("utf8")) as unknown;
      return typeof json === "object" && json !== null && !Array.isArray(json) ? { ...params, ...json } : undefined;
    } catch { return undefined; }
  }
  if (type.startsWith("multipart/form-data")) {
    const form = parseMultipart(body, req.headers["content-type"] ?? "");
    return form === undefined ? undefined : { ...params, ...form };
  }
  if (type.startsWith("application/x-www-form-urlencoded")) return { ...params, ...Object.fromEntries(new URLSearchParams(body.toString("utf8"))) };
  return params;
}

export function createFakeBotApi(options: FakeBotApiOptions = {}): FakeBotApi {
  const token = options.token ?? "123:TEST";
  const core = createBotApiCore(token, options);
  const updates = createUpdateQueue();
  core.state.pendingUpdates = () => updates.pending().length;
  core.state.dropPendingUpdates = () => updates.dropPending();
  const latency = options.latencyMs ?? 0;
  let url: string | undefined;

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.url ?? "/";
    const q = raw.indexOf("?");
    const m = PATH.exec(q === -1 ? raw : raw.slice(0, q));
    if (m === null) return reply(res, errors.notFound());
    if (decodeURIComponent(m[1] as string) !== token) return reply(res, errors.unauthorized());
    const method = m[2] as string;
    const params = await readParams(req, q === -1 ? "" : raw.slice(q + 1));
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    if (params === undefined) return reply(res, { ok: false, error_code: 400, description: "Bad Request: can't parse request body" });
    if (method.toLowerCase() === "getupdates") return getUpdates(params, res);
    const answer = core.handle(method, params);
    if ("drop" in answer) {
      req.socket.destroy();
      return;
    }
    reply(res, answer);
  }

  function getUpdates(params: Record<string, unknown>, res: ServerResponse): void {
    const at = Date.now();
    const respond = (answer: ApiReply): void => {
      core.record({ method: "getUpdates", params, at, response: answer });
      reply(res, answer);
    };
    const checked = core.validator.check("getUpdates", params);
    if (!checked.ok) return respond(checked);
    const fault = core.pickFault("getUpdates", params);
    if (fault) {
      if ("drop" in fault) {
        core.record({ method: "getUpdates", params, at, response: fault });
        res.socket?.destroy();
        return;
      }
      return respond(fault);
    }
    if (core.state.webhookUrl !== "") return respond(WEBHOOK_ACTIVE);
    const cancel = updates.poll(params, respond);
    res.on("close", cancel);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      console.error("fake Bot API:", err);
      reply(res, { ok: false, error_code: 500, description: "Internal Server Error" });
    });
  });
  server.keepAliveTimeout = 30_000;

  Object.defineProperty(core, "url", { get: () => url, enumerable: true });
  const api: FakeBotApi = Object.assign(core as BotApiCore & { readonly url: string | undefined }, {
    token,
    start(port = 0) {
      return new Promise<{ url: string }>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
          url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
          resolve({ url });
        });
      });
    },
    stop() {
      updates.release();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    pushUpdate(input: UpdateInput) {
      core.observeUpdate(input as unknown as Update);
      return updates.push(input);
    },
    pendingUpdates: () => updates.pending(),
  });
  return api;
}
