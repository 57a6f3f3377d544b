import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";

/**
 * The HTTP limits of the webhook server. Node's defaults hold a request whose body stalls for
 * 300 s and slow headers for 60 s, take any number of connections, and reset an over-size body
 * instead of answering: behind a public URL each of those lets a stranger tie the bot up.
 */
export interface WebhookLimits {
  /** the whole request (headers and body) must arrive within this; then 408 and the connection closes */
  requestTimeoutMs: number;
  /** the headers must arrive within this (at most `requestTimeoutMs`) */
  headersTimeoutMs: number;
  /** idle keep-alive connections are closed after this */
  keepAliveTimeoutMs: number;
  /** connections beyond this are closed at once (Telegram opens at most `max_connections`, 40) */
  maxConnections: number;
  /** bodies over this get 413 (Telegram's updates are a few KiB) */
  maxBodyBytes: number;
}

export const DEFAULT_WEBHOOK_LIMITS: WebhookLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 100,
  maxBodyBytes: 1024 * 1024,
};

/** An HTTP server with the limits applied. */
export function createLimitedServer(limits: WebhookLimits, listener: RequestListener): Server {
  const headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the two timeouts on this interval (default 30 s, which would double them)
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(headersTimeout / 4))),
    },
    listener,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}

/** Thrown by `readBody` once the body passes the cap (the 413 is already sent). */
export class BodyTooLargeError extends Error {}

/**
 * Reads a request body up to `max` bytes. Over the cap (announced by Content-Length, or found while
 * reading a chunked body) it answers 413, closes the connection after the answer, and rejects.
 */
export function readBody(req: IncomingMessage, res: ServerResponse, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const tooLarge = (): void => {
      req.removeAllListeners("data");
      res.writeHead(413, { "content-type": "text/plain", connection: "close" }).end("payload too large");
      // whatever the client still sends is thrown away; the socket closes once the answer is out
      req.resume();
      reject(new BodyTooLargeError("body too large"));
    };
    const announced = Number(req.headers["content-length"] ?? 0);
    if (announced > max) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) return tooLarge();
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * What `/healthz` may tell a load balancer: whether to send traffic here, and (with several
 * instances) whether this one leads. No counters: it answers anyone who can reach the port.
 */
export interface HealthFacts {
  ok: boolean;
  leader?: boolean;
}

/** Answers `/healthz`: 200 with the facts when ok, 503 otherwise (so a stopping instance is drained). */
export function answerHealth(res: ServerResponse, facts: HealthFacts): void {
  const body: HealthFacts = { ok: facts.ok, ...(facts.leader === undefined ? {} : { leader: facts.leader }) };
  res.writeHead(facts.ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
}
