/** `db:import`, people and chats: chats (subscriptions, languages, compounds), users, roles. */
import { insertAll, jsonOrNull, type ImportCounts, type ImportTx, type StoreDoc } from "./import-rows.js";

export async function importPeople(tx: ImportTx, community: string, doc: StoreDoc, counts: ImportCounts): Promise<void> {
  counts.chats = await insertAll(tx, "chats", Object.values(doc.chats).map((c) => ({
    community, id: c.id, type: c.type, title: c.title ?? null, subscribed: c.subscribed, active: c.active,
    inactive_reason: c.inactiveReason ?? null, lang: c.lang ?? null, compound: c.compound ?? null,
    received: jsonOrNull(c.received), since: c.since, updated_at: c.updatedAt,
  })));
  counts.users = await insertAll(tx, "users", Object.values(doc.users).map((u) => ({
    community, id: u.id, first_name: u.firstName, last_name: u.lastName ?? null, username: u.username ?? null,
    lang: u.lang ?? null, party_member: u.partyMember ?? null, compound: u.compound ?? null, seen_at: u.seenAt,
  })));
  counts.roles = await insertAll(tx, "roles", Object.entries(doc.roles).map(([id, role]) => ({ community, user_id: Number(id), role })));
}
