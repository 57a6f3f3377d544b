/**
 * Sign-ups only for occurrences a notice really has, within the sign-up window (issue 13): forged
 * button data for a date years ahead, or a date the rule does not give, is refused politely and
 * writes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signupCallbackData, signupKeyboard } from "../../src/domain/signups/buttons.js";
import { DEFAULT_SIGNUP_WINDOW, inSignupWindow } from "../../src/domain/signups/window.js";
import { callbackQuery, groupMessage, makeGroup, makeUser } from "../../tools/fake-bot-api/index.js";
import { createTestTranslate } from "../helpers/fluent.js";
import { eventsOf } from "../helpers/store-files.js";
import { EVE, GROUP, setupSignupBot } from "./signups-setup.js";

type Setup = Awaited<ReturnType<typeof setupSignupBot>>;
let s: Setup;
const zh = createTestTranslate("zh");
const DAY = 86_400_000;

beforeEach(async () => {
  s = await setupSignupBot();
});
afterEach(async () => {
  await s.close();
});

describe("the sign-up window", () => {
  it("takes joins for the next 90 days only: a real occurrence further ahead is refused and nothing is written", async () => {
    const reminder = await s.postReminder(GROUP, "cleanup-day:2026-11-28");
    const occurrences = s.repo.between(EVE, new Date(EVE.getTime() + 200 * DAY)).filter((o) => o.noticeId === "cleanup-day");
    expect(occurrences.length).toBeGreaterThan(4);
    let id = 700;
    for (const occ of occurrences) {
      const ahead = (occ.startsAt.getTime() - EVE.getTime()) / DAY;
      const before = { writes: s.store.writes, answers: s.answers().length };
      await s.handle(callbackQuery(makeUser(id++), signupCallbackData("join", occ.occurrenceId), reminder));
      const answer = s.answers()[before.answers];
      if (ahead <= 90) expect(answer, occ.occurrenceId).toMatch(/^✅ 已报名/);
      else {
        expect(answer, occ.occurrenceId).toBe(zh("signup-invalid"));
        expect(s.store.writes).toBe(before.writes);
      }
    }
    const dates = (await eventsOf(s.store)).map((e) => e.occurrenceId);
    expect(dates.length).toBeGreaterThan(0);
    for (const d of dates) expect(Date.parse(d.split(":")[1]!) - EVE.getTime()).toBeLessThanOrEqual(90 * DAY);
  });

  it("refuses forged data for centuries ahead and for dates the rule does not give, without a write", async () => {
    const reminder = await s.postReminder(GROUP, "cleanup-day:2026-11-28");
    const far = s.repo.between(new Date("2126-01-01T00:00:00Z"), new Date("2126-12-31T00:00:00Z"));
    expect(far.length).toBeGreaterThan(10); // real occurrences of the rule, a century ahead
    const writes = s.store.writes;
    const forged = [...far.map((o) => o.occurrenceId), "cleanup-day:2026-11-27", "pest-control:2026-11-12", "nope:2026-11-28"];
    for (const [i, occurrenceId] of forged.entries()) {
      await s.handle(callbackQuery(makeUser(900 + i), signupCallbackData("join", occurrenceId), reminder));
    }
    expect(s.answers()).toEqual(forged.map(() => zh("signup-invalid")));
    expect(s.store.writes).toBe(writes);
    expect(await eventsOf(s.store)).toEqual([]);
    expect(s.repo.book.rosters.size).toBe(0);
  });

  it("refuses a text reply to a (forged) reminder for a date beyond the window", async () => {
    const far = s.repo.between(new Date("2027-06-01T00:00:00Z"), new Date("2027-07-01T00:00:00Z")).find((o) => o.noticeId === "cleanup-day")!;
    const reminder = await s.bot.api.sendMessage(GROUP, "【卫生日】", { reply_markup: signupKeyboard(far.occurrenceId) });
    await s.handle(groupMessage(makeGroup(GROUP), makeUser(950), "报名", reminder));
    expect(s.sends(GROUP).at(-1)).toBe(zh("signup-invalid"));
    expect(await eventsOf(s.store)).toEqual([]);
  });
});

describe("inSignupWindow", () => {
  it("includes both ends and refuses malformed dates", () => {
    expect(DEFAULT_SIGNUP_WINDOW.aheadDays).toBe(90);
    expect(inSignupWindow("2027-02-08", "2026-11-10")).toBe(true); // 90 days
    expect(inSignupWindow("2027-02-09", "2026-11-10")).toBe(false);
    expect(inSignupWindow("2026-10-10", "2026-11-10")).toBe(true); // 31 days back: "already started"
    expect(inSignupWindow("2026-10-09", "2026-11-10")).toBe(false);
    expect(inSignupWindow("2026-13-01", "2026-11-10")).toBe(false);
  });
});
