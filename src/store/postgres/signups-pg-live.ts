/**
 * Where sign-up buttons went, over PostgreSQL: group messages whose counts are kept live (the 500
 * newest per occurrence, as on the JSON store) and the reminders each chat received (chats.received,
 * the 8 newest), so a text sign-up there is bound to the notice the chat actually got; and
 * `live_count_marks`, the occurrences whose count changed on a follower, for the leader's editor.
 */
import type { LiveMessages } from "../signup-live.js";
import type { ReceivedReminder, ReceivedReminders } from "../signup-received.js";
import type { PgDb } from "./database.js";

const MAX_LIVE_MESSAGES = 500;
const MAX_RECEIVED_PER_CHAT = 8;

export function createPgLiveMessages(db: PgDb, community: string): LiveMessages & ReceivedReminders {
  const live = () => db.selectFrom("live_messages").where("community", "=", community);
  return {
    async liveMessages(occurrenceId) {
      const rows = await live().select(["chat_id", "message_id"]).where("occurrence_id", "=", occurrenceId).orderBy("seq").execute();
      return rows.map((r) => ({ chatId: r.chat_id, messageId: r.message_id }));
    },
    async rememberLiveMessage(occurrenceId, chatId, messageId) {
      const added = await db.insertInto("live_messages").values({ community, occurrence_id: occurrenceId, chat_id: chatId, message_id: messageId })
        .onConflict((oc) => oc.doNothing()).returning("seq").executeTakeFirst();
      if (!added) return;
      const oldest = await live().select("seq").where("occurrence_id", "=", occurrenceId)
        .orderBy("seq", "desc").offset(MAX_LIVE_MESSAGES).limit(1).executeTakeFirst();
      if (oldest) await db.deleteFrom("live_messages").where("community", "=", community).where("occurrence_id", "=", occurrenceId).where("seq", "<=", oldest.seq).execute();
    },
    async markCountChanged(occurrenceId) {
      await db.insertInto("live_count_marks").values({ community, occurrence_id: occurrenceId }).onConflict((oc) => oc.doNothing()).execute();
    },
    // DELETE … RETURNING: a mark is taken by one leader once, also if a stale one asks at the same time
    async takeCountChanges() {
      const rows = await db.deleteFrom("live_count_marks").where("community", "=", community).returning("occurrence_id").execute();
      return rows.map((r) => r.occurrence_id);
    },
    async receivedIn(chatId) {
      const r = await db.selectFrom("chats").select("received").where("community", "=", community).where("id", "=", chatId).executeTakeFirst();
      return ((r?.received ?? []) as ReceivedReminder[]).map((x) => ({ ...x }));
    },
    async recordReceived(chatId, occurrenceId, messageId, at) {
      await db.transaction().execute(async (tx) => {
        const chat = await tx.selectFrom("chats").select("received").where("community", "=", community).where("id", "=", chatId).forUpdate().executeTakeFirst();
        if (!chat) return; // not a subscriber
        const kept = ((chat.received ?? []) as ReceivedReminder[]).filter((r) => !(r.o === occurrenceId && r.m === messageId));
        kept.push({ o: occurrenceId, ...(messageId === undefined ? {} : { m: messageId }), at: at.toISOString() });
        await tx.updateTable("chats").set({ received: JSON.stringify(kept.slice(-MAX_RECEIVED_PER_CHAT)) })
          .where("community", "=", community).where("id", "=", chatId).execute();
      });
    },
  };
}
