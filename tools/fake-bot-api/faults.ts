/**
 * Fault injection shared by the HTTP server and the recording transformer: canned Telegram
 * errors, one-shot failures per method, per-chat states (blocked, migrated) and a behaviour hook.
 */
export type ApiError = {
  ok: false;
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
};
export type ApiReply = { ok: true; result: unknown } | ApiError;
/** Close the connection without an answer (the server destroys the socket). */
export const DROP = { drop: true } as const;
export type Fault = ApiError | typeof DROP;
/** Return a fault to inject it, or undefined to let the call proceed. */
export type Behaviour = (method: string, params: Record<string, unknown>) => Fault | undefined;

/** Telegram's own error answers. */
export const errors = {
  blocked: (): ApiError => ({ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }),
  kicked: (supergroup = false): ApiError => ({
    ok: false, error_code: 403, description: `Forbidden: bot was kicked from the ${supergroup ? "supergroup" : "group"} chat`,
  }),
  migrated: (toChatId: number): ApiError => ({
    ok: false, error_code: 400, description: "Bad Request: group chat was upgraded to a supergroup chat",
    parameters: { migrate_to_chat_id: toChatId },
  }),
  tooManyRequests: (retryAfter: number): ApiError => ({
    ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter },
  }),
  badGateway: (): ApiError => ({ ok: false, error_code: 502, description: "Bad Gateway" }),
  chatNotFound: (): ApiError => ({ ok: false, error_code: 400, description: "Bad Request: chat not found" }),
  unauthorized: (): ApiError => ({ ok: false, error_code: 401, description: "Unauthorized" }),
  notFound: (): ApiError => ({ ok: false, error_code: 404, description: "Not Found" }),
};

export interface Faults {
  /** The next `times` calls of `method` ("*" for any method) get `response`. */
  failNext(method: string, response: Fault, times?: number): void;
  /** Every call aimed at this chat gets 403 (blocked by the user, or kicked from a group). */
  blockChat(chatId: number): void;
  unblockChat(chatId: number): void;
  /** Every call aimed at this group gets 400 with parameters.migrate_to_chat_id. */
  migrateChat(groupId: number, supergroupId: number): void;
  behaviour: Behaviour | undefined;
  /** The fault for this call, if one is injected. */
  pick(method: string, params: Record<string, unknown>): Fault | undefined;
}

export function createFaults(behaviour?: Behaviour): Faults {
  const queued = new Map<string, { response: Fault; times: number }[]>();
  const blocked = new Set<number>();
  const migrated = new Map<number, number>();
  const take = (key: string): Fault | undefined => {
    const q = queued.get(key);
    const head = q?.[0];
    if (q === undefined || head === undefined) return undefined;
    if (--head.times <= 0) q.shift();
    if (q.length === 0) queued.delete(key);
    return head.response;
  };
  const faults: Faults = {
    behaviour,
    failNext(method, response, times = 1) {
      const q = queued.get(method) ?? [];
      q.push({ response, times });
      queued.set(method, q);
    },
    blockChat: (id) => void blocked.add(id),
    unblockChat: (id) => void blocked.delete(id),
    migrateChat: (from, to) => void migrated.set(from, to),
    pick(method, params) {
      if (queued.size > 0) {
        const f = take(method) ?? take("*");
        if (f) return f;
      }
      const hooked = faults.behaviour?.(method, params);
      if (hooked) return hooked;
      if (blocked.size === 0 && migrated.size === 0) return undefined;
      const chat = Number(params.chat_id);
      if (blocked.has(chat)) return chat > 0 ? errors.blocked() : errors.kicked(chat < -1e12);
      const to = migrated.get(chat);
      return to === undefined ? undefined : errors.migrated(to);
    },
  };
  return faults;
}
