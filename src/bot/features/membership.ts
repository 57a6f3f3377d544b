import { Composer } from "grammy";
import { deactivateChat, migrateChat, subscribeChat, unsubscribeChat } from "../../store/chats.js";
import type { BotContext } from "../context.js";

/**
 * Follows the bot's membership in chats: a user blocking/unblocking the bot, the bot being added
 * to or removed from a group, and a group becoming a supergroup.
 */
export const membershipFeature = new Composer<BotContext>();

membershipFeature.on("my_chat_member", async (ctx) => {
  const { chat, new_chat_member: member } = ctx.myChatMember;
  const { store, now, log } = ctx.deps;
  const gone = member.status === "kicked" || member.status === "left";
  if (chat.type === "private") {
    await store.update((db) => {
      const existing = db.chats[String(chat.id)];
      if (!existing) return;
      if (gone) deactivateChat(db, chat.id, "blocked", now());
      else {
        existing.active = true; // unblocked; still subscribed only if they were
        delete existing.inactiveReason;
        existing.updatedAt = now().toISOString();
      }
    });
    log.info({ chatId: chat.id, status: member.status }, "private chat membership changed");
    return;
  }
  if (chat.type === "channel") return;
  const title = chat.title;
  if (gone) {
    await store.update((db) => {
      unsubscribeChat(db, chat.id, now());
      deactivateChat(db, chat.id, member.status, now());
    });
    log.info({ chatId: chat.id }, "removed from group: unsubscribed");
    return;
  }
  const wasIn = ctx.myChatMember.old_chat_member.status;
  const added = wasIn === "left" || wasIn === "kicked";
  // a promotion or restriction is no invitation: a group that sent /stop stays unsubscribed
  if (!added && store.data.chats[String(chat.id)]) return;
  await store.update((db) => subscribeChat(db, { id: chat.id, type: chat.type, title }, now()));
  if (added) {
    log.info({ chatId: chat.id }, "added to group: subscribed");
    await ctx.api.sendMessage(chat.id, ctx.t("core-welcome-group")).catch((err: unknown) => {
      log.warn({ err, chatId: chat.id }, "could not greet the group");
    });
  }
});

membershipFeature.on("message:migrate_to_chat_id", async (ctx) => {
  const to = ctx.message.migrate_to_chat_id;
  await ctx.deps.store.update((db) => migrateChat(db, ctx.chat.id, to, ctx.deps.now()));
  ctx.deps.log.info({ from: ctx.chat.id, to }, "group migrated to supergroup");
});
