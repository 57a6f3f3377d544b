import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { FlatComposer } from "../flat-composer.js";

/**
 * /forgetme deletes everything stored about the user at once and says so. A configured admin keeps
 * the role (it comes back from ADMIN_IDS anyway). Features that keep in-memory views of the store
 * (sign-up rosters) listen through `onForget`, which the answer waits for.
 */
export function createForgetMeFeature(onForget?: (userId: number) => Promise<void>): Composer<BotContext> {
  const feature = new FlatComposer<BotContext>();
  feature.command("forgetme", async (ctx) => {
    if (!ctx.from) return;
    const userId = ctx.from.id;
    const keepRole = ctx.deps.adminIds.includes(userId);
    const result = await ctx.deps.users.forget(userId, keepRole);
    // the sign-ups go (and whoever moves up is told) before the answer: a crash in between would
    // otherwise keep them, and "forgotten" would not be true
    await onForget?.(userId);
    await ctx.reply(ctx.t("core-forgotten", { signups: result.signups }));
  });
  return feature;
}
