/**
 * For in-process bot tests: a grammY transformer that answers every API call itself (no network),
 * validating it first, so a test fails when the bot would send something Telegram refuses.
 *
 *   const rec = createRecordingApi();
 *   bot.api.config.use(rec.transformer);
 */
import { HttpError, type Transformer } from "grammy";
import { createBotApiCore, type BotApiCore, type CoreOptions } from "./core.js";

export interface RecordingApiOptions extends CoreOptions {
  /** used for the bot id in getMe (default "123:TEST") */
  token?: string;
  latencyMs?: number;
}

export interface RecordingApi extends BotApiCore {
  transformer: Transformer;
}

/** Creates the transformer and the record of calls it answered (same fault hooks as the server). */
export function createRecordingApi(options: RecordingApiOptions = {}): RecordingApi {
  const core = createBotApiCore(options.token ?? "123:TEST", options);
  const latency = options.latencyMs ?? 0;
  // grammY serialises payloads with JSON, dropping undefined; do the same so the record matches.
  const clean = (payload: unknown): Record<string, unknown> =>
    Object.fromEntries(Object.entries((payload ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined));
  const transformer: Transformer = async (_prev, method, payload) => {
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const answer = core.handle(method, clean(payload));
    if ("drop" in answer) throw new HttpError(`Network request for '${method}' failed!`, new Error("socket hang up"));
    return answer as Awaited<ReturnType<Transformer>>;
  };
  return Object.assign(core, { transformer });
}
