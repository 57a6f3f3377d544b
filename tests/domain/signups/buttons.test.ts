import { describe, expect, it } from "vitest";
import { occurrenceOfKeyboard, parseSignupCallback, signupCallbackData, signupKeyboard } from "../../../src/domain/signups/buttons.js";

const PEST = "pest-control:2026-11-11";
const LECTURE = "civility-lecture:2026-11-15";

describe("occurrenceOfKeyboard", () => {
  it("reads a reminder's keyboard, with or without the live count", () => {
    expect(occurrenceOfKeyboard(signupKeyboard(PEST))).toBe(PEST);
    expect(occurrenceOfKeyboard(signupKeyboard(PEST, { heads: 3, waiting: 1, capacity: 20 }))).toBe(PEST);
  });

  it("does not take a 'which one?' list, or no sign-up keyboard, for a reminder", () => {
    const choice = (action: "join" | "cancel") => ({
      inline_keyboard: [PEST, LECTURE].map((id) => [{ text: id, callback_data: signupCallbackData(action, id) }]),
    });
    expect(occurrenceOfKeyboard(choice("join"))).toBeUndefined();
    expect(occurrenceOfKeyboard(choice("cancel"))).toBeUndefined();
    expect(occurrenceOfKeyboard({ inline_keyboard: [[{ text: "x", callback_data: "lang:zh" }], [{ text: "u", url: "https://t.me" }]] })).toBeUndefined();
    expect(occurrenceOfKeyboard(undefined)).toBeUndefined();
  });
});

describe("party numbers on 'which one?' buttons", () => {
  it("carry a set or added number, stay under 64 bytes, and refuse anything else", () => {
    const longest = `${"a".repeat(32)}:2026-11-28`;
    expect(signupCallbackData("join", PEST, { headcount: 3 })).toBe(`su:j3:${PEST}`);
    expect(signupCallbackData("join", PEST, { add: 1 })).toBe(`su:a1:${PEST}`);
    expect(new TextEncoder().encode(signupCallbackData("join", longest, { headcount: 1_000_000 })).length).toBeLessThanOrEqual(64);
    expect(parseSignupCallback(`su:j3:${PEST}`)).toEqual({ action: "join", occurrenceId: PEST, headcount: 3 });
    expect(parseSignupCallback(`su:a2:${PEST}`)).toEqual({ action: "join", occurrenceId: PEST, add: 2 });
    expect(parseSignupCallback(`su:j:${PEST}`)).toEqual({ action: "join", occurrenceId: PEST });
    for (const bad of [`su:j0:${PEST}`, `su:c3:${PEST}`, `su:a:${PEST}`, `su:j10000:${PEST}`, `su:a-1:${PEST}`]) expect(parseSignupCallback(bad)).toBeUndefined();
    // a "which one?" list is no reminder: its count is never edited
    expect(occurrenceOfKeyboard({ inline_keyboard: [[{ text: "x", callback_data: `su:j3:${PEST}` }], [{ text: "y", callback_data: `su:j3:${LECTURE}` }]] })).toBeUndefined();
  });
});
