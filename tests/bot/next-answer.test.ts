import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { createNextNoticeAnswer } from "../../src/bot/next-answer.js";
import { loadNoticeCatalog } from "../../src/store/notice-catalog.js";
import { noticesOf } from "../helpers/catalog.js";

const LOCALES = fileURLToPath(new URL("../../locales", import.meta.url));
const DATA = fileURLToPath(new URL("../../data", import.meta.url));

describe("the answer to \"when is the next …\" for every notice", () => {
  it("lists the notices soonest first, as /next does", async () => {
    const catalog = await loadNoticeCatalog(DATA);
    const answer = createNextNoticeAnswer(noticesOf(catalog), catalog.timezone, createI18n(LOCALES), () => new Date("2026-12-06T02:00:00Z"));
    const text = (await answer(undefined, "en")) ?? "";
    const order = ["Pest control day", "Citizen School lecture", "Weekend cleanup day", "Health bulletin"].map((title) => text.indexOf(title));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
