/**
 * For in-process app tests: the recording API as the app's HTTP client (`createApp({ fetch })`).
 * Every Api the app builds from its client options (the bot's and the sender's, made before the
 * bot) then reaches the same recording core, where a transformer added to `bot.api` afterwards
 * would miss the sender's calls. Calls arrive as grammY serialises them: JSON, or multipart for
 * uploads (whose fields are then strings, and files `UploadedFile`s, as the HTTP server records).
 *
 *   const rec = createRecordingApi();
 *   const app = await createApp({ ..., fetch: createRecordingFetch(rec) });
 */
import type { BotApiCore } from "./core.js";
import type { ApiReply } from "./faults.js";
import { parseMultipart } from "./multipart.js";

async function readBody(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === "string") return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function readParams(init: RequestInit | undefined): Promise<Record<string, unknown> | undefined> {
  const body = await readBody(init?.body);
  if (body.length === 0) return {};
  const type = new Headers(init?.headers).get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) return parseMultipart(body, type);
  try {
    const json = JSON.parse(body.toString("utf8")) as unknown;
    return typeof json === "object" && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const UNREADABLE: ApiReply = { ok: false, error_code: 400, description: "Bad Request: can't parse request body" };

/** A `fetch` answering Bot API calls from the recording core (a dropped call rejects, as a reset would). */
export function createRecordingFetch(core: Pick<BotApiCore, "handle">): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = url.split("/").pop() ?? "";
    const params = await readParams(init);
    const answer = params === undefined ? UNREADABLE : core.handle(method, params);
    if ("drop" in answer) throw new Error("socket hang up");
    return new Response(JSON.stringify(answer), { status: answer.ok ? 200 : answer.error_code, headers: { "content-type": "application/json" } });
  };
}
