import { randomBytes } from "node:crypto";
import type { Store } from "./engine/store.js";
import type { Db } from "./schema.js";

/** What a preview's Confirm finds: the draft (now being sent), or why not. */
export type DraftClaim<T> = { value: T } | "missing" | "not-yours" | "taken";

/**
 * Previews waiting for Confirm (/event, /move, /skip, /broadcast, /survey), kept in the store under
 * `db.office.drafts` so a Confirm pressed after a restart (or, later, on another instance) still
 * works, and works once: `claim` turns a pending draft into a sending one in one write, so a second
 * press finds it taken. Drafts older than the ttl (default 24 h) are gone. The interface is async
 * so another store can keep them elsewhere.
 */
export interface DraftsRepo {
  /** Keeps a draft of that kind for its owner; resolves with its short token once durable. */
  put<T>(kind: string, owner: number, value: T): Promise<string>;
  /** Takes a pending draft for sending, for its owner only. */
  claim<T>(kind: string, token: string, by: number): Promise<DraftClaim<T>>;
  /** After a claim: "done" (sent; a later press says so) or "pending" (sending failed: may try again). */
  settle(token: string, outcome: "done" | "pending"): Promise<void>;
  /** Forgets a draft (Cancel). Resolves with whether it was there, pending, for that owner. */
  drop(kind: string, token: string, by: number): Promise<DraftClaim<unknown>>;
}

const DAY_MS = 86_400_000;

/** Builds the repo over `db.office.drafts`; `now` is the app's clock. */
export function createDraftsRepo(store: Store, now: () => Date, ttlMs = DAY_MS): DraftsRepo {
  const fresh = (d: { kind: string; createdAt: string } | undefined, kind: string): boolean =>
    d !== undefined && d.kind === kind && now().getTime() - Date.parse(d.createdAt) <= ttlMs;
  const live = (kind: string, token: string): boolean => fresh(store.data.office.drafts[token], kind);
  const prune = (db: Db): void => {
    const t = now().getTime();
    for (const [token, d] of Object.entries(db.office.drafts)) if (t - Date.parse(d.createdAt) > ttlMs) delete db.office.drafts[token];
  };
  /** Checks a draft inside a write; the draft when it is pending and the presser's. */
  const check = (db: Db, kind: string, token: string, by: number) => {
    const d = db.office.drafts[token];
    if (!d || !fresh(d, kind)) return "missing" as const;
    if (d.owner !== by) return "not-yours" as const;
    if (d.state !== "pending") return "taken" as const;
    return d;
  };

  return {
    async put(kind, owner, value) {
      const token = randomBytes(6).toString("base64url");
      // as JSON: the journal keeps JSON, so what is read back after a restart is what is kept now
      const copy = JSON.parse(JSON.stringify(value)) as unknown;
      await store.write((db) => {
        prune(db);
        db.office.drafts[token] = { kind, owner, createdAt: now().toISOString(), state: "pending", value: copy };
      }, "durable");
      return token;
    },
    async claim<T>(kind: string, token: string, by: number): Promise<DraftClaim<T>> {
      if (!live(kind, token)) return "missing";
      return store.write((db) => {
        const d = check(db, kind, token, by);
        if (typeof d === "string") return d;
        d.state = "sending";
        return { value: JSON.parse(JSON.stringify(d.value)) as T };
      }, "durable");
    },
    async settle(token, outcome) {
      if (!(token in store.data.office.drafts)) return;
      await store.write((db) => {
        const d = db.office.drafts[token];
        if (d) d.state = outcome;
      }, "durable");
    },
    async drop(kind, token, by) {
      if (!live(kind, token)) return "missing";
      return store.write((db) => {
        const d = check(db, kind, token, by);
        if (typeof d === "string") return d;
        delete db.office.drafts[token];
        return { value: JSON.parse(JSON.stringify(d.value)) as unknown };
      }, "durable");
    },
  };
}
