import type { Readable } from "node:stream";
import { Agent, EnvHttpProxyAgent } from "undici";

/** The part of a fetch response grammY's API client reads. */
interface ApiResponse {
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

/** What grammY's API client passes to `fetch` (see grammY's core/client). */
interface ApiRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Readable;
  signal?: AbortSignal | null;
}

/** grammY's `client.fetch` option (typed as the global fetch). */
export type ApiFetch = typeof fetch;

export interface ApiFetchOptions {
  /** connections kept open per origin (the poller runs up to 64 updates at once) */
  connections?: number;
  /**
   * How long a call may wait for its answer's headers once sent, or between pieces of its body.
   * Longer than the poller's long poll (30 s) with margin: a connection that died silently (a NAT
   * or a proxy dropped it) then fails in this time instead of grammY's own 500 s, so polling resumes
   * within about a minute and a half.
   */
  responseTimeoutMs?: number;
  /** HTTP proxies (Config.proxy): calls to an https root go through `https`, to an http root through `http`, unless `noProxy` names the host */
  proxy?: { https?: string; http?: string; noProxy?: string };
}

/**
 * grammY's API client over undici's `request` instead of the node-fetch it ships with. Profiled,
 * node-fetch (with node:http under it) was the largest single cost of an update on the bot's
 * thread: Request/Headers/Body objects, stream piping and header checks per call. undici's
 * dispatcher does the same HTTP/1.1 keep-alive work with far less per call (idle connections are
 * kept as long as the server's Keep-Alive allows). grammY only calls `fetch(url, { method, headers,
 * body, signal })` and reads `res.json()`; bodies are a JSON string, or a stream for uploads.
 * Errors (refused, reset, aborted, timed out) reject as fetch's do, so grammY still turns them into
 * an `HttpError`.
 */
export function createApiFetch(options: ApiFetchOptions = {}): { fetch: ApiFetch; close(): Promise<void> } {
  const timeout = options.responseTimeoutMs ?? 90_000;
  const settings = { connections: options.connections ?? 128, headersTimeout: timeout, bodyTimeout: timeout };
  const { proxy } = options;
  // empty strings, not undefined: undici would fall back to reading the environment itself
  const agent = proxy
    ? new EnvHttpProxyAgent({ ...settings, httpsProxy: proxy.https ?? "", httpProxy: proxy.http ?? "", noProxy: proxy.noProxy ?? "" })
    : new Agent(settings);
  // every call of one bot shares its API root: the origin is parsed once per root, not per call
  const origins = new Map<string, string>();
  const split = (url: string): { origin: string; path: string } => {
    const slash = url.indexOf("/", url.indexOf("//") + 2);
    const root = slash < 0 ? url : url.slice(0, slash);
    let origin = origins.get(root);
    if (origin === undefined) {
      origin = new URL(root).origin;
      origins.set(root, origin);
    }
    return { origin, path: slash < 0 ? "/" : url.slice(slash) };
  };
  const apiFetch = async (input: string | URL, init: ApiRequestInit = {}): Promise<ApiResponse> => {
    const { origin, path } = split(String(input));
    const res = await agent.request({
      origin,
      path,
      method: (init.method ?? "GET") as "GET",
      headers: init.headers ?? {},
      body: init.body ?? null,
      signal: init.signal ?? undefined,
    });
    return {
      ok: res.statusCode >= 200 && res.statusCode < 300,
      status: res.statusCode,
      json: () => res.body.json(),
      text: () => res.body.text(),
    };
  };
  return { fetch: apiFetch as unknown as ApiFetch, close: () => agent.close() };
}
