import { communityName } from "../community-name.js";
import type { BotContext } from "../context.js";
import { FlatComposer } from "../flat-composer.js";

/**
 * Follows the bot's membership in chats: a user blocking/unblocking the bot, the bot being added
 * to or removed from a group, and a group becoming a supergroup.
 */
export const membershipFeature = new FlatComposer<BotContext>();

membershipFeature.on("my_chat_member", async (ctx) => {
  const { chat, new_chat_member: member } = ctx.myChatMember;
  const { chats, log } = ctx.deps;
  const gone = member.status === "kicked" || member.status === "left";
  if (chat.type === "private") {
    // unblocked: reachable again, still subscribed only if they were
    if (gone) await chats.markUnreachable(chat.id, "blocked");
    else await chats.markReachable(chat.id);
    log.info({ chatId: chat.id, status: member.status }, "private chat membership changed");
    return;
  }
  if (chat.type === "channel") return;
  const title = chat.title;
  if (gone) {
    await chats.leave(chat.id, member.status);
    log.info({ chatId: chat.id }, "removed from group: unsubscribed");
    return;
  }
  const wasIn = ctx.myChatMember.old_chat_member.status;
  const added = wasIn === "left" || wasIn === "kicked";
  // a promotion or restriction is no invitation: a group that sent /stop stays unsubscribed
  if (!added && (await chats.get(chat.id))) return;
  await chats.subscribe({ id: chat.id, type: chat.type, title });
  if (added) {
    log.info({ chatId: chat.id }, "added to group: subscribed");
    await ctx.api.sendMessage(chat.id, ctx.t("core-welcome-group", { community: communityName(ctx.deps, ctx.locale, ctx.t) })).catch((err: unknown) => {
      log.warn({ err, chatId: chat.id }, "could not greet the group");
    });
  }
});

membershipFeature.on("message:migrate_to_chat_id", async (ctx) => {
  const to = ctx.message.migrate_to_chat_id;
  await ctx.deps.chats.migrate(ctx.chat.id, to);
  ctx.deps.log.info({ from: ctx.chat.id, to }, "group migrated to supergroup");
});
