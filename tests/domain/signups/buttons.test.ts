import { describe, expect, it } from "vitest";
import { occurrenceOfKeyboard, signupCallbackData, signupKeyboard } from "../../../src/domain/signups/buttons.js";

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
