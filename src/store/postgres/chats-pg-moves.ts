/** A group became a supergroup: its chat row and its pending deliveries move to the new id. */
import { sql } from "kysely";
import type { PgDb } from "./database.js";

export async function moveChat(db: PgDb, community: string, fromId: number, toId: number, at: Date): Promise<{ merged: readonly string[] }> {
  return db.transaction().execute(async (tx) => {
    const from = String(fromId);
    const to = String(toId);
    const merged = await sql<{ id: string }>`
      SELECT a.broadcast_id AS id FROM deliveries a JOIN deliveries b
        ON b.community = a.community AND b.broadcast_id = a.broadcast_id AND b.chat_key = ${to}
      WHERE a.community = ${community} AND a.chat_key = ${from} AND a.s = 'p'`.execute(tx);
    const chat = await tx.selectFrom("chats").selectAll().where("community", "=", community).where("id", "=", fromId).forUpdate().executeTakeFirst();
    if (chat) {
      await tx.deleteFrom("chats").where("community", "=", community).where("id", "=", toId).execute();
      await tx.updateTable("chats").set({ id: toId, type: "supergroup", updated_at: at })
        .where("community", "=", community).where("id", "=", fromId).execute();
    }
    // the new id keeps its own state where it had one; the group's pending entry is then dropped
    await sql`DELETE FROM deliveries WHERE community = ${community} AND chat_key = ${from} AND s = 'p'
      AND broadcast_id IN (${sql.join(merged.rows.length ? merged.rows.map((r) => r.id) : [""])})`.execute(tx);
    await sql`UPDATE deliveries SET chat_key = ${to} WHERE community = ${community} AND chat_key = ${from} AND s = 'p'`.execute(tx);
    return { merged: merged.rows.map((r) => r.id) };
  });
}
