/**
 * The getUpdates side of the fake Bot API: a queue of pushed updates with increasing update_id,
 * confirmed by `offset`, filtered by `allowed_updates`, delivered by long polling; a second
 * concurrent getUpdates ends the first one with 409 Conflict (the newer request wins).
 */
import type { Update } from "grammy/types";
import type { ApiReply } from "./faults.js";

/** An update as pushed by a test: no update_id yet. */
export type UpdateInput = { [K in Exclude<keyof Update, "update_id">]?: Update[K] } & { update_id?: never };

const DEFAULT_EXCLUDED = new Set(["chat_member", "message_reaction", "message_reaction_count"]);
const CONFLICT: ApiReply = {
  ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
};

interface Poll { finish: (reply: ApiReply) => void; limit: number }

export interface UpdateQueue {
  push(update: UpdateInput): Update;
  /** Handles getUpdates; `respond` is called once, maybe later (long polling). Returns a cancel function. */
  poll(params: Record<string, unknown>, respond: (reply: ApiReply) => void): () => void;
  pending(): Update[];
  dropPending(): void;
  /** Answers a waiting long poll with no updates (used on stop). */
  release(): void;
}

const num = (v: unknown, fallback: number): number => (v === undefined || v === null || v === "" ? fallback : Number(v));
const kindOf = (u: Update): string => Object.keys(u).find((k) => k !== "update_id" && u[k as keyof Update] !== undefined) ?? "";

export function createUpdateQueue(): UpdateQueue {
  let queue: Update[] = [];
  let nextId = 1;
  let allowed: Set<string> | undefined;
  let waiting: Poll | undefined;
  const isAllowed = (u: Update): boolean => {
    const kind = kindOf(u);
    return allowed === undefined ? !DEFAULT_EXCLUDED.has(kind) : allowed.has(kind);
  };
  /** Up to `limit` deliverable updates; updates of unwanted kinds are dropped on the way. */
  const take = (limit: number): Update[] => {
    const out: Update[] = [];
    for (let i = 0; i < queue.length && out.length < limit; ) {
      const u = queue[i] as Update;
      if (isAllowed(u)) { out.push(u); i++; } else queue.splice(i, 1);
    }
    return out;
  };
  return {
    push(input) {
      const update = { update_id: nextId++, ...input } as Update;
      queue.push(update);
      if (waiting) {
        const w = waiting;
        const batch = take(w.limit);
        if (batch.length > 0) {
          waiting = undefined;
          w.finish({ ok: true, result: batch });
        }
      }
      return update;
    },
    poll(params, respond) {
      if (waiting) {
        const old = waiting;
        waiting = undefined;
        old.finish(CONFLICT);
      }
      const offset = num(params.offset, 0);
      if (offset > 0) {
        let k = 0;
        while (k < queue.length && (queue[k] as Update).update_id < offset) k++;
        if (k > 0) queue.splice(0, k);
      } else if (offset < 0) {
        queue = queue.slice(offset);
      }
      const au = typeof params.allowed_updates === "string" ? (JSON.parse(params.allowed_updates) as unknown) : params.allowed_updates;
      if (Array.isArray(au)) allowed = au.length === 0 ? undefined : new Set(au.map(String));
      const limit = Math.min(100, Math.max(1, num(params.limit, 100)));
      const timeout = Math.max(0, num(params.timeout, 0));
      const batch = take(limit);
      if (batch.length > 0 || timeout === 0) {
        respond({ ok: true, result: batch });
        return () => undefined;
      }
      let done = false;
      const poll: Poll = {
        limit,
        finish: (reply) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          if (waiting === poll) waiting = undefined;
          respond(reply);
        },
      };
      const timer = setTimeout(() => poll.finish({ ok: true, result: [] }), timeout * 1000);
      waiting = poll;
      return () => {
        done = true;
        clearTimeout(timer);
        if (waiting === poll) waiting = undefined;
      };
    },
    pending: () => [...queue],
    dropPending() { queue = []; },
    release() { waiting?.finish({ ok: true, result: [] }); },
  };
}
