import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { staffOnly } from "../guards.js";
import type { MoveSkipFeature } from "./moveskip.js";
import { FlatComposer } from "../flat-composer.js";

/**
 * The "move a date" / "cancel a date" buttons of a notice's card in /events: each answers with the
 * notice's next dates and the /move or /skip line to send (the commands keep their preview).
 */
export function createEventsDateButtons(start: MoveSkipFeature["start"]): Composer<BotContext> {
  const feature = new FlatComposer<BotContext>();
  feature.callbackQuery(/^en:([ms]):([a-z0-9][a-z0-9-]{0,31})$/, staffOnly, async (ctx) => {
    await ctx.answerCallbackQuery();
    await start(ctx, ctx.match[2] ?? "", ctx.match[1] === "m" ? "move" : "skip");
  });
  return feature;
}
