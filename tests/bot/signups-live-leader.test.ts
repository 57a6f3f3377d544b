/**
 * Live-count edits are the leader's duty: a press handled on an instance that does not lead edits
 * nothing there; it marks the occurrence (with the pressed group message remembered), and the
 * leader's editor, taking the marks, edits the count on that message. Two features over one
 * sign-up repository stand for two instances over one database.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSignupFeature } from "../../src/bot/features/signups.js";
import { signupCallbackData } from "../../src/domain/signups/buttons.js";
import { createLocaleService } from "../../src/store/locales.js";
import { createUsersRepo } from "../../src/store/users-repo.js";
import { callbackQuery, makeUser } from "../../tools/fake-bot-api/index.js";
import { GROUP, PEST, setupSignupBot } from "./signups-setup.js";

type Setup = Awaited<ReturnType<typeof setupSignupBot>>;
let s: Setup;
beforeEach(async () => {
  s = await setupSignupBot();
});
afterEach(async () => {
  await s.close();
});

const edits = () => s.rec.calls.filter((c) => c.method === "editMessageReplyMarkup");

describe("live counts with a leader", () => {
  it("a follower's press is edited in by the leader's editor, once, and not by the follower", async () => {
    const leader = createSignupFeature({ repo: s.repo, users: createUsersRepo(s.store), locales: createLocaleService(s.store), liveEditIntervalMs: 0 });
    try {
      s.feature.liveCounts.followLeader(() => false); // the bot under test follows
      const reminder = await s.postReminder(GROUP, PEST);
      await s.handle(callbackQuery(makeUser(501), signupCallbackData("join", PEST), reminder));
      await s.handle(callbackQuery(makeUser(502), signupCallbackData("join", PEST), reminder));
      expect(s.answers()).toHaveLength(2); // answered at once, by the follower
      await s.feature.live.idle();
      expect(edits()).toEqual([]);

      expect(await leader.liveCounts.poll(s.bot.api)).toBe(1); // two presses, one occurrence marked
      await leader.live.idle();
      expect(edits()).toHaveLength(1);
      expect(edits()[0]?.params).toMatchObject({ chat_id: GROUP, message_id: reminder.message_id });
      expect(s.rec.sentMessages(GROUP)[0]?.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe("报名 / I'll join · 2/20");
      expect(await leader.liveCounts.poll(s.bot.api)).toBe(0); // taken: nothing again

      // once this instance leads, its own presses are edited in directly, nothing marked
      s.feature.liveCounts.followLeader(() => true);
      await s.handle(callbackQuery(makeUser(503), signupCallbackData("join", PEST), reminder));
      await s.feature.live.idle();
      expect(s.rec.sentMessages(GROUP)[0]?.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe("报名 / I'll join · 3/20");
      expect(await leader.liveCounts.poll(s.bot.api)).toBe(0);
    } finally {
      leader.live.stop();
    }
  });
});
