import { describe, expect, it } from "vitest";
import { decideLocale } from "../../src/domain/locale-rule.js";

describe("decideLocale: the one rule for a chat's language", () => {
  it("a group reads its own language, over the member's", () => {
    expect(decideLocale({ group: { lang: "en" }, userLang: "zh", sender: { languageCode: "zh" } })).toBe("en");
    expect(decideLocale({ group: { lang: "en" } })).toBe("en");
  });
  it("a group that never chose: each member in theirs in an update, Chinese outside", () => {
    expect(decideLocale({ group: {}, userLang: "en", sender: { languageCode: "zh" } })).toBe("en");
    expect(decideLocale({ group: {}, sender: { languageCode: "en-GB" } })).toBe("en");
    expect(decideLocale({ group: {} })).toBe("zh");
  });
  it("a person: chosen, else Telegram's in an update, else kept at /start, else Chinese", () => {
    expect(decideLocale({ userLang: "zh", privateChatLang: "en", sender: { languageCode: "en" } })).toBe("zh");
    expect(decideLocale({ privateChatLang: "zh", sender: { languageCode: "ru" } })).toBe("en");
    expect(decideLocale({ privateChatLang: "en" })).toBe("en");
    expect(decideLocale({ userLang: "en", privateChatLang: "zh" })).toBe("en");
    expect(decideLocale({})).toBe("zh");
  });
});
