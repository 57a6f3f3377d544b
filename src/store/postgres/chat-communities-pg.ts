import type { ChatCommunitiesRepo } from "../chat-communities-repo.js";
import type { PgDb } from "./database.js";

/** The chats' communities of one bot (`botId`: the number before the colon of its token). */
export function createPgChatCommunitiesRepo(db: PgDb, botId: number): ChatCommunitiesRepo {
  return {
    async communityOf(chatId) {
      const row = await db.selectFrom("chat_communities").select("community").where("bot_id", "=", botId).where("chat_id", "=", chatId).executeTakeFirst();
      return row?.community;
    },
    async bind(chatId, community) {
      await db.insertInto("chat_communities").values({ bot_id: botId, chat_id: chatId, community })
        .onConflict((oc) => oc.columns(["bot_id", "chat_id"]).doUpdateSet({ community, at: new Date() })).execute();
    },
    async unbind(chatId) {
      await db.deleteFrom("chat_communities").where("bot_id", "=", botId).where("chat_id", "=", chatId).execute();
    },
  };
}
