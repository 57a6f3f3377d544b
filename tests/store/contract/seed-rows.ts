/**
 * Seeds a contract backend with chats, users and roles as they are at rest, for suites whose
 * repositories only read them (the audience): through the JSON store's document, or as rows on
 * PostgreSQL. Only what those reads look at.
 */
import type { ChatRecord, UserRecord } from "../../../src/store/schema.js";
import type { BackendHandle } from "./harness.js";

export interface SeedRows {
  readonly chats?: readonly Omit<ChatRecord, "since" | "updatedAt">[];
  readonly users?: readonly Omit<UserRecord, "seenAt" | "firstName">[];
  readonly roles?: Readonly<Record<number, "staff" | "admin">>;
}

const AT = "2026-12-01T08:00:00.000Z";

export async function seedRows(h: BackendHandle, rows: SeedRows, community = "test"): Promise<void> {
  if (h.store) {
    await h.store.write((db) => {
      for (const c of rows.chats ?? []) db.chats[String(c.id)] = { ...c, since: AT, updatedAt: AT };
      for (const u of rows.users ?? []) db.users[String(u.id)] = { ...u, firstName: `U${u.id}`, seenAt: AT };
      for (const [id, role] of Object.entries(rows.roles ?? {})) db.roles[id] = role;
    }, "durable");
    return;
  }
  const pg = h.pgDb;
  if (!pg) throw new Error("seedRows: a backend with neither a document nor a database");
  for (const c of rows.chats ?? []) {
    await pg.insertInto("chats").values({
      community, id: c.id, type: c.type, title: c.title ?? null, subscribed: c.subscribed, active: c.active,
      inactive_reason: c.inactiveReason ?? null, lang: c.lang ?? null, compound: c.compound ?? null, since: AT, updated_at: AT,
    }).execute();
  }
  for (const u of rows.users ?? []) {
    await pg.insertInto("users").values({ community, id: u.id, first_name: `U${u.id}`, lang: u.lang ?? null, compound: u.compound ?? null, seen_at: AT }).execute();
  }
  for (const [id, role] of Object.entries(rows.roles ?? {})) await pg.insertInto("roles").values({ community, user_id: Number(id), role }).execute();
}
