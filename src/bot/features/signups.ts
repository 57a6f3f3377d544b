import { type Api, Composer } from "grammy";
import type { Message } from "grammy/types";
import type { Promotion } from "../../domain/signups/index.js";
import type { BotContext } from "../context.js";
import { createExportHandler, type CompoundNames, type MoreExports } from "./signups/export.js";
import { createLiveCounter, type LiveCounter } from "./signups/live-count.js";
import { createLiveCountRoute, type LiveCountRoute } from "./signups/live-route.js";
import { notifyPromotions, type SignupFeatureServices, type Translators } from "./signups/shared.js";
import { createStaffHandlers } from "./signups/staff.js";
import { createVolunteerHandlers } from "./signups/volunteer.js";
import { FlatComposer } from "../flat-composer.js";

export type { SignupFeatureServices, OnAttendance, Translators } from "./signups/shared.js";
export { createLiveCounter, type LiveCounter } from "./signups/live-count.js";
export { exportFiles, type CsvFile, type MoreExports } from "./signups/export.js";

/** The sign-up feature, plus what the composition root needs outside an update. */
export type SignupFeature = Composer<BotContext> & {
  /** The live-count editor (stop it on shutdown); while this instance does not lead, it marks changes for the leader's. */
  live: LiveCounter;
  /** Who edits live counts: this instance while leading, the leader otherwise (`followLeader`, `poll`). */
  liveCounts: Pick<LiveCountRoute, "followLeader" | "poll">;
  /**
   * For createBot's `onForget`: drops the user from the in-memory rosters (the store already
   * deleted their events) and tells whoever that promoted from a waitlist.
   */
  forget(userId: number, api: Api, translators: Translators): Promise<Promotion[]>;
  /** A notice's capacity was raised: promotes whoever now fits and tells each (through the outbox). */
  capacityChanged(noticeId: string, api: Api, translators: Translators): Promise<Promotion[]>;
  /**
   * For the sender's `onSent`: a reminder with the sign-up buttons of `occurrenceId` reached a chat.
   * The chat remembers it (a text sign-up there means this notice); in a group it becomes a live
   * message whose count is shown at once and kept current.
   */
  delivered(api: Api, occurrenceId: string, chatId: number, message: Message): void;
};

/**
 * Volunteer sign-ups: reminder buttons and text replies, waitlist promotion, live counts, /my;
 * staff: /signups (with attendance buttons), /attended, /party, /export.
 */
export function createSignupFeature(services: SignupFeatureServices & { moreExports?: MoreExports; compoundNames?: CompoundNames }): SignupFeature {
  const { repo } = services;
  const local =
    services.liveCounter ??
    createLiveCounter({
      repo,
      ...(services.liveEditIntervalMs === undefined ? {} : { intervalMs: services.liveEditIntervalMs }),
      ...(services.liveGate ? { gate: services.liveGate } : {}),
    });
  const route = createLiveCountRoute({ local, repo });
  const { live } = route;
  const feature = new FlatComposer<BotContext>();
  feature.use(createVolunteerHandlers({ ...services, live }));
  feature.use(createStaffHandlers(services));
  feature.use(createExportHandler(repo, services.users, services.moreExports, services.compoundNames));
  /** Tells the promoted (through the outbox when there is one) and refreshes their dates' live counts. */
  const tell = async (promoted: Promotion[], api: Api, translators: Translators): Promise<Promotion[]> => {
    await notifyPromotions(api, { locales: services.locales, repo, timezone: repo.timezone, translators, ...(services.outbox ? { outbox: services.outbox } : {}) }, promoted);
    for (const id of new Set(promoted.map((p) => p.occurrenceId))) live.touch(api, id);
    return promoted;
  };
  return Object.assign(feature, {
    live,
    liveCounts: { followLeader: route.followLeader, poll: route.poll },
    forget: async (userId: number, api: Api, translators: Translators) => tell(await repo.forget(userId), api, translators),
    capacityChanged: async (noticeId: string, api: Api, translators: Translators) => tell(await repo.capacityChanged(noticeId), api, translators),
    delivered(api: Api, occurrenceId: string, chatId: number, message: Message) {
      void repo.recordReceived(chatId, occurrenceId, message.message_id, new Date(message.date * 1000));
      if (chatId > 0) return;
      void repo.rememberLiveMessage(occurrenceId, chatId, message.message_id);
      live.sent(api, occurrenceId, { chatId, messageId: message.message_id }, message.reply_markup ?? {});
    },
  });
}
