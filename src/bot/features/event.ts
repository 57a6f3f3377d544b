import { type ConversationData, type ConversationFlavor, conversations, createConversation, type VersionedState } from "@grammyjs/conversations";
import { Composer, InlineKeyboard } from "grammy";
import { parseEventArgs } from "../../domain/event-args.js";
import type { ConversationRepo } from "../../store/conversation-repo.js";
import type { DraftsRepo } from "../../store/drafts-repo.js";
import type { BotContext } from "../context.js";
import { FlatComposer } from "../flat-composer.js";
import { commandArgs, senderIsStaff, staffOnly } from "../guards.js";
import { confirmEvent, eventError, eventPreview, resolveTo, type EventDraft, type EventServices } from "./event-draft.js";
import { createEventSteps, type StepContext } from "./event-steps.js";
import { createEditSteps } from "./events-edit.js";

/** The plugin's state of one chat's conversations, as the store keeps it. */
export type StoredConversation = VersionedState<ConversationData>;

export interface EventFeatureServices extends EventServices {
  /** where conversations in progress are kept (the store: they survive a restart) */
  conversations: ConversationRepo<StoredConversation>;
  /** one-line previews waiting for Confirm (the store: Confirm works after a restart) */
  drafts: DraftsRepo;
}

const KIND = "event";
type Flavored = ConversationFlavor<BotContext>;

/**
 * `/event <YYYY-MM-DD> <HH:MM> <title> [place=…] [cap=N] [to=…] [at=…]` (staff): a preview with
 * Confirm / Cancel; Confirm stores the event (`e<N>`) and announces it with its sign-up buttons
 * (see confirmEvent). `/event` alone asks step by step (grammY's conversations plugin; its state is
 * in the store, so a restart resumes it). The /events edit buttons run their conversation here too.
 * One-line drafts are kept in the store (DraftsRepo) under a short token, for 24 hours.
 */
export function createEventFeature(s: EventFeatureServices): Composer<BotContext> {
  const { drafts } = s;
  const feature = new FlatComposer<BotContext>();
  // only staff have conversations (the step-by-step /event and the /events edits): residents'
  // updates skip the plugin's storage read and state (most of the bot's work per update, measured)
  const outer = feature.filter(senderIsStaff) as unknown as Composer<Flavored>;
  // the plugin adds ctx.conversation at run time; inside, the context is a plain one (StepContext)
  outer.use(
    conversations<Flavored, StepContext>({
      storage: { read: (key) => s.conversations.read(key), write: (key, value) => s.conversations.write(key, value), delete: (key) => s.conversations.delete(key) },
    }),
  );
  outer.use(createConversation<Flavored, StepContext>(createEventSteps(s), "event"));
  outer.use(createConversation<Flavored, StepContext>(createEditSteps(s), "event-edit"));

  const staff = outer as unknown as Composer<BotContext>;
  // everyone else is told this is for staff
  feature.command("event", staffOnly);
  feature.callbackQuery(/^ev:/, staffOnly);

  staff.command("event", async (ctx) => {
    const args = commandArgs(ctx);
    if (args === "") {
      await (ctx as Flavored).conversation.enter("event", ctx.locale);
      return;
    }
    const now = ctx.deps.now();
    const parsed = parseEventArgs(args, ctx.deps.timezone, now);
    if ("error" in parsed) return void (await ctx.reply(eventError(ctx.t, parsed)));
    const to = resolveTo(ctx.t, ctx.locale, await s.compounds.list(), parsed.to);
    if ("error" in to) return void (await ctx.reply(to.error));
    const { to: _typed, ...rest } = parsed;
    const draft: EventDraft = { ...rest, ...(to.ids ? { to: to.ids } : {}) };
    const id = await drafts.put(KIND, ctx.from!.id, draft);
    const keyboard = new InlineKeyboard().text(ctx.t("event-confirm"), `ev:ok:${id}`).text(ctx.t("event-cancel"), `ev:no:${id}`);
    await ctx.reply(await eventPreview(s, ctx.t, ctx.locale, draft), { reply_markup: keyboard });
  });

  staff.callbackQuery(/^ev:(ok|no):([\w-]{1,16})$/, async (ctx) => {
    const [, action, id = ""] = ctx.match;
    const claim = action === "no" ? await drafts.drop(KIND, id, ctx.from.id) : await drafts.claim<EventDraft>(KIND, id, ctx.from.id);
    if (claim === "missing") {
      await ctx.answerCallbackQuery({ text: ctx.t("event-expired"), show_alert: true });
      await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
      return;
    }
    if (claim === "not-yours") return void (await ctx.answerCallbackQuery({ text: ctx.t("event-not-yours"), show_alert: true }));
    if (claim === "taken") return void (await ctx.answerCallbackQuery({ text: ctx.t("event-already") }));
    if (action === "no") {
      await ctx.answerCallbackQuery({ text: ctx.t("event-cancelled") });
      await ctx.editMessageText(ctx.t("event-cancelled"), { reply_markup: { inline_keyboard: [] } });
      return;
    }
    // claimed in one store write: a second press, even after a restart, finds it taken
    const draft = claim.value as EventDraft;
    let done: string;
    try {
      done = await confirmEvent(s, draft, { userId: ctx.from.id, chatId: ctx.chat?.id ?? ctx.from.id, locale: ctx.locale });
    } catch (err) {
      await drafts.settle(id, "pending");
      throw err;
    }
    await drafts.settle(id, "done");
    await ctx.answerCallbackQuery();
    const summary = await eventPreview(s, ctx.t, ctx.locale, draft, false);
    await ctx
      .editMessageText(`${done}\n\n${summary}`, { reply_markup: { inline_keyboard: [] } })
      .catch((err: unknown) => ctx.deps.log.warn({ err }, "could not edit the event preview"));
  });

  return feature;
}
