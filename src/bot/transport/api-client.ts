import { Api, type ApiClientOptions, type Transformer } from "grammy";
import { htmlParseMode } from "../parse-mode.js";
import type { ApiFetch } from "./api-fetch.js";

/** How the bot reaches the Bot API: the same for the bot's own Api and the sender's. */
export interface ApiClientSettings {
  token: string;
  /** Bot API root (no trailing slash); a local server in tests */
  apiRoot?: string;
  /** the HTTP client for Bot API calls (see api-fetch.ts); grammY's node-fetch when absent */
  fetch?: ApiFetch;
  /** extra API transformers, installed first (tests record calls with one) */
  transformers?: Transformer[];
}

/** grammY's client options for these settings (what `new Bot(token, { client })` takes). */
export function apiClientOptions(s: ApiClientSettings): ApiClientOptions {
  return { ...(s.apiRoot ? { apiRoot: s.apiRoot } : {}), ...(s.fetch ? { fetch: s.fetch } : {}) };
}

/**
 * Installs the transformers every Api of the bot has, in order: the given extras, then the HTML
 * parse mode. grammY's Bot builds its own Api from the client options, so createBot calls this on
 * `bot.api`; `createApiClient` calls it on an Api built before the bot (the sender's).
 */
export function installApiTransformers(api: Api, extra: readonly Transformer[] = []): Api {
  for (const t of extra) api.config.use(t);
  api.config.use(htmlParseMode());
  return api;
}

/** An Api configured as the bot's own is (token, root, HTTP client, transformers), made without a bot. */
export function createApiClient(s: ApiClientSettings): Api {
  return installApiTransformers(new Api(s.token, apiClientOptions(s)), s.transformers);
}
