/**
 * Drafts (previews waiting for Confirm) over PostgreSQL (one community), so a Confirm pressed on any
 * instance finds the draft another made. `claim` and `drop` act in one conditional statement (the
 * draft pending, of that kind and owner, not expired), so two presses at once, on one instance or two,
 * find it once; a press that finds nothing is told why. A draft expires `ttlMs` after it was made
 * (by the app's clock, as the JSON store); expired ones are deleted when a new one is kept.
 */
import { randomBytes } from "node:crypto";
import type { DraftClaim, DraftsRepo } from "../drafts-repo.js";
import type { PgDb } from "./database.js";

const DAY_MS = 86_400_000;

export function createPgDraftsRepo(db: PgDb, community: string, now: () => Date, ttlMs = DAY_MS): DraftsRepo {
  /** Why a conditional claim or drop found nothing: missing (or expired, or another kind), not-yours, taken. */
  const why = async (kind: string, token: string, by: number): Promise<"missing" | "not-yours" | "taken"> => {
    const d = await db.selectFrom("drafts").select(["kind", "owner", "expires_at"]).where("community", "=", community).where("id", "=", token).executeTakeFirst();
    if (!d || d.kind !== kind || d.expires_at.getTime() < now().getTime()) return "missing";
    return d.owner !== by ? "not-yours" : "taken";
  };

  return {
    async put(kind, owner, value) {
      const token = randomBytes(6).toString("base64url");
      const at = now();
      await db.deleteFrom("drafts").where("community", "=", community).where("expires_at", "<", at).execute();
      await db.insertInto("drafts").values({
        community, id: token, kind, owner, state: "pending", body: JSON.stringify(value ?? null),
        created_at: at, expires_at: new Date(at.getTime() + ttlMs),
      }).execute();
      return token;
    },
    async claim<T>(kind: string, token: string, by: number): Promise<DraftClaim<T>> {
      const r = await db.updateTable("drafts").set({ state: "sending" })
        .where("community", "=", community).where("id", "=", token).where("kind", "=", kind).where("owner", "=", by)
        .where("state", "=", "pending").where("expires_at", ">=", now())
        .returning("body").executeTakeFirst();
      return r ? { value: r.body as T } : why(kind, token, by);
    },
    async settle(token, outcome) {
      await db.updateTable("drafts").set({ state: outcome }).where("community", "=", community).where("id", "=", token).execute();
    },
    async drop(kind, token, by) {
      const r = await db.deleteFrom("drafts")
        .where("community", "=", community).where("id", "=", token).where("kind", "=", kind).where("owner", "=", by)
        .where("state", "=", "pending").where("expires_at", ">=", now())
        .returning("body").executeTakeFirst();
      return r ? { value: r.body } : why(kind, token, by);
    },
  };
}
